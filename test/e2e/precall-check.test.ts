// The pre-call check's connection part against the real LiveKit server (loopback only, ICE over
// UDP; its config has no TCP port and no TURN server, so `tcp` and `relay` are proved by the unit
// test of the stats reading instead): reachable over UDP with a round-trip time, in words and as
// `visio-precall-check`; an unreachable server is a result, not a `visio-error`, and the user can
// still join; the check's participant is invisible to someone already in the room.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import { RoomEvent } from 'livekit-client';
import '../../src/index.js';
import type { PrecallCheckResult, VisioCallElement, VisioPrejoinElement } from '../../src/index.js';
import { en } from '../../src/i18n/en.js';
import { fr } from '../../src/i18n/fr.js';
import { callTestHooks, joinAsPeer, settle, uniqueRoom } from '../support/helpers.js';

const prejoinOf = (call: VisioCallElement) => call.shadowRoot!.querySelector('visio-prejoin')!;
const statusOf = (prejoin: VisioPrejoinElement) => prejoin.shadowRoot!.querySelector<HTMLElement>('[part="precheck-status"]');
const statusText = (call: VisioCallElement) =>
  statusOf(prejoinOf(call))
    ?.textContent?.replace(/[ \t\n]+/g, ' ')
    .trim() ?? '';

describe('pre-call check: the connection', function () {
  this.timeout(60_000);
  const hooks = callTestHooks();

  /** A call whose prejoin checks through `checkEndpoint`, the microphone off (only the connection is checked); its errors, and its first check's results. */
  async function checkedCall(checkEndpoint: string | undefined, options: { lang?: string; room?: string } = {}) {
    const errors: string[] = [];
    const call = document.createElement('visio-call');
    call.lang = options.lang ?? 'en';
    call.setAttribute('token-endpoint', '/api/token');
    if (checkEndpoint) call.setAttribute('check-endpoint', checkEndpoint);
    call.setAttribute('room', options.room ?? uniqueRoom('check'));
    call.setAttribute('name', 'Camille Martin');
    call.setAttribute('audio', 'off');
    call.addEventListener('visio-error', (event) => errors.push(event.detail.code));
    const checked = oneEvent(call, 'visio-precall-check');
    await fixture(html`<div>${call}</div>`);
    const { detail } = await checked;
    await prejoinOf(call).updateComplete;
    return { call, errors, result: detail };
  }

  it('says in words that the server is reachable over UDP, with the round-trip time, and fires visio-precall-check', async () => {
    const { call, errors, result } = await checkedCall('/api/lk/check');
    expect(result.connection.status).to.equal('reachable');
    expect(result.connection.transport).to.equal('udp');
    expect(result.connection.roundTripTime).to.be.a('number').and.at.least(0);
    // The test server offers no TURN relay.
    expect(result.connection.relayOffered).to.equal(false);
    expect(result.microphone.status).to.equal('off');
    const text = statusText(call);
    expect(text).to.contain(en.precheckUdp);
    expect(text).to.contain((en.precheckRoundTrip as string).replace('{ms}', String(result.connection.roundTripTime)));
    expect(statusOf(prejoinOf(call))!.getAttribute('role')).to.equal('status');
    expect(errors).to.deep.equal([]);
    await executeServerCommand('save-screenshot', { name: 'precall-check-udp' });
  });

  it('on a phone (375 px), the French result wraps inside the prejoin, and the join button stays in sight', async () => {
    await setViewport({ width: 375, height: 667 });
    try {
      const { call } = await checkedCall('/api/lk/check', { lang: 'fr' });
      const prejoin = prejoinOf(call);
      const status = statusOf(prejoin)!;
      expect(statusText(call)).to.contain(fr.precheckUdp);
      const outer = prejoin.getBoundingClientRect();
      const box = status.getBoundingClientRect();
      expect(box.width, 'the status has a width').to.be.above(100);
      expect(box.left).to.be.at.least(outer.left - 0.5);
      expect(box.right).to.be.at.most(outer.right + 0.5);
      // Nothing cut off on the side: the longest words wrap.
      expect(status.scrollWidth).to.be.at.most(status.clientWidth + 1);
      status.scrollIntoView({ block: 'center' });
      const join = prejoin.shadowRoot!.querySelector<HTMLButtonElement>('[part="join-button"]')!.getBoundingClientRect();
      expect(join.top, 'the join button is in sight with the status').to.be.at.least(0);
      expect(join.bottom).to.be.at.most(window.innerHeight + 0.5);
      await executeServerCommand('save-screenshot', { name: 'precall-check-phone-fr' });
    } finally {
      await setViewport({ width: 1280, height: 800 });
    }
  });

  it('checks again on "Check again", and reports each finished check once', async () => {
    const { call } = await checkedCall('/api/lk/check');
    const results: PrecallCheckResult[] = [];
    call.addEventListener('visio-precall-check', (event) => results.push(event.detail));
    const again = prejoinOf(call).shadowRoot!.querySelector<HTMLButtonElement>('[part="precheck-button"]')!;
    expect(again.textContent?.trim()).to.equal(en.precheckAgain);
    again.click();
    await waitUntil(() => statusText(call).includes(en.precheckChecking as string), 'checking shown');
    await waitUntil(() => results.length === 1, 'checked again', { timeout: 20_000 });
    expect(results[0].connection.status).to.equal('reachable');
    expect(statusText(call)).to.contain(en.precheckUdp);
  });

  it('an unreachable server is a translated result, not a visio-error: the user can still join', async () => {
    const { call, errors, result } = await checkedCall('/test/check/server-down', { lang: 'fr' });
    expect(result.connection.status).to.equal('unreachable');
    expect(statusText(call)).to.contain(fr.precheckUnreachable);
    expect(errors).to.deep.equal([]);
    await executeServerCommand('save-screenshot', { name: 'precall-check-unreachable-fr' });
    const join = prejoinOf(call).shadowRoot!.querySelector<HTMLButtonElement>('[part="join-button"]')!;
    expect(join.disabled).to.equal(false);
    const connected = oneEvent(call, 'visio-connected');
    join.click();
    await connected;
    expect(call.status).to.equal('connected');
    expect(errors).to.deep.equal([]);
    await call.leave();
  });

  it('the check is invisible to someone already in the room; a visible token is not used for it', async () => {
    const roomName = uniqueRoom('check-peer');
    const peer = hooks.peer(await joinAsPeer(roomName, 'Dominique'));
    const seen: string[] = [];
    peer.on(RoomEvent.ParticipantConnected, (participant) => seen.push(participant.identity));

    const checked = await checkedCall('/api/lk/check', { room: roomName });
    expect(checked.result.connection.status).to.equal('reachable');
    // A "check endpoint" that hands out an ordinary join token (here the token endpoint itself): refused, nothing tested.
    const visible = await checkedCall('/api/token', { room: roomName });
    expect(visible.result.connection.status).to.equal('untested');
    expect(statusText(visible.call)).to.contain(en.precheckUntested);
    // The peer is still connected and hears of nobody (a later join would be seen: see call.test.ts).
    await settle(1_000);
    expect(seen).to.deep.equal([]);
    expect(peer.remoteParticipants.size).to.equal(0);
  });

  it('without a check endpoint says the connection could not be tested', async () => {
    const { call, result, errors } = await checkedCall(undefined);
    expect(result.connection.status).to.equal('untested');
    expect(statusText(call)).to.contain(en.precheckUntested);
    expect(errors).to.deep.equal([]);
  });

  it('runs nothing by itself with skip-prejoin; checkConnection() runs it and resolves with the results', async () => {
    const results: PrecallCheckResult[] = [];
    const call = await fixture<VisioCallElement>(
      html`<visio-call lang="en" skip-prejoin token-endpoint="/api/token" check-endpoint="/api/lk/check" room=${uniqueRoom('check-api')}
        @visio-precall-check=${(event: CustomEvent<PrecallCheckResult>) => results.push(event.detail)}></visio-call>`,
    );
    await settle(1_000);
    expect(results).to.deep.equal([]);
    expect(call.capabilities.commands).to.include('checkConnection');
    expect(call.capabilities.backend).to.include('checkCredentials');
    expect(call.capabilities.events).to.include('visio-precall-check');
    const result = await call.checkConnection();
    expect(result.connection.status).to.equal('reachable');
    expect(result.connection.transport).to.equal('udp');
    expect(result.microphone.status).to.equal('idle');
    expect(results).to.deep.equal([result]);
  });
});
