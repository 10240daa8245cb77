// Each way a token endpoint can fail reaches the user as its own code, a translated message on
// screen, and a retry button; nothing unhandled reaches the page. Real HTTP answers from the
// test server's routes (test/support/token-routes.mjs), and the real LiveKit server where a
// token is used.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import '../../src/index.js';
import { endpointTokenSource, VisioError, type VisioCallElement, type VisioErrorCode, type VisioErrorEvent } from '../../src/index.js';
import { en } from '../../src/i18n/en.js';
import { fr } from '../../src/i18n/fr.js';
import { settle, showsInside, uniqueRoom, VIEWPORTS, watchUnhandledRejections } from '../support/helpers.js';

const cases: Array<{ what: string; endpoint: string; code: VisioErrorCode; timeout?: number }> = [
  { what: 'an unreachable endpoint', endpoint: 'http://127.0.0.1:9/token', code: 'token-endpoint-unreachable' },
  { what: 'a 401', endpoint: '/test/token/401', code: 'token-unauthorized' },
  { what: 'a 403', endpoint: '/test/token/403', code: 'token-forbidden' },
  { what: 'a 500', endpoint: '/test/token/500', code: 'token-request-failed' },
  { what: 'HTML instead of JSON', endpoint: '/test/token/html', code: 'token-response-not-json' },
  { what: 'JSON missing fields', endpoint: '/test/token/missing-fields', code: 'token-response-invalid' },
  { what: 'a token for the wrong server', endpoint: '/test/token/wrong-server', code: 'token-rejected' },
  { what: 'a server that is down', endpoint: '/test/token/server-down', code: 'server-unreachable' },
  { what: 'a timeout', endpoint: '/test/token/slow', code: 'token-request-timeout', timeout: 500 },
];

async function joinAndExpectError(call: VisioCallElement): Promise<VisioErrorEvent> {
  const errorEvent = oneEvent<VisioErrorEvent>(call, 'visio-error');
  const joined = await call.join();
  expect(joined).to.equal(false);
  return errorEvent;
}

/** A <visio-call> without the prejoin or devices, asking `endpoint` for its token. */
function callAsking(endpoint: string, lang = 'en'): Promise<VisioCallElement> {
  return fixture<VisioCallElement>(
    html`<visio-call lang=${lang} token-endpoint=${endpoint} room=${uniqueRoom()} name="Camille" skip-prejoin video="off" audio="off"></visio-call>`,
  );
}

const cancelOf = (call: VisioCallElement) => call.shadowRoot!.querySelector<HTMLButtonElement>('[part="cancel-button"]');

describe('token endpoint failures', () => {
  it('Cancel while the LiveKit server never answers (its WebSocket hangs): inside a 600 px call at 1280 and 375 px, back before the join at once, nothing reported', async function () {
    this.timeout(15_000);
    const unhandled = watchUnhandledRejections();
    try {
      const call = await callAsking('/test/token/server-hangs');
      const errors: string[] = [];
      call.addEventListener('visio-error', (event) => errors.push(event.detail.code));
      const joined = call.join();
      await call.updateComplete;
      const cancel = () => cancelOf(call);
      await waitUntil(() => cancel() && getComputedStyle(cancel()!).visibility === 'visible', 'Cancel shown', { timeout: 2_900 });
      expect(call.status, 'still connecting: the server has not answered').to.equal('connecting');
      // Where a portal gives the call a 600 px block: inside it and on top, at a desktop and a phone width.
      call.style.cssText = 'display: block; height: 600px';
      await showsInside(call, 'desktop', 'connecting-cancel', [cancel()!]);
      await showsInside(call, 'phone', 'connecting-cancel', [cancel()!]);
      await setViewport(VIEWPORTS.desktop);
      expect(call.status).to.equal('connecting');
      cancel()!.click();
      expect(await joined).to.equal(false);
      expect(call.status).to.equal('idle');
      expect(call.livekitRoom?.state ?? 'disconnected').to.equal('disconnected');
      await settle(1_000);
      expect(call.status).to.equal('idle');
      expect(errors, 'a cancel is not a failure').to.deep.equal([]);
      expect(unhandled.reasons).to.deep.equal([]);
    } finally {
      unhandled.stop();
    }
  });

  it('a join that takes long can be called off: Cancel shows after 2 s, goes back before the join, the late token connects nothing, and joining again connects', async function () {
    this.timeout(15_000);
    const unhandled = watchUnhandledRejections();
    try {
      // The endpoint answers (a valid token) 3 s after the request.
      const call = await callAsking('/test/token/slow', 'fr');
      const statuses: string[] = [];
      call.addEventListener('visio-status-changed', (event) => statuses.push(event.detail.status));
      const joined = call.join();
      await call.updateComplete;
      const cancel = () => cancelOf(call);
      expect(cancel()!.textContent.trim()).to.equal(fr.cancelWaiting);
      expect(getComputedStyle(cancel()!).visibility, 'not shown at once (no flash on a quick join)').to.equal('hidden');
      await waitUntil(() => getComputedStyle(cancel()!).visibility === 'visible', 'shown once the join takes long', { timeout: 2_900 });
      const box = cancel()!.getBoundingClientRect();
      expect(box.width).to.be.above(40);
      expect(box.height).to.be.above(20);
      await executeServerCommand('save-screenshot', { name: 'connecting-cancel' });

      cancel()!.click();
      expect(await joined).to.equal(false);
      await waitUntil(() => call.status === 'idle', 'back before the join');
      const join = call.shadowRoot!.querySelector<HTMLButtonElement>('[part="join-button"]')!;
      await waitUntil(() => call.shadowRoot!.activeElement === join, 'the focus on Join');
      // The token arrives later: nothing connects, nothing fails.
      await settle(2_000);
      expect(call.status).to.equal('idle');
      expect(call.livekitRoom?.state ?? 'disconnected').to.equal('disconnected');
      expect(statuses).to.deep.equal(['connecting', 'idle']);
      // Joining again (the portal's endpoint answering at once now) connects.
      call.tokenEndpoint = '/api/token';
      join.click();
      await waitUntil(() => call.status === 'connected', 'joined after the cancel', { timeout: 10_000 });
      expect(call.livekitRoom!.state).to.equal('connected');
      expect(unhandled.reasons).to.deep.equal([]);
    } finally {
      unhandled.stop();
    }
  });

  for (const { what, endpoint, code, timeout } of cases) {
    it(`${what} → ${code}, shown in English and French`, async () => {
      const unhandled = watchUnhandledRejections();
      try {
        const call = await fixture<VisioCallElement>(html`<visio-call lang="en" room=${uniqueRoom()} name="Camille" video="off" audio="off"></visio-call>`);
        call.tokenSource = timeout
          ? (request, options) => endpointTokenSource(endpoint, { timeout })(request, options)
          : (request, options) => endpointTokenSource(endpoint)(request, options);
        const event = await joinAndExpectError(call);
        expect(event.detail.code).to.equal(code);
        expect(event.detail.message).to.equal(en.errors[code]);
        expect(event.detail.error).to.be.instanceOf(VisioError);
        expect(event.bubbles && event.composed).to.equal(true);
        expect(call.status).to.equal('error');
        await call.updateComplete;
        const shown = call.shadowRoot!.querySelector('[role="alert"] .error-message');
        expect(shown?.textContent).to.equal(en.errors[code]);
        call.lang = 'fr';
        await call.updateComplete;
        expect(call.shadowRoot!.querySelector('[role="alert"] .error-message')?.textContent).to.equal(fr.errors[code]);
        const retry = call.shadowRoot!.querySelector<HTMLButtonElement>('[part="join-button"]');
        expect(retry?.textContent?.trim()).to.equal(fr.retry);
        await settle();
        expect(unhandled.reasons).to.deep.equal([]);
      } finally {
        unhandled.stop();
      }
    });
  }

  it('the codes are all different', () => {
    expect(new Set(cases.map((c) => c.code)).size).to.equal(cases.length);
  });

  it('no token endpoint and no token source → configuration-invalid', async () => {
    const call = await fixture<VisioCallElement>(html`<visio-call room="r"></visio-call>`);
    const event = await joinAndExpectError(call);
    expect(event.detail.code).to.equal('configuration-invalid');
  });

  it('a token source that throws anything → unknown, still shown', async () => {
    const call = await fixture<VisioCallElement>(html`<visio-call lang="en" room="r"></visio-call>`);
    call.tokenSource = async () => {
      throw new TypeError('portal bug');
    };
    const event = await joinAndExpectError(call);
    expect(event.detail.code).to.equal('unknown');
    expect(event.detail.error.message).to.equal('portal bug');
    await call.updateComplete;
    expect(call.shadowRoot!.querySelector('.error-message')?.textContent).to.equal(en.errors.unknown);
  });
});

describe('endpointTokenSource', () => {
  it('sends LiveKit’s standard request format, as JSON, with the portal’s cookies and headers', async () => {
    document.cookie = 'portal_session=abc; path=/';
    const source = endpointTokenSource('/test/token/record', { headers: { 'X-CSRF-Token': 't' } });
    const details = await source({ roomName: 'bureau-42', participantName: 'Camille', participantAttributes: { role: 'agent' } }, {});
    expect(details.participantToken.split('.')).to.have.length(3);
    const seen = await (await fetch('/test/token/last-request')).json();
    expect(seen.method).to.equal('POST');
    expect(seen.contentType).to.equal('application/json');
    expect(seen.body).to.deep.equal({ room_name: 'bureau-42', participant_name: 'Camille', participant_attributes: { role: 'agent' } });
    expect(seen.cookie).to.contain('portal_session=abc');
    expect(seen.csrf).to.equal('t');
  });

  it('rejects a token granted for another room', async () => {
    const response = await fetch('/api/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ room_name: 'other', participant_name: 'x' }),
    });
    const details = await response.json();
    const source = endpointTokenSource('/test/token/ok', {
      fetch: async () => new Response(JSON.stringify(details), { status: 200 }),
    });
    const error = await source({ roomName: 'mine' }, {}).catch((e) => e);
    expect(error.code).to.equal('token-response-invalid');
    expect(error.message).to.contain('"other"');
  });

  it('accepts a good answer from the reference endpoint', async () => {
    const details = await endpointTokenSource('/api/token')({ roomName: 'bureau-42', participantName: 'Camille' }, {});
    expect(details.serverUrl).to.match(/^ws:\/\/127\.0\.0\.1:\d+$/);
    expect(details.participantToken.split('.')).to.have.length(3);
  });
});
