// A web-test-runner command that saves a PNG of the test page as the browser draws it, for a
// person to look at (layout tests keep one per case): `executeServerCommand('save-screenshot',
// { name: 'desktop-block' })` writes .cache/screenshots/<browser>/desktop-block.png (git-ignored)
// and answers the file's path. Works with every browser launched through puppeteer(-core).
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENSHOTS = join(root, '.cache', 'screenshots');

export function screenshotPlugin() {
  return {
    name: 'save-screenshot',
    async executeCommand({ command, payload, session }) {
      if (command !== 'save-screenshot') return undefined;
      if (session.browser.type !== 'puppeteer') throw new Error('save-screenshot needs a browser launched by puppeteer');
      const name = String(payload?.name ?? '').replace(/[^\w.-]+/g, '-');
      if (!name) throw new Error('save-screenshot: give a name');
      const folder = join(SCREENSHOTS, session.browser.name.toLowerCase());
      await mkdir(folder, { recursive: true });
      const path = join(folder, `${name}.png`);
      await session.browser.getPage(session.id).screenshot({ path, fullPage: true });
      return path;
    },
  };
}
