// For Node tests that drive pages holding a <visio-call> in puppeteer: joining from the page's
// own join button, and reading what its tiles show.

/** Clicks the call's join button and waits for `connected` with the local tile shown. */
export async function clickJoin(page, { timeout = 20_000 } = {}) {
  const join = await page.waitForSelector('visio-call >>> [part="join-button"]', { timeout });
  await join.click();
  await page.waitForFunction(
    () => {
      const call = document.querySelector('visio-call');
      const tiles = call?.shadowRoot?.querySelector('visio-grid')?.shadowRoot?.querySelectorAll('visio-tile') ?? [];
      return call?.status === 'connected' && [...tiles].some((tile) => tile.local);
    },
    { timeout },
  );
}

/** Waits until the page's call decodes at least `frames` frames from the remote participant named `name`. */
export async function waitForRemoteFrames(page, name, { frames = 10, timeout = 20_000 } = {}) {
  await page.bringToFront();
  await page.waitForFunction(
    (otherName, count) => {
      const grid = document.querySelector('visio-call').shadowRoot.querySelector('visio-grid');
      const tile = [...(grid?.shadowRoot?.querySelectorAll('visio-tile') ?? [])].find((t) => !t.local && t.participant?.name === otherName);
      return (tile?.shadowRoot.querySelector('video')?.getVideoPlaybackQuality().totalVideoFrames ?? 0) >= count;
    },
    { timeout },
    name,
    frames,
  );
}
