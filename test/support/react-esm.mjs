// web-test-runner plugin: React and react-dom are CommonJS, which a browser cannot import. This
// serves both as one ES module bundled by esbuild (one copy of React, as an app's bundler makes),
// and points the bare imports `react` and `react-dom/client` at small re-exports of it.
import { build } from 'esbuild';

const SHIMS = {
  '/__react/react.js': "import { React } from './bundle.js'; export default React;",
  '/__react/react-dom-client.js': "import { ReactDOMClient } from './bundle.js'; export const { createRoot } = ReactDOMClient; export default ReactDOMClient;",
};

export function reactEsm() {
  let bundle;
  return {
    name: 'react-esm',
    resolveImport({ source }) {
      if (source === 'react') return '/__react/react.js';
      if (source === 'react-dom/client') return '/__react/react-dom-client.js';
      return undefined;
    },
    async serve(context) {
      if (SHIMS[context.path]) return { body: SHIMS[context.path], type: 'js' };
      if (context.path !== '/__react/bundle.js') return undefined;
      bundle ??= build({
        stdin: {
          contents: "import * as React from 'react'; import * as ReactDOMClient from 'react-dom/client'; export { React, ReactDOMClient };",
          resolveDir: process.cwd(),
        },
        bundle: true,
        format: 'esm',
        write: false,
        define: { 'process.env.NODE_ENV': '"development"' },
      }).then((result) => result.outputFiles[0].text);
      return { body: await bundle, type: 'js' };
    },
  };
}
