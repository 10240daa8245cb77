// The page of the Lit development-mode run (VISIO_LIT_MODE=dev): Lit's dev build checks more and
// warns through `issueWarning`, which records each warning in `globalThis.litIssuedWarnings`.
// Here every recorded warning, and lit-html's two direct console warnings, throw asynchronously,
// which mocha reports as a failure of the test that was running. The one expected notice ("Lit is
// in dev mode") is silenced by its code.
export function litDevModeHtml(testFramework) {
  return `<!DOCTYPE html>
<html>
  <head>
    <script>
      (() => {
        const fail = (warning) => setTimeout(() => { throw new Error('Lit warning in development mode: ' + warning); });
        const issued = new Set(['dev-mode']);
        const add = issued.add.bind(issued);
        issued.add = (warning) => {
          fail(warning);
          return add(warning);
        };
        globalThis.litIssuedWarnings = issued;
        // lit-html's two warnings that bypass issueWarning.
        const warn = console.warn.bind(console);
        console.warn = (...args) => {
          const text = args.map(String).join(' ');
          if (/^(Some template strings are undefined|Attempted to render the template host)/.test(text)) fail(text);
          warn(...args);
        };
      })();
    </script>
  </head>
  <body>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`;
}
