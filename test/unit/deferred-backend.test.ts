// The bundle's La Suite Meet backend (src/core/backends/deferred.ts) offers its abilities before
// Meet's client has loaded, from a list written by hand: it must be exactly what the loaded client
// offers, or the call would show controls Meet cannot do, or hide ones it can.
import { expect } from '@open-wc/testing';
import { backendAbilities } from '../../src/core/backends/backend.js';
import { meetBackend as deferredMeetBackend } from '../../src/core/backends/deferred.js';
import { meetBackend } from '../../src/core/backends/meet.js';

describe('the deferred La Suite Meet backend', () => {
  it('offers what the loaded Meet backend offers, no more, no less', () => {
    // Nothing is fetched: making a backend asks no server.
    const options = { api: 'https://visio.example.invalid/api/v1.0/', fetch: () => Promise.reject(new Error('no request expected')) };
    expect(backendAbilities(deferredMeetBackend(options)).sort()).to.deep.equal(backendAbilities(meetBackend(options)).sort());
  });
});
