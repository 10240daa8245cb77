// Whatever display and size a page gives the tag, a call of two shows both videos at a usable
// size and keeps its controls inside the element's box: measured on the boxes the browser lays
// out (not on decoded frames, which a 0-pixel video decodes too), at a desktop width and at a
// phone's. A screenshot of each case goes to .cache/screenshots/<browser>/ (git-ignored).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import '../../src/index.js';
import type { VisioCallElement, VisioTileElement } from '../../src/index.js';
import { callTestHooks, joinAsPeer, publishSyntheticVideo, uniqueRoom, waitForFrames } from '../support/helpers.js';

/** Smallest picture a person can still make out someone in. */
const USABLE = { width: 120, height: 90 };

/**
 * What pages write. The page is `<div id="box"><div id="side"></div><visio-call></div>`; each
 * case is the page's own stylesheet for it.
 */
const CASES: Record<string, string> = {
  'no-css': '#side { display: none; }',
  'block-600': '#side { display: none; } visio-call { display: block; height: 600px; }',
  'inline-block': '#side { display: none; } visio-call { display: inline-block; width: 640px; height: 420px; }',
  'flex-row-child': '#box { display: flex; height: 500px; } #side { flex: none; width: 200px; } visio-call { flex: 1; }',
  'flex-column-child': '#box { display: flex; flex-direction: column; height: 560px; } #side { flex: none; height: 60px; } visio-call { flex: 1; }',
  'grid-area':
    '#box { display: grid; grid-template-areas: "side call"; grid-template-columns: 200px 1fr; grid-template-rows: 480px; } #side { grid-area: side; } visio-call { grid-area: call; }',
  'viewport-units': '#side { display: none; } visio-call { display: block; width: 90vw; height: 75vh; }',
  'sidebar-320': '#box { display: flex; height: 600px; } #side { flex: 1; } visio-call { flex: none; width: 320px; }',
};

const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 375, height: 667 } };

const inside = (inner: DOMRect, outer: DOMRect) =>
  inner.left >= outer.left - 0.5 && inner.top >= outer.top - 0.5 && inner.right <= outer.right + 0.5 && inner.bottom <= outer.bottom + 0.5;
const size = (rect: DOMRect) => `${Math.round(rect.width)}×${Math.round(rect.height)} at ${Math.round(rect.left)},${Math.round(rect.top)}`;

describe('<visio-call> under the host page’s CSS', function () {
  this.timeout(180_000);
  const hooks = callTestHooks();

  after(() => setViewport(VIEWPORTS.desktop));

  it('shows both videos at a usable size, in the grid and on the stage, controls inside its box, whatever display and size the page gives it', async () => {
    const roomName = uniqueRoom('host-css');
    const page = await fixture<HTMLDivElement>(html`
      <div>
        <style id="page-css"></style>
        <div id="box">
          <div id="side"></div>
          <visio-call lang="en" token-endpoint="/api/token" room=${roomName} name="Camille Martin" audio="off" skip-prejoin></visio-call>
        </div>
      </div>
    `);
    const pageCss = page.querySelector('style')!;
    const call = page.querySelector<VisioCallElement>('visio-call')!;
    expect(await call.join()).to.equal(true);
    const peer = hooks.peer(await joinAsPeer(roomName, 'Dominique Durand'));
    await publishSyntheticVideo(peer, { width: 320, height: 180, fps: 10 });
    const local = call.livekitRoom!.localParticipant.identity;
    const remote = peer.localParticipant.identity;
    // The tile of `identity` in the grid or on the stage (large or in the strip).
    const video = (identity: string) =>
      [...(call.shadowRoot!.querySelector('visio-grid, visio-stage')?.shadowRoot?.querySelectorAll<VisioTileElement>('visio-tile') ?? [])]
        .find((tile) => tile.participant?.identity === identity)
        ?.shadowRoot?.querySelector<HTMLVideoElement>('video:not([hidden])');
    await waitUntil(() => video(local) && video(remote), 'both videos shown', { timeout: 20_000 });
    await waitForFrames(video(remote)!, 5, 20_000);

    const failures: string[] = [];
    for (const [layout, viewport, dimensions] of (['grid', 'stage'] as const).flatMap((layout) =>
      Object.entries(VIEWPORTS).map(([v, d]) => [layout, v, d] as const),
    )) {
      if (call.layout !== layout) {
        call.setLayout(layout);
        await waitUntil(() => call.shadowRoot!.querySelector(`visio-${layout}`) && video(local) && video(remote), `the ${layout} shown`, { timeout: 10_000 });
      }
      await setViewport(dimensions);
      for (const [name, css] of Object.entries(CASES)) {
        pageCss.textContent = css;
        const measure = () => {
          const host = call.getBoundingClientRect();
          const controls = call.shadowRoot!.querySelector('visio-controls');
          const bar = controls?.shadowRoot?.querySelector('[part="bar"]');
          return {
            host,
            videos: [local, remote].map((identity) => video(identity)?.getBoundingClientRect()),
            bar: bar?.getBoundingClientRect(),
            controls: controls?.getBoundingClientRect(),
          };
        };
        const fits = () => {
          const { host, videos, bar, controls } = measure();
          return (
            videos.every((box) => box && box.width >= USABLE.width && box.height >= USABLE.height && inside(box, host)) &&
            !!bar &&
            bar.height > 0 &&
            inside(bar, host) &&
            !!controls &&
            inside(controls, host)
          );
        };
        // The grid lays out again when its size is known (a ResizeObserver, then a render).
        await waitUntil(fits, '', { timeout: 3_000 }).catch(() => undefined);
        await executeServerCommand('save-screenshot', { name: `${layout}-${viewport}-${name}` });
        if (!fits()) {
          const { host, videos, bar } = measure();
          failures.push(
            `${layout} ${viewport} ${name}: host ${size(host)}, videos ${videos.map((box) => (box ? size(box) : 'none')).join(' and ')}, bar ${bar ? size(bar) : 'none'}`,
          );
        }
      }
    }
    expect(failures, failures.join('\n')).to.deep.equal([]);
  });

  it('shows the prejoin’s camera preview at a usable size, and its join button can be reached inside its box', async () => {
    const page = await fixture<HTMLDivElement>(html`
      <div>
        <style id="page-css"></style>
        <div id="box">
          <div id="side"></div>
          <visio-call lang="en" token-endpoint="/api/token" room=${uniqueRoom('host-css-prejoin')} name="Camille Martin"></visio-call>
        </div>
      </div>
    `);
    const pageCss = page.querySelector('style')!;
    const call = page.querySelector<VisioCallElement>('visio-call')!;
    const prejoin = () => call.shadowRoot!.querySelector('visio-prejoin')?.shadowRoot;
    const preview = () => prejoin()?.querySelector<HTMLVideoElement>('video:not([hidden])');
    await waitUntil(preview, 'camera preview shown', { timeout: 15_000 });

    const failures: string[] = [];
    for (const [viewport, dimensions] of Object.entries(VIEWPORTS)) {
      await setViewport(dimensions);
      for (const [name, css] of Object.entries(CASES)) {
        pageCss.textContent = css;
        const check = () => {
          const join = prejoin()!.querySelector<HTMLButtonElement>('[part="join-button"]')!;
          // The join button is in sight before anything scrolls: in the prejoin's own box, above the fold.
          const box = call.shadowRoot!.querySelector('visio-prejoin')!;
          box.scrollTop = 0;
          const inSight = inside(join.getBoundingClientRect(), box.getBoundingClientRect());
          join.scrollIntoView({ block: 'nearest', inline: 'nearest' });
          const host = call.getBoundingClientRect();
          const video = preview()!.getBoundingClientRect();
          const button = join.getBoundingClientRect();
          const ok =
            video.width >= USABLE.width &&
            video.height >= USABLE.height &&
            video.left >= host.left - 0.5 &&
            video.right <= host.right + 0.5 &&
            inside(button, host) &&
            inSight;
          return {
            ok,
            text: `${viewport} ${name}: host ${size(host)}, preview ${size(video)}, join button ${size(button)}${inSight ? '' : ' (out of sight until scrolled)'}`,
          };
        };
        await waitUntil(() => check().ok, '', { timeout: 3_000 }).catch(() => undefined);
        window.scrollTo(0, 0);
        call.shadowRoot!.querySelector('visio-prejoin')!.scrollTop = 0;
        await executeServerCommand('save-screenshot', { name: `prejoin-${viewport}-${name}` });
        const { ok, text } = check();
        if (!ok) failures.push(text);
      }
    }
    expect(failures, failures.join('\n')).to.deep.equal([]);
  });
});
