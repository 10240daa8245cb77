/**
 * The library's one Trusted Types policy, `visio-elements`, for the script URLs it builds itself
 * (the end-to-end encryption worker). A page that enforces Trusted Types
 * (`require-trusted-types-for 'script'`) lists it: `trusted-types lit-html visio-elements
 * 'allow-duplicates'` (duplicates: two copies of the library on one page each create it).
 *
 * The policy object stays private to this module, and it passes only script URLs of the library's
 * own origin, without query or fragment, so it cannot be used to load anything else.
 */

/** The little of the Trusted Types API used here (not in TypeScript's DOM types yet). */
interface TrustedTypePolicyLike {
  createScriptURL(input: string): unknown;
}
interface TrustedTypesLike {
  createPolicy(name: string, rules: { createScriptURL(input: string): string }): TrustedTypePolicyLike;
}

export const POLICY_NAME = 'visio-elements';

let policy: TrustedTypePolicyLike | null | undefined;

function ownScriptURL(input: string): string {
  const url = new URL(input);
  if (url.origin !== new URL(import.meta.url).origin || !url.pathname.endsWith('.js') || url.search || url.hash) {
    throw new TypeError(`visio-elements: the Trusted Types policy refuses ${input}`);
  }
  return url.href;
}

function visioPolicy(): TrustedTypePolicyLike | null {
  if (policy !== undefined) return policy;
  const trustedTypes = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
  // Without Trusted Types (or when the page's CSP does not allow the name) plain URLs are used:
  // a page that enforces Trusted Types then reports the worker, which tells its author what to add.
  try {
    policy = trustedTypes ? trustedTypes.createPolicy(POLICY_NAME, { createScriptURL: ownScriptURL }) : null;
  } catch {
    policy = null;
  }
  return policy;
}

/**
 * `url` as a value `new Worker()` accepts on a page that enforces Trusted Types: a
 * `TrustedScriptURL` from the `visio-elements` policy where the browser has Trusted Types, else
 * the URL itself.
 */
export function scriptURL(url: URL): string | URL {
  const own = visioPolicy();
  return own ? (own.createScriptURL(url.href) as string) : url;
}
