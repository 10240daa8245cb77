// Every visible string follows the language: the element's own, else the nearest ancestor's
// (across shadow roots), else the page's; changes apply at run time; plurals follow each
// language's rules.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { VisioCallElement } from '../../src/index.js';
import { en } from '../../src/i18n/en.js';
import { fr } from '../../src/i18n/fr.js';
import { format, formatNumber, LANGUAGES, loadLanguage, resolveLanguage, translationFor } from '../../src/i18n/translations.js';

/** The join button's text, in the prejoin the call shows first. */
const joinText = (call: VisioCallElement) => {
  const prejoin = call.shadowRoot!.querySelector('visio-prejoin');
  return (prejoin?.shadowRoot ?? call.shadowRoot!).querySelector('[part="join-button"]')!.textContent.trim();
};

describe('translations', () => {
  afterEach(() => document.documentElement.removeAttribute('lang'));

  it('follows the element’s lang, then an ancestor’s, then the page’s', async () => {
    document.documentElement.lang = 'fr';
    const wrapper = await fixture<HTMLDivElement>(html`<div><visio-call></visio-call><visio-call lang="en"></visio-call></div>`);
    const [inherits, own] = [...wrapper.querySelectorAll('visio-call')];
    expect(joinText(inherits)).to.equal(fr.join);
    expect(joinText(own)).to.equal(en.join);

    wrapper.lang = 'en-GB';
    await new Promise((resolve) => setTimeout(resolve));
    await inherits.updateComplete;
    expect(joinText(inherits)).to.equal(en.join);
  });

  it('switches at run time, including elements inside the call’s shadow root', async () => {
    const call = await fixture<VisioCallElement>(html`<visio-call lang="en"></visio-call>`);
    expect(joinText(call)).to.equal(en.join);
    call.setAttribute('lang', 'fr-FR');
    await call.updateComplete;
    expect(joinText(call)).to.equal(fr.join);
  });

  it('falls back to English for a language it does not ship', async () => {
    const call = await fixture<VisioCallElement>(html`<visio-call lang="ja"></visio-call>`);
    expect(joinText(call)).to.equal(en.join);
    expect(resolveLanguage('FR-ca')).to.equal('fr');
    expect(resolveLanguage(undefined, [])).to.equal('en');
  });

  it('takes a lang named like a property of every object (constructor, toString) for a language it does not ship', async () => {
    for (const lang of ['constructor', 'toString', '__proto__']) {
      const call = await fixture<VisioCallElement>(html`<visio-call lang=${lang}></visio-call>`);
      expect(joinText(call), lang).to.equal(en.join);
      expect(formatNumber(12345, lang), lang).to.equal(new Intl.NumberFormat('en').format(12345));
    }
  });

  it('chooses plural forms with Intl.PluralRules (0 is singular in French, plural in English)', () => {
    expect(format(en.participantCount, 'en', { count: 0 })).to.equal('0 participants');
    expect(format(en.participantCount, 'en', { count: 1 })).to.equal('1 participant');
    expect(format(fr.participantCount, 'fr', { count: 0 })).to.equal('0 participant');
    expect(format(fr.participantCount, 'fr', { count: 1 })).to.equal('1 participant');
    expect(format(fr.participantCount, 'fr', { count: 2 })).to.equal('2 participants');
  });

  it('writes numbers as Intl.NumberFormat does, in every language shipped (French grouping, Arabic digits as the browser has them)', async () => {
    const numbers = [0, 1, 7, 42, 999, 1000, 1234, 12345, 1234567, -5, -0, 2.5, 0.75];
    for (const { code } of LANGUAGES) {
      await loadLanguage(code);
      const intl = new Intl.NumberFormat(code);
      for (const value of numbers) expect(formatNumber(value, code), `${code} ${value}`).to.equal(intl.format(value));
      const count = format(translationFor(code).participantCount, code, { count: 12 });
      expect(count, code).to.include(intl.format(12));
    }
    expect(formatNumber(1234, 'fr')).to.not.equal('1234');
  });

  it('French has every string English has, and no leftover English', () => {
    const keys = (t: object) => Object.keys(t).sort();
    expect(keys(fr)).to.deep.equal(keys(en));
    expect(keys(fr.errors)).to.deep.equal(keys(en.errors));
    for (const code of Object.keys(en.errors) as Array<keyof typeof en.errors>) {
      expect(fr.errors[code], code).to.not.equal(en.errors[code]);
    }
  });
});
