import { Emitter } from '../core/subscribe.js';
import { loadChunk, type VisioError, type VisioErrorCode } from '../core/errors.js';
import { en, type PluralForms, type Term, type Translation } from './en.js';
import { fr } from './fr.js';

/**
 * The languages shipped, by primary code, each with its own name (for a language picker).
 * English and French are in the main bundle (English is the fallback, French the primary
 * audience); every other language is a module of its own, loaded the first time it is used.
 */
export const LANGUAGES: ReadonlyArray<{ readonly code: string; readonly name: string }> = [
  { code: 'bg', name: 'Български' },
  { code: 'cs', name: 'Čeština' },
  { code: 'da', name: 'Dansk' },
  { code: 'de', name: 'Deutsch' },
  { code: 'el', name: 'Ελληνικά' },
  { code: 'en', name: 'English' },
  { code: 'es', name: 'Español' },
  { code: 'et', name: 'Eesti' },
  { code: 'fi', name: 'Suomi' },
  { code: 'fr', name: 'Français' },
  { code: 'ga', name: 'Gaeilge' },
  { code: 'hr', name: 'Hrvatski' },
  { code: 'hu', name: 'Magyar' },
  { code: 'it', name: 'Italiano' },
  { code: 'lt', name: 'Lietuvių' },
  { code: 'lv', name: 'Latviešu' },
  { code: 'mt', name: 'Malti' },
  { code: 'nl', name: 'Nederlands' },
  { code: 'pl', name: 'Polski' },
  { code: 'pt', name: 'Português' },
  { code: 'ro', name: 'Română' },
  { code: 'sk', name: 'Slovenčina' },
  { code: 'sl', name: 'Slovenščina' },
  { code: 'sv', name: 'Svenska' },
  { code: 'ar', name: 'العربية' },
];

/**
 * One dynamic `import()` per language not in the main bundle: a bundler (and our rollup build)
 * makes each a chunk of its own, fetched from the same origin as the library when first used.
 */
const loaders: Readonly<Record<string, () => Promise<Translation>>> = {
  ar: () => import('./ar.js').then((module) => module.ar),
  bg: () => import('./bg.js').then((module) => module.bg),
  cs: () => import('./cs.js').then((module) => module.cs),
  da: () => import('./da.js').then((module) => module.da),
  de: () => import('./de.js').then((module) => module.de),
  el: () => import('./el.js').then((module) => module.el),
  es: () => import('./es.js').then((module) => module.es),
  et: () => import('./et.js').then((module) => module.et),
  fi: () => import('./fi.js').then((module) => module.fi),
  ga: () => import('./ga.js').then((module) => module.ga),
  hr: () => import('./hr.js').then((module) => module.hr),
  hu: () => import('./hu.js').then((module) => module.hu),
  it: () => import('./it.js').then((module) => module.it),
  lt: () => import('./lt.js').then((module) => module.lt),
  lv: () => import('./lv.js').then((module) => module.lv),
  mt: () => import('./mt.js').then((module) => module.mt),
  nl: () => import('./nl.js').then((module) => module.nl),
  pl: () => import('./pl.js').then((module) => module.pl),
  pt: () => import('./pt.js').then((module) => module.pt),
  ro: () => import('./ro.js').then((module) => module.ro),
  sk: () => import('./sk.js').then((module) => module.sk),
  sl: () => import('./sl.js').then((module) => module.sl),
  sv: () => import('./sv.js').then((module) => module.sv),
};

/** The loader of a shipped language; own keys only (`lang="constructor"` is not a language we ship). */
function loaderOf(code: string): (() => Promise<Translation>) | undefined {
  return Object.hasOwn(loaders, code) ? loaders[code] : undefined;
}

/** Languages written right to left (primary codes), for those not loaded yet or registered without `$dir`. */
const RIGHT_TO_LEFT = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ks', 'ps', 'sd', 'ug', 'ur', 'yi']);

/**
 * A host's strings for a language: `$code` names it; any other key given replaces ours (for a
 * language we ship) or is used instead of English (for a new one). Errors may be given in part.
 */
export type TranslationOverride = Partial<Omit<Translation, 'errors'>> & {
  $code: string;
  errors?: Partial<Record<VisioErrorCode, Term>>;
};

/** The strings in memory, by code: the ones bundled, loaded, or registered by the host. */
const loaded = new Map<string, Translation>([
  ['en', en],
  ['fr', fr],
]);
/** Overrides registered by the host, kept apart so that a language loaded later still gets them. */
const overrides = new Map<string, TranslationOverride>();
const pending = new Map<string, Promise<void>>();
/**
 * Languages whose file could not be loaded: English shows instead, for the page's life. They are
 * not asked for again: browsers keep a module that failed to load as failed (Chromium and Firefox
 * fetch it only once per page), and each render asking again had Firefox render in a loop.
 */
const failed = new Set<string>();

/**
 * Emits `change` when a language arrives or the host registers strings: every element re-renders.
 * Emits `failed` (`chunk-load-failed`, with the code in the error's message) when a language's file
 * could not be loaded: the call reports it.
 */
export const translationEvents = new Emitter<{ change: string; failed: { code: string; error: VisioError } }>();

/**
 * Adds a language, or replaces some of the strings of one, for every element on the page (they
 * re-render at once). Several may be given at once. For a language we ship but have not loaded
 * yet, the overrides apply on top of ours when they arrive (on top of English if its file cannot
 * be loaded); a language we do not ship uses English for any string not given.
 *
 * @example
 * registerTranslation({ $code: 'de', join: 'Jetzt beitreten' });
 * registerTranslation({ $code: 'uk', $name: 'Українська', join: 'Приєднатися до дзвінка', errors: { unknown: 'Щось пішло не так.' } });
 */
export function registerTranslation(...translations: TranslationOverride[]): void {
  for (const translation of translations) {
    const code = translation.$code.toLowerCase();
    const previous = overrides.get(code);
    overrides.set(code, { ...previous, ...translation, $code: code, errors: { ...previous?.errors, ...translation.errors } });
    // A shipped language not loaded yet gets the overrides when it arrives; one whose file failed, over English.
    const base = loaded.get(code) ?? (loaderOf(code) && !failed.has(code) ? undefined : en);
    if (base) loaded.set(code, merge(base, overrides.get(code)!));
    translationEvents.emit('change', code);
  }
}

function merge(base: Translation, override: TranslationOverride): Translation {
  return { ...base, ...override, errors: { ...base.errors, ...override.errors } };
}

/** True for a language we can show: shipped (loaded or not) or registered. */
function known(code: string): boolean {
  return loaded.has(code) || !!loaderOf(code);
}

/**
 * The language to use for a `lang` value (`fr-CA` → `fr`), or, with none or one we do not have,
 * the first of the browser's languages we have; English last.
 */
export function resolveLanguage(lang: string | null | undefined, preferred?: readonly string[]): string {
  // The browser's languages are read only when `lang` gives none we have: every string an element
  // renders resolves its language, and `navigator.languages` is a measurable cost at that rate.
  const own = shownLanguage(lang);
  if (own) return own;
  for (const candidate of preferred ?? navigator.languages ?? [navigator.language]) {
    const code = shownLanguage(candidate);
    if (code) return code;
  }
  return 'en';
}

/** `candidate` (`fr-CA` → `fr`) if we can show it, else undefined. */
function shownLanguage(candidate: string | null | undefined): string | undefined {
  const code = (candidate ?? '').toLowerCase();
  if (!code) return undefined;
  if (known(code)) return code;
  const primary = code.split('-')[0];
  return known(primary) ? primary : undefined;
}

/** `rtl` for a language written right to left. */
export function directionOf(code: string): 'ltr' | 'rtl' {
  const dir = loaded.get(code)?.$dir ?? overrides.get(code)?.$dir;
  return dir ?? (RIGHT_TO_LEFT.has(code.split('-')[0]) ? 'rtl' : 'ltr');
}

/**
 * The strings of `code` if they are in memory; otherwise starts loading them (once), emits
 * `change` when they arrive, and returns English meanwhile.
 */
export function translationFor(code: string): Translation {
  const translation = loaded.get(code);
  if (translation) return translation;
  if (!failed.has(code)) void load(code);
  return loaded.get('en')!;
}

/**
 * Loads a shipped language (once); resolves when its strings are in memory, or when loading them
 * failed (English shows instead). Unknown codes resolve at once.
 */
export function loadLanguage(code: string): Promise<void> {
  return loaded.has(code) || failed.has(code) ? Promise.resolve() : load(code);
}

function load(code: string): Promise<void> {
  let promise = pending.get(code);
  if (promise) return promise;
  const loader = loaderOf(code);
  if (!loader) return Promise.resolve();
  promise = loadChunk(`The "${code}" strings`, loader).then(
    (translation) => {
      const override = overrides.get(code);
      loaded.set(code, override ? merge(translation, override) : translation);
      translationEvents.emit('change', code);
    },
    (error: VisioError) => {
      failed.add(code);
      console.warn(`visio-elements: the "${code}" strings could not be loaded; showing English.`, error.cause);
      // The host's own strings for it still show, over English.
      const override = overrides.get(code);
      if (override) loaded.set(code, merge(en, override));
      translationEvents.emit('failed', { code, error });
      if (override) translationEvents.emit('change', code);
    },
  );
  pending.set(code, promise);
  return promise;
}

export type Values = Record<string, string | number>;

/**
 * Fills `{placeholders}`; for plural forms, `values.count` picks the form. Numbers are written the
 * language's way (`Intl.NumberFormat`: `1 234` in French).
 */
export function format(term: Term, code: string, values: Values = {}): string {
  const lang = validLocale(code);
  const text = typeof term === 'string' ? term : pluralForm(term, lang, Number(values.count ?? 0));
  // Most strings have no placeholder; every render formats dozens of them.
  if (!text.includes('{')) return text;
  return text.replace(/\{(\w+)\}/g, (match, key: string) => {
    if (!Object.hasOwn(values, key)) return match;
    const value = values[key];
    return typeof value === 'number' ? writeNumber(value, lang) : value;
  });
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: string): Intl.NumberFormat {
  let formatter = numberFormats.get(lang);
  if (!formatter) numberFormats.set(lang, (formatter = new Intl.NumberFormat(lang)));
  return formatter;
}

/**
 * True when `lang` writes the whole numbers 0 to 999 as plain digits (`12`), as `Intl.NumberFormat`
 * does for every language we ship but Arabic, whose digits depend on the browser's version of CLDR
 * (test/unit/i18n.test.ts checks each language against `Intl`).
 * Those numbers then need no `Intl.NumberFormat`: a page's first one costs Chromium 17 to 35 ms
 * (its number data), and a call's first render writes a count (the grid's label), in the task
 * that shows the call (`npm run bench -- --prefab --profile`).
 */
function plainDigits(lang: string): boolean {
  return lang !== 'ar' && (!!loaderOf(lang) || lang === 'en' || lang === 'fr');
}

function writeNumber(value: number, lang: string): string {
  const small = Number.isInteger(value) && value >= 0 && value < 1000 && !Object.is(value, -0);
  return small && plainDigits(lang) ? String(value) : numberFormat(lang).format(value);
}

/** A number written the language's way. */
export function formatNumber(value: number, lang: string): string {
  return writeNumber(value, validLocale(lang));
}

/**
 * `code` if `Intl` accepts it (a host may register any code), else English. Remembered per code,
 * as are the plural rules of each language: every render formats dozens of strings, and asking
 * `Intl` each time was a measurable part of a call's first render (`npm run bench -- --prefab --profile`).
 */
const validLocales = new Map<string, string>();
function validLocale(code: string): string {
  let valid = validLocales.get(code);
  if (valid === undefined) {
    try {
      Intl.getCanonicalLocales(code);
      valid = code;
    } catch {
      valid = 'en';
    }
    validLocales.set(code, valid);
  }
  return valid;
}

const pluralRules = new Map<string, Intl.PluralRules>();
function pluralForm(forms: PluralForms, lang: string, count: number): string {
  return forms[pluralRulesOf(lang).select(count)] ?? forms.other;
}

function pluralRulesOf(lang: string): Intl.PluralRules {
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  return rules;
}

/**
 * Makes the plural rules of `code` while the page is idle, once per language, and its number
 * format if its small numbers need one (see `plainDigits`): the first `Intl.NumberFormat` of a
 * page would otherwise fall on the first render of a call, in the task that shows it.
 */
const prepared = new Set<string>();
export function prepareFormats(code: string): void {
  if (prepared.has(code)) return;
  prepared.add(code);
  const lang = validLocale(code);
  const prepare = () => {
    if (!plainDigits(lang)) numberFormat(lang);
    pluralRulesOf(lang);
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(prepare, { timeout: 1000 });
  else setTimeout(prepare);
}
