// Themes: the public tokens change what the browser paints, `theme="light|dark"` switches the
// palette of the element and of every element inside it, and `theme="dsfr|lasuite"` maps the
// tokens onto the page's design-system variables and follows its light/dark switch at runtime.
// Colours are read from getComputedStyle on the boxes a user sees (the join button, the call's
// background, the prejoin's card). A screenshot of each theme goes to .cache/screenshots/.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/index.js';
import type { VisioCallElement } from '../../src/index.js';
import { dark, light } from '../../src/styles/shared.js';
import { callTestHooks, joinedCall, tiles, uniqueRoom } from '../support/helpers.js';
import { background, DSFR_TEST_VARIABLES, foreground, joinButton, LASUITE_TEST_VARIABLES, pageStyles, rgb } from '../support/themes.js';

const newCall = (theme?: string) =>
  fixture<VisioCallElement>(
    html`<visio-call lang="en" theme=${theme ?? ''} token-endpoint="/api/token" room=${uniqueRoom('themes')} name="Camille Martin" skip-prejoin></visio-call>`,
  );

/** Every element inside the call that has a shadow root, through nested roots. */
function shadowHosts(root: ParentNode): Element[] {
  return [...root.querySelectorAll('*')].filter((el) => el.shadowRoot).flatMap((el) => [el, ...shadowHosts(el.shadowRoot!)]);
}

describe('themes', function () {
  this.timeout(60_000);
  callTestHooks();

  it('a token set on the host changes the colours the browser computes inside', async () => {
    const call = await newCall('light');
    expect(background(joinButton(call))).to.equal(rgb(light.accent));
    call.style.setProperty('--visio-accent', '#b00b69');
    call.style.setProperty('--visio-accent-text', '#fffff0');
    call.style.setProperty('--visio-background', '#102030');
    expect(background(joinButton(call))).to.equal(rgb('#b00b69'));
    expect(foreground(joinButton(call))).to.equal(rgb('#fffff0'));
    expect(background(call)).to.equal(rgb('#102030'));
  });

  it('light and dark paint different backgrounds and text, in the call and in every element inside', async () => {
    const { call } = await joinedCall('themes-dark');
    call.theme = 'light';
    await call.updateComplete;
    expect(background(call)).to.equal(rgb(light.background));
    const controls = call.shadowRoot!.querySelector('visio-controls')!;
    const lightText = foreground(controls);
    expect(lightText).to.equal(rgb(light.text));
    await executeServerCommand('save-screenshot', { name: 'theme-light' });

    call.theme = 'dark';
    await call.updateComplete;
    expect(background(call)).to.equal(rgb(dark.background));
    expect(background(call)).not.to.equal(rgb(light.background));
    // The elements inside have no theme of their own: they wear the call's.
    expect(foreground(controls)).to.equal(rgb(dark.text));
    for (const host of shadowHosts(call.shadowRoot!)) expect(getComputedStyle(host).getPropertyValue('--_text').trim(), host.localName).to.equal(dark.text);
    await executeServerCommand('save-screenshot', { name: 'theme-dark' });
  });

  it('theme="dark" on a wrapping <visio-room> dresses the elements inside it', async () => {
    const room = await fixture<HTMLElement>(html`<visio-room theme="dark"><visio-leave lang="en"></visio-leave></visio-room>`);
    const leave = room.querySelector('visio-leave')!;
    await (leave as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(getComputedStyle(leave).getPropertyValue('--_surface').trim()).to.equal(dark.surface);
    room.setAttribute('theme', 'light');
    expect(getComputedStyle(leave).getPropertyValue('--_surface').trim()).to.equal(light.surface);
  });

  describe('a host design system', () => {
    let removeStyles: () => void;
    afterEach(() => {
      removeStyles();
      document.documentElement.removeAttribute('data-fr-theme');
      document.documentElement.classList.remove('cunningham-theme--dark');
    });

    it('theme="dsfr" maps the tokens onto the DSFR’s variables and follows data-fr-theme switched at runtime', async () => {
      removeStyles = pageStyles(DSFR_TEST_VARIABLES);
      document.documentElement.setAttribute('data-fr-theme', 'light');
      const call = await newCall('dsfr');
      const button = joinButton(call);
      // Variables the page defines win…
      expect(background(button)).to.equal(rgb('#123456'));
      expect(foreground(button)).to.equal(rgb('#fefefe'));
      expect(foreground(call)).to.equal(rgb('#202020'));
      // …the others fall back to our own light palette.
      expect(background(call)).to.equal(rgb(light.background));

      document.documentElement.setAttribute('data-fr-theme', 'dark');
      await waitUntil(() => background(button) === rgb('#a0c4ff'), `the DSFR's dark accent (now ${background(button)})`);
      expect(foreground(button)).to.equal(rgb('#010101'));
      expect(foreground(call)).to.equal(rgb('#f0f0f0'));
      // Our fallbacks follow the switch too.
      await waitUntil(() => background(call) === rgb(dark.background), `our dark background (now ${background(call)})`);

      document.documentElement.setAttribute('data-fr-theme', 'light');
      await waitUntil(() => background(call) === rgb(light.background), 'back to light');
      expect(background(button)).to.equal(rgb('#123456'));

      // In the call, for the guide's pictures: pressed toggles wear the DSFR's accent.
      expect(await call.join()).to.equal(true);
      await waitUntil(() => tiles(call).length === 1, 'the local tile', { timeout: 10_000 });
      expect(await call.setHandRaised(true)).to.equal(true);
      const hand = call.shadowRoot!.querySelector('[part="hand-button"]')!;
      await waitUntil(() => hand.getAttribute('aria-pressed') === 'true', 'the hand is raised');
      expect(background(hand)).to.equal(rgb('#123456'));
      await executeServerCommand('save-screenshot', { name: 'theme-dsfr-light' });
      document.documentElement.setAttribute('data-fr-theme', 'dark');
      await waitUntil(() => background(hand) === rgb('#a0c4ff'), 'the dark accent in the call');
      await executeServerCommand('save-screenshot', { name: 'theme-dsfr-dark' });
    });

    it('theme="dsfr" without the DSFR on the page wears our own colours', async () => {
      removeStyles = () => {};
      document.documentElement.setAttribute('data-fr-theme', 'dark');
      const call = await newCall('dsfr');
      await waitUntil(() => background(joinButton(call)) === rgb(dark.accent), `our dark accent (now ${background(joinButton(call))})`);
      expect(background(call)).to.equal(rgb(dark.background));
    });

    it('theme="lasuite" maps the tokens onto Cunningham’s variables and follows cunningham-theme--dark', async () => {
      removeStyles = pageStyles(LASUITE_TEST_VARIABLES);
      const call = await newCall('lasuite');
      const button = joinButton(call);
      expect(background(button)).to.equal(rgb('#0b3d2e'));
      expect(background(call)).to.equal(rgb(light.background));
      document.documentElement.classList.add('cunningham-theme--dark');
      await waitUntil(() => background(button) === rgb('#9be7c4'), `Cunningham's dark primary (now ${background(button)})`);
      await waitUntil(() => background(call) === rgb(dark.background), 'our dark background');
      call.theme = 'light';
      await call.updateComplete;
      expect(background(button)).to.equal(rgb(light.accent));
      expect(background(call)).to.equal(rgb(light.background));
    });
  });
});
