// The 24 languages of the European Union and Arabic: each complete (every key of English, every
// plural form its language needs, the same placeholders), each shown in a real call (join button,
// an error), loaded only when used; hosts add or override strings; right to left follows Arabic.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/index.js';
import { LANGUAGES, registerTranslation, type VisioCallElement, type VisioErrorEvent } from '../../src/index.js';
import { en, type Term, type Translation } from '../../src/i18n/en.js';
import { loadLanguage, resolveLanguage, translationEvents, translationFor } from '../../src/i18n/translations.js';

const joinButton = (call: VisioCallElement) => {
  const prejoin = call.shadowRoot!.querySelector('visio-prejoin');
  return (prejoin?.shadowRoot ?? call.shadowRoot!).querySelector<HTMLButtonElement>('[part="join-button"]')!;
};
const joinText = (call: VisioCallElement) => joinButton(call).textContent.trim();

/** The `{placeholders}` of a term, in order, for every form. */
const placeholders = (term: Term) => (typeof term === 'string' ? [term] : Object.values(term)).map((text) => text.match(/\{\w+\}/g)?.sort() ?? []);

/** Strings that may read the same as English: only placeholders, or the brand-free words a language borrows. */
const sameAsEnglish: Record<string, readonly string[]> = {
  // Ctrl and Alt are printed so on nearly every keyboard.
  '*': ['deviceNumbered', 'newMessage', 'reactionFrom', 'keyCtrl', 'keyAlt'],
  de: ['chat'],
  es: ['chat'],
  fr: ['participants', 'chatMessages', 'reactionSurprise'],
  it: ['chat'],
  nl: ['camera', 'chat', 'keyShift'],
  da: ['chat', 'send', 'roleAdministrator'],
  cs: ['chat', 'keyShift'],
  hr: ['roleAdministrator', 'keyShift'],
  ar: ['keyShift'],
  bg: ['keyShift'],
  el: ['keyShift'],
  pl: ['roleAdministrator', 'keyShift'],
  ro: ['roleAdministrator', 'keyShift'],
  hu: ['keyShift'],
  lt: ['keyShift'],
  lv: ['keyShift'],
  mt: ['keyShift'],
  pt: ['keyShift'],
  sk: ['keyShift'],
  sl: ['keyShift'],
};

/** Every module the page fetched from src/i18n/. */
const fetchedLanguages = () =>
  performance
    .getEntriesByType('resource')
    .map((entry) => /\/src\/i18n\/(\w+)\.ts/.exec(entry.name)?.[1])
    .filter(Boolean);

describe('languages', () => {
  it('ships the 24 official languages of the European Union and Arabic, each named in itself', () => {
    expect(LANGUAGES.map((language) => language.code).sort()).to.deep.equal(
      'ar bg cs da de el en es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv'.split(' '),
    );
    expect(LANGUAGES.find((language) => language.code === 'de')?.name).to.equal('Deutsch');
    expect(LANGUAGES.find((language) => language.code === 'ar')?.name).to.equal('العربية');
  });

  it('loads a language only when an element uses it, shows English meanwhile (never a key), then re-renders', async () => {
    expect(fetchedLanguages()).not.to.include('pl');
    const call = await fixture<VisioCallElement>(html`<visio-call lang="pl"></visio-call>`);
    expect([en.join, 'Dołącz do rozmowy']).to.include(joinText(call));
    await loadLanguage('pl');
    await call.updateComplete;
    await call.shadowRoot!.querySelector('visio-prejoin')?.updateComplete;
    expect(joinText(call)).to.equal(translationFor('pl').join);
    expect(joinText(call)).not.to.equal(en.join);
    expect(fetchedLanguages()).to.include('pl');
    expect(fetchedLanguages()).not.to.include('sv');
  });

  for (const { code } of LANGUAGES) {
    describe(code, () => {
      let strings: Translation;
      before(async () => {
        await loadLanguage(code);
        strings = translationFor(code);
      });

      it('has every string English has, the plural forms its language needs, the same placeholders', () => {
        expect(strings.$code).to.equal(code);
        expect(Object.keys(strings).filter((key) => key !== '$dir')).to.deep.equal(Object.keys(en));
        expect(Object.keys(strings.errors).sort()).to.deep.equal(Object.keys(en.errors).sort());
        const categories = new Intl.PluralRules(code).resolvedOptions().pluralCategories;
        const check = (key: string, term: Term, english: Term) => {
          expect(term, key).to.exist;
          if (typeof english === 'object') {
            expect(typeof term, key).to.equal('object');
            // Every form the language needs (as this browser's Intl knows it), and no made-up one.
            expect(Object.keys(term), `${key}: plural forms of ${code}`).to.include.members(categories);
            expect(['zero', 'one', 'two', 'few', 'many', 'other']).to.include.members(Object.keys(term));
          }
          const expected = placeholders(english)[0];
          for (const found of placeholders(term)) expect(found, `${code} ${key}`).to.deep.equal(expected);
        };
        for (const key of Object.keys(en) as Array<keyof Translation>) {
          if (key === 'errors' || key.startsWith('$')) continue;
          check(key, strings[key] as Term, en[key] as Term);
        }
        for (const error of Object.keys(en.errors) as Array<keyof typeof en.errors>) check(error, strings.errors[error], en.errors[error]);
      });

      if (code === 'en') return;

      it('leaves no English behind', () => {
        const allowed = [...sameAsEnglish['*'], ...(sameAsEnglish[code] ?? [])];
        const same = (Object.keys(en) as Array<keyof Translation>).filter(
          (key) => !key.startsWith('$') && key !== 'errors' && !allowed.includes(key) && JSON.stringify(strings[key]) === JSON.stringify(en[key]),
        );
        const sameErrors = (Object.keys(en.errors) as Array<keyof typeof en.errors>).filter((error) => strings.errors[error] === en.errors[error]);
        expect([...same, ...sameErrors]).to.deep.equal([]);
      });

      it('shows its join button and its error messages in a real call', async () => {
        const call = await fixture<VisioCallElement>(html`<visio-call lang=${code} room="r"></visio-call>`);
        await call.updateComplete;
        await call.shadowRoot!.querySelector('visio-prejoin')?.updateComplete;
        expect(joinText(call)).to.equal(strings.join);
        expect(joinText(call)).not.to.equal(en.join);

        const error = oneEvent<VisioErrorEvent>(call, 'visio-error');
        expect(await call.join()).to.equal(false);
        expect((await error).detail.message).to.equal(strings.errors['configuration-invalid']);
        await call.updateComplete;
        const shown = call.shadowRoot!.querySelector('[role="alert"] .error-message')!.textContent;
        expect(shown).to.equal(strings.errors['configuration-invalid']);
        expect(shown).not.to.equal(en.errors['configuration-invalid']);
        expect(call.getAttribute('dir')).to.equal(code === 'ar' ? 'rtl' : 'ltr');
      });
    });
  }
});

describe('language resolution', () => {
  afterEach(() => {
    delete (navigator as { languages?: readonly string[] }).languages;
    window.dispatchEvent(new Event('languagechange'));
  });

  it('without any lang, takes the first of the browser’s languages it ships, else English', () => {
    expect(resolveLanguage(undefined, ['ja-JP', 'de-AT', 'fr'])).to.equal('de');
    expect(resolveLanguage('', ['pt-BR'])).to.equal('pt');
    expect(resolveLanguage('ja', ['sv-SE'])).to.equal('sv');
    expect(resolveLanguage(undefined, ['ja', 'zh'])).to.equal('en');
    expect(resolveLanguage('ga-IE', ['de'])).to.equal('ga');
  });

  it('follows navigator.languages in a real element, and its change at run time', async () => {
    Object.defineProperty(navigator, 'languages', { configurable: true, get: () => ['ja-JP', 'it-IT'] });
    await loadLanguage('it');
    const call = await fixture<VisioCallElement>(html`<visio-call></visio-call>`);
    await call.shadowRoot!.querySelector('visio-prejoin')?.updateComplete;
    expect(joinText(call)).to.equal(translationFor('it').join);

    Object.defineProperty(navigator, 'languages', { configurable: true, get: () => ['nl-BE'] });
    await loadLanguage('nl');
    window.dispatchEvent(new Event('languagechange'));
    await call.updateComplete;
    await call.shadowRoot!.querySelector('visio-prejoin')?.updateComplete;
    expect(joinText(call)).to.equal(translationFor('nl').join);
  });
});

describe('listeners', () => {
  it('an element removed from the page no longer listens for languages', async () => {
    const before = translationEvents.size;
    const call = await fixture<VisioCallElement>(html`<visio-call lang="de"></visio-call>`);
    expect(translationEvents.size).to.be.greaterThan(before);
    call.remove();
    expect(translationEvents.size).to.equal(before);
  });
});

describe('right to left', () => {
  it('follows Arabic, the page’s dir, and a nearer lang over a farther dir', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <visio-call lang="ar"></visio-call>
      <div dir="rtl"><visio-call lang="en"></visio-call><visio-call id="inherits"></visio-call></div>
      <div lang="ar" dir="ltr"><visio-call id="page-ltr"></visio-call></div>
    </div>`);
    const [arabic, english, inherits, pageLtr] = [...wrapper.querySelectorAll('visio-call')];
    await Promise.all([arabic, english, inherits, pageLtr].map((call) => call.updateComplete));
    expect(getComputedStyle(arabic).direction).to.equal('rtl');
    expect(getComputedStyle(english).direction).to.equal('ltr');
    expect(getComputedStyle(inherits).direction).to.equal('rtl');
    expect(getComputedStyle(pageLtr).direction).to.equal('ltr');

    arabic.lang = 'fr';
    await arabic.updateComplete;
    expect(getComputedStyle(arabic).direction).to.equal('ltr');
  });
});

describe('registerTranslation', () => {
  it('adds a language (English for what it does not give) and re-renders the elements using it', async () => {
    const call = await fixture<VisioCallElement>(html`<visio-call lang="eo" room="r"></visio-call>`);
    expect(joinText(call)).to.equal(en.join);
    registerTranslation({
      $code: 'eo',
      $name: 'Esperanto',
      join: 'Aliĝi al la voko',
      errors: { 'configuration-invalid': 'Ĉi tiu voko ne estas ĝuste agordita.' },
    });
    await call.updateComplete;
    await call.shadowRoot!.querySelector('visio-prejoin')?.updateComplete;
    expect(joinText(call)).to.equal('Aliĝi al la voko');
    expect(await call.join()).to.equal(false);
    await call.updateComplete;
    expect(call.shadowRoot!.querySelector('[role="alert"] .error-message')!.textContent).to.equal('Ĉi tiu voko ne estas ĝuste agordita.');
    expect(call.shadowRoot!.querySelector('[part="join-button"]')!.textContent.trim()).to.equal(en.retry);
  });

  it('overrides one string of a shipped language, keeping the others', async () => {
    await loadLanguage('sv');
    const retry = translationFor('sv').retry;
    const call = await fixture<VisioCallElement>(html`<visio-call lang="sv" room="r"></visio-call>`);
    registerTranslation({ $code: 'sv', join: 'Gå in nu' });
    await call.updateComplete;
    await call.shadowRoot!.querySelector('visio-prejoin')?.updateComplete;
    expect(joinText(call)).to.equal('Gå in nu');
    expect(await call.join()).to.equal(false);
    await call.updateComplete;
    expect(call.shadowRoot!.querySelector('[part="join-button"]')!.textContent.trim()).to.equal(retry);
  });
});
