// How a failed getDisplayMedia is classified: the user cancelling is not a failure.
import { expect } from '@open-wc/testing';
import { screenShareError } from '../../src/core/errors.js';
import { en } from '../../src/i18n/en.js';
import { fr } from '../../src/i18n/fr.js';

describe('screenShareError', () => {
  it('a closed picker is `screen-share-cancelled`', () => {
    expect(screenShareError(new DOMException('Permission denied by user', 'NotAllowedError')).code).to.equal('screen-share-cancelled');
    expect(screenShareError(new DOMException('aborted', 'AbortError')).code).to.equal('screen-share-cancelled');
  });

  it('a browser that refuses or cannot is `screen-share-failed`, with the cause kept', () => {
    const cause = new DOMException('no', 'NotSupportedError');
    const error = screenShareError(cause);
    expect(error.code).to.equal('screen-share-failed');
    expect(error.cause).to.equal(cause);
    expect(screenShareError(new TypeError('getDisplayMedia is not a function')).code).to.equal('screen-share-failed');
    expect(screenShareError(new DOMException('busy', 'NotReadableError')).code).to.equal('screen-share-failed');
  });

  it('both have a message in English and French', () => {
    for (const code of ['screen-share-cancelled', 'screen-share-failed'] as const) {
      expect(en.errors[code]).to.be.a('string').and.not.equal(fr.errors[code]);
    }
  });
});
