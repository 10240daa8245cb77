// The self-contained bundle asks for an `autojoin` call's token as it loads
// (src/internal/autojoin-prefetch.ts), and the join takes that answer (postJson). Real requests to
// the test server's token routes; the markup sits in a <template>, where elements are not upgraded,
// as in a page before the bundle has defined them.
import { expect } from '@open-wc/testing';
import { endpointTokenSource, VisioError } from '../../src/index.js';
import { decodeJwtPayload } from '../../src/core/token-source.js';
import { prefetchAutojoinTokens } from '../../src/internal/autojoin-prefetch.js';
import { settle, uniqueRoom, watchUnhandledRejections } from '../support/helpers.js';

/** A page's markup before the bundle: its elements are not upgraded. */
function pageMarkup(markup: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = markup;
  return template.content;
}

describe('the token request of an autojoin call, started as the bundle loads', () => {
  const realFetch = globalThis.fetch;
  /** Every fetch, by URL. */
  let fetched: string[] = [];
  beforeEach(() => {
    fetched = [];
    globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      fetched.push(String(input instanceof Request ? input.url : input));
      return realFetch(input, init);
    };
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('is sent once: the join takes its answer, for its room and name', async () => {
    const room = uniqueRoom('early');
    const endpoint = `/test/token/ok?for=${room}`;
    prefetchAutojoinTokens(pageMarkup(`<visio-call autojoin token-endpoint="${endpoint}" room="${room}" name="Camille Martin"></visio-call>`));
    expect(fetched, 'started at once').to.deep.equal([endpoint]);
    const details = await endpointTokenSource(endpoint)({ roomName: room, participantName: 'Camille Martin' }, {});
    expect(fetched, 'no second request').to.have.length(1);
    const claims = decodeJwtPayload(details.participantToken) as { name?: string; video?: { room?: string } };
    expect(claims.video?.room).to.equal(room);
    expect(claims.name).to.equal('Camille Martin');
  });

  it('leaves alone what the element would not ask the moment it is defined', async () => {
    const room = uniqueRoom('early');
    const root = pageMarkup(`
      <visio-call token-endpoint="/test/token/ok" room="${room}"></visio-call>
      <visio-call autojoin token-endpoint="/test/token/ok" room="${room}" meet-api="/api/v1.0/"></visio-call>
      <visio-call autojoin token-endpoint="/test/token/ok"></visio-call>
      <visio-call autojoin token-endpoint="" room="${room}"></visio-call>
      <visio-call autojoin token-endpoint="/test/token/ok" room="${room}" credentials="everything"></visio-call>
      <visio-call autojoin token-endpoint="/test/token/ok" room="${room}" class="source"></visio-call>
      <visio-call autojoin token-endpoint="/test/token/ok" room="${room}" class="backend"></visio-call>
      <div><p>no call</p></div>`);
    // Properties a page set on the elements before the bundle defined them.
    Object.assign(root.querySelector('.source')!, { tokenSource: async () => ({ serverUrl: 'ws://127.0.0.1:9', participantToken: 'x' }) });
    Object.assign(root.querySelector('.backend')!, { backend: {} });
    prefetchAutojoinTokens(root);
    expect(fetched).to.deep.equal([]);
  });

  it('another request (another name) does not take it: it asks for its own', async () => {
    const room = uniqueRoom('early');
    const endpoint = `/test/token/ok?for=${room}`;
    prefetchAutojoinTokens(pageMarkup(`<visio-call autojoin token-endpoint="${endpoint}" room="${room}" name="Camille"></visio-call>`));
    const details = await endpointTokenSource(endpoint)({ roomName: room, participantName: 'Dominique' }, {});
    expect(fetched).to.have.length(2);
    expect((decodeJwtPayload(details.participantToken) as { name?: string }).name).to.equal('Dominique');
  });

  for (const { what, endpoint, code } of [
    { what: 'a 500', endpoint: '/test/token/500', code: 'token-request-failed' },
    { what: 'an unreachable endpoint', endpoint: 'http://127.0.0.1:9/token', code: 'token-endpoint-unreachable' },
  ]) {
    it(`failing (${what}) gives the join its error (${code}), with one request and nothing unhandled`, async () => {
      const unhandled = watchUnhandledRejections();
      try {
        const room = uniqueRoom('early');
        prefetchAutojoinTokens(pageMarkup(`<visio-call autojoin token-endpoint="${endpoint}" room="${room}"></visio-call>`));
        // The failure comes in before anyone takes the request.
        await settle(500);
        expect(unhandled.reasons, 'before the join').to.deep.equal([]);
        const error = await endpointTokenSource(endpoint)({ roomName: room }, {}).catch((reason: unknown) => reason);
        expect(error).to.be.instanceOf(VisioError);
        expect((error as VisioError).code).to.equal(code);
        expect(fetched).to.have.length(1);
        await settle();
        expect(unhandled.reasons).to.deep.equal([]);
      } finally {
        unhandled.stop();
      }
    });
  }

  it('the join’s timeout and its cancelling still apply to the request started early', async () => {
    const room = uniqueRoom('early');
    const markup = `<visio-call autojoin token-endpoint="/test/token/slow" room="${room}"></visio-call>`;
    prefetchAutojoinTokens(pageMarkup(markup));
    const timedOut = await endpointTokenSource('/test/token/slow', { timeout: 300 })({ roomName: room }, {}).catch((reason: unknown) => reason);
    expect((timedOut as VisioError).code).to.equal('token-request-timeout');

    prefetchAutojoinTokens(pageMarkup(markup));
    const leave = new AbortController();
    const cancelled = endpointTokenSource('/test/token/slow')({ roomName: room }, { signal: leave.signal }).catch((reason: unknown) => reason);
    leave.abort();
    expect(((await cancelled) as Error).name).to.equal('AbortError');
    expect(fetched, 'one request each').to.have.length(2);
  });
});
