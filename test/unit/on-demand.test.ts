// Parts of the library loaded on demand. The bundle's La Suite Meet backend
// (src/core/backends/deferred.ts) offers its abilities before Meet's client has loaded, from a list
// written by hand: it must be exactly what the loaded client offers, or the call would show
// controls Meet cannot do, or hide ones it can. A chunk that cannot be fetched is
// `chunk-load-failed`, whoever loads it (an element, Meet's or Tchap's client).
import { expect } from '@open-wc/testing';
import { backendAbilities } from '../../src/core/backends/backend.js';
import { meetBackend as deferredMeetBackend } from '../../src/core/backends/deferred.js';
import { meetBackend } from '../../src/core/backends/meet.js';
import { loadChunk, type VisioError } from '../../src/core/errors.js';

describe('parts loaded on demand', () => {
  it('the deferred La Suite Meet backend offers what the loaded one offers, no more, no less', () => {
    // Nothing is fetched: making a backend asks no server.
    const options = { api: 'https://visio.example.invalid/api/v1.0/', fetch: () => Promise.reject(new Error('no request expected')) };
    expect(backendAbilities(deferredMeetBackend(options)).sort()).to.deep.equal(backendAbilities(meetBackend(options)).sort());
  });

  it('a chunk the browser cannot fetch is chunk-load-failed, naming the part; one it can is returned', async () => {
    // A real import() of a file the test server does not have (404).
    const missing = `/missing-chunk-${Date.now()}.js`;
    const error = await loadChunk('The chat', () => import(/* @vite-ignore */ missing)).then(
      () => undefined,
      (failure: VisioError) => failure,
    );
    expect(error?.code).to.equal('chunk-load-failed');
    expect(error?.message).to.equal('The chat could not be loaded.');
    expect(error?.cause).to.be.an('error');
    const loaded = await loadChunk('The version', () => import('../../src/core/version.js'));
    expect(loaded.VERSION).to.be.a('string');
  });
});
