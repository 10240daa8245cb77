// A web-test-runner command that emulates CSS media features @web/test-runner-commands'
// emulateMedia does not pass on for puppeteer browsers, such as `forced-colors`:
// `executeServerCommand('emulate-media-features', [{ name: 'forced-colors', value: 'active' }])`;
// an empty list resets them. Chromium only: puppeteer emulates media features over the DevTools
// protocol, which its Firefox (WebDriver BiDi) pages do not speak.
export function mediaFeaturesPlugin() {
  return {
    name: 'emulate-media-features',
    async executeCommand({ command, payload, session }) {
      if (command !== 'emulate-media-features') return undefined;
      if (session.browser.type !== 'puppeteer') throw new Error('emulate-media-features needs a browser launched by puppeteer');
      await session.browser.getPage(session.id).emulateMediaFeatures(payload ?? []);
      return true;
    },
  };
}
