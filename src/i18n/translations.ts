import { en, type PluralForms, type Term, type Translation } from './en.js';
import { fr } from './fr.js';

/** The languages shipped, by primary code. English is the fallback for anything missing. */
export const translations: Readonly<Record<string, Translation>> = { en, fr };

/** `fr-CA` → `fr`, `de` → `en`. */
export function resolveLanguage(lang: string | null | undefined): string {
  const code = (lang ?? '').toLowerCase();
  if (translations[code]) return code;
  const primary = code.split('-')[0];
  return translations[primary] ? primary : 'en';
}

export type Values = Record<string, string | number>;

/** Fills `{placeholders}`; for plural forms, `values.count` picks the form. */
export function format(term: Term, lang: string, values: Values = {}): string {
  const text = typeof term === 'string' ? term : pluralForm(term, lang, Number(values.count ?? 0));
  return text.replace(/\{(\w+)\}/g, (match, key: string) => (key in values ? String(values[key]) : match));
}

function pluralForm(forms: PluralForms, lang: string, count: number): string {
  return forms[new Intl.PluralRules(lang).select(count)] ?? forms.other;
}

/** The languages shipped, by code, each named in itself (for a language choice). */
export const LANGUAGES: { code: string; name: string }[] = [
  { code: 'en', name: 'English' },
  { code: 'fr', name: 'Français' },
];
