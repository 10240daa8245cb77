// `npm run analyze`: dist/custom-elements.json from the source (JSDoc on each element class:
// @fires, @csspart, @cssprop, @slot; Lit's @property decorators for attributes and properties).
// Our elements are defined with `Class.define(tag)`, which the analyzer does not recognise: the
// plugin below takes each tag from its folder (src/elements/<tag>/<tag>.ts), as the build does.
// test/node/manifest.test.mjs checks the result against the source and the built elements.
import { listElements } from './scripts/elements.mjs';

const tagOf = new Map(listElements().map(({ tag, className }) => [className, tag]));

function tagsFromFolders() {
  return {
    name: 'visio-tags-from-folders',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          const tag = tagOf.get(declaration.name);
          if (declaration.kind !== 'class' || !tag || !module.path.endsWith(`${tag}/${tag}.ts`)) continue;
          declaration.customElement = true;
          // `dispatchEvent(new VisioXEvent(…))` shows up as an event with no name; @fires names them.
          declaration.events = (declaration.events ?? []).filter((event) => event.name);
          declaration.tagName = tag;
          module.exports = [
            ...(module.exports ?? []),
            { kind: 'custom-element-definition', name: tag, declaration: { name: declaration.name, module: module.path } },
          ];
        }
      }
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/react/**'],
  outdir: 'dist',
  litelement: true,
  plugins: [tagsFromFolders()],
};
