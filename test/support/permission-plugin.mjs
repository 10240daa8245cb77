// A web-test-runner command that changes the page's camera and microphone permissions through
// Chromium's own permission controls, as a user does in the site settings:
// `executeServerCommand('set-media-permission', { granted: true })` allows both, `{ granted: false }`
// drops the override again.
export function permissionPlugin() {
  return {
    name: 'set-media-permission',
    async executeCommand({ command, payload, session }) {
      if (command !== 'set-media-permission') return undefined;
      if (session.browser.type !== 'puppeteer') throw new Error('set-media-permission needs a Chromium launched by puppeteer');
      const page = session.browser.getPage(session.id);
      const context = page.browserContext();
      if (payload?.granted) await context.overridePermissions(new URL(page.url()).origin, ['camera', 'microphone']);
      else await context.clearPermissionOverrides();
      return true;
    },
  };
}
