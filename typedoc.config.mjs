// typedoc for `npm run docs` (scripts/docs.mjs): core, events, types and element classes from
// src/index.ts into docs/api/. The elements' own JSDoc tags (@fires, @csspart…) feed
// custom-elements.json; typedoc only needs to know them.
import { OptionDefaults } from 'typedoc';

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  entryPoints: ['src/index.ts'],
  tsconfig: 'tsconfig.build.json',
  out: 'docs/api',
  name: 'visio-elements',
  readme: 'docs/guide.md',
  excludePrivate: true,
  excludeProtected: true,
  excludeExternals: true,
  blockTags: [...OptionDefaults.blockTags, '@fires', '@csspart', '@cssprop', '@slot'],
  // Lit's `static styles` point at lit's own docs.
  validation: { notExported: false, invalidLink: false },
};
