// The React wrappers generated from custom-elements.json (src/react/, @lit/react): rendered with
// react-dom, props reach the element's properties and the element's events reach the `on…` props.
import { expect, waitUntil } from '@open-wc/testing';
import React from 'react';
import { createRoot, type Root } from 'react-dom/client';
// Not src/index.js, which defines every element: importing a wrapper must be enough.
import { VisioError } from '../../src/core/errors.js';
import type { VisioErrorEvent, VisioJoinRequestEvent } from '../../src/index.js';
import { VisioCall, VisioGrid } from '../../src/react/index.js';

describe('React wrappers', () => {
  let container: HTMLDivElement;
  let root: Root;
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });
  afterEach(() => {
    root.unmount();
    container.remove();
  });

  const call = () => container.querySelector('visio-call');

  it('<VisioCall> defines the element and what it renders, and sets props as properties', async () => {
    const tokenSource = async () => {
      throw new VisioError('token-forbidden', 'no');
    };
    root.render(React.createElement(VisioCall, { room: 'bureau-42', name: 'Camille', lang: 'fr', audio: false, skipPrejoin: true, tokenSource }));
    await waitUntil(() => call(), 'rendered');
    const element = call()!;
    for (const rendered of ['visio-room', 'visio-grid', 'visio-tile', 'visio-controls', 'visio-toggle', 'visio-leave', 'visio-audio']) {
      expect(customElements.get(rendered), rendered).to.not.equal(undefined);
    }
    expect(element.room).to.equal('bureau-42');
    expect(element.name).to.equal('Camille');
    expect(element.audio).to.equal(false);
    expect(element.tokenSource).to.equal(tokenSource);
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('[part="join-button"]')!.textContent).to.equal('Rejoindre l’appel');

    root.render(React.createElement(VisioCall, { room: 'bureau-43', name: 'Camille', lang: 'en', audio: false, skipPrejoin: true, tokenSource }));
    await waitUntil(() => element.room === 'bureau-43', 'new prop reaches the element');
    expect(call()).to.equal(element);
  });

  it('events reach on… props: onVisioError with its code, onVisioJoinRequest can cancel', async () => {
    const errors: string[] = [];
    let refuse = true;
    const requests: string[] = [];
    root.render(
      React.createElement(VisioCall, {
        room: 'r',
        tokenSource: async () => {
          throw new VisioError('token-unauthorized', 'not signed in');
        },
        onVisioError: (event: VisioErrorEvent) => errors.push(event.detail.code),
        onVisioJoinRequest: (event: VisioJoinRequestEvent) => {
          requests.push(event.detail.room);
          if (refuse) event.preventDefault();
        },
      }),
    );
    await waitUntil(() => call(), 'rendered');
    expect(await call()!.join()).to.equal(false);
    expect(requests).to.deep.equal(['r']);
    expect(errors).to.deep.equal([]);

    refuse = false;
    expect(await call()!.join()).to.equal(false);
    expect(errors).to.deep.equal(['token-unauthorized']);
  });

  it('wraps every element, e.g. <VisioGrid> with a room property', async () => {
    root.render(React.createElement(VisioGrid, { id: 'g' }));
    await waitUntil(() => container.querySelector('visio-grid')?.shadowRoot, 'grid rendered');
  });
});
