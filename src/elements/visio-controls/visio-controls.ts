import { css, html, nothing } from 'lit';
import { DisclosureController } from '../../controllers/disclosure-controller.js';
import type { VisioDeviceChangeEvent } from '../../events/visio-device-change.js';
import { MenuButtonController } from '../../controllers/menu-button-controller.js';
import { menuEntriesOf, OverflowController, type MenuEntry, type RowControl } from '../../controllers/overflow-controller.js';
import { checkIcon, moreIcon, settingsIcon } from '../../internal/icons.js';
import { RoomElement } from '../../internal/room-element.js';
import { controlStyles } from '../../styles/shared.js';

/**
 * The call's control bar: microphone, camera, a device-settings button (microphone, camera and
 * speaker lists), screen share (where the browser can share a screen), leave. Add your own
 * buttons in the slot.
 *
 * The bar stays on one line: below the width its controls need, the least important move into a
 * "more" menu (a menu button: arrow keys, Home, End, Escape). Leave, microphone and camera always
 * stay. A slotted control says how long it stays with `data-priority` (a number, higher stays
 * longer; 10 without; the built-in device settings are 30, screen share 40); in the menu it
 * becomes an item named after its button's `aria-label`, a `menuitemcheckbox` when it has
 * `aria-pressed`, and choosing it clicks it; a control with a `menuEntries()` method (returning
 * `MenuEntry[]`) gives its own items instead.
 *
 * The device lists stay mounted while their panel is closed, so an unplugged device is still
 * replaced by the default one; the panel then opens to show the notice.
 *
 * @slot - Extra controls, after the built-in ones.
 * @csspart bar - The toolbar.
 * @csspart devices-button - The button that shows or hides the device lists.
 * @csspart devices - The panel with the device lists.
 * @csspart more-button - The "more" menu button, shown when some controls do not fit.
 * @csspart more-menu - The menu with the controls that do not fit (`role=menu`).
 */
export class VisioControlsElement extends RoomElement {
  static override styles = [
    ...controlStyles,
    css`
      /* One row whatever the width: below the width the controls need, the least important move
         into the "more" menu (leave, microphone and camera never do). The popups are placed
         against the host, above the row. */
      :host {
        display: block;
        position: relative;
      }
      [role='toolbar'] {
        display: flex;
        justify-content: safe center;
        flex-wrap: nowrap;
        overflow-x: auto;
        scrollbar-width: thin;
        gap: var(--_gap);
        padding: var(--_gap);
      }
      [role='toolbar'] > *,
      ::slotted(*) {
        flex: none;
      }
      /* <visio-reactions> hides only its button: the reactions of others still float over the call. */
      [data-visio-moved],
      ::slotted([data-visio-moved]:not(visio-reactions)),
      .more[hidden] {
        display: none !important;
      }
      /* Leaving stays in view even if the row ever scrolls (controls that never move, a very narrow screen). */
      [role='toolbar'] > visio-leave {
        position: sticky;
        inset-inline-end: calc(var(--_gap) * -1);
        z-index: 1;
        margin-inline: calc(var(--_gap) * -1);
        padding-inline: var(--_gap);
        background: var(--_bg);
      }
      [part='devices'],
      [part='more-menu'] {
        position: absolute;
        bottom: calc(100% + var(--_gap));
        z-index: 2;
        border-radius: var(--_radius);
        background: var(--_surface);
        box-shadow: 0 4px 16px rgb(0 0 0 / 0.25);
      }
      [part='devices'] {
        left: 50%;
        transform: translateX(-50%);
        display: grid;
        gap: var(--_gap);
        width: max-content;
        max-width: min(20rem, 90vw);
        padding: calc(var(--_gap) * 2);
      }
      [part='more-menu'] {
        inset-inline-end: var(--_gap);
        display: flex;
        flex-direction: column;
        min-width: 14rem;
        max-width: calc(100% - 2 * var(--_gap));
        max-height: min(24rem, var(--_menu-room, 70vh));
        overflow-y: auto;
        padding: calc(var(--_gap) / 2) 0;
      }
      [part='more-menu'] [role='group'] {
        display: contents;
      }
      [part='more-menu'] button {
        justify-content: flex-start;
        border-radius: 0;
        min-height: 2.75rem;
        padding: 0 1rem 0 0.5rem;
        text-align: start;
        white-space: nowrap;
      }
      [part='more-menu'] button[aria-disabled='true'] {
        opacity: 0.6;
        cursor: default;
      }
      [part='more-menu'] button:hover,
      [part='more-menu'] button:focus-visible {
        background: var(--_bg);
      }
      [part='more-menu'] button:focus-visible {
        outline-offset: -3px;
      }
      .check {
        display: inline-flex;
        width: 1.25rem;
      }
      .symbol {
        font-size: 1.25rem;
      }
      [part='devices'][hidden],
      [part='more-menu'][hidden] {
        display: none;
      }
    `,
  ];

  private readonly devices = new DisclosureController(this, () =>
    this.overflow.moved.some((element) => element.matches('[part="devices-button"]')) ? '[part="more-button"]' : '[part="devices-button"]',
  );
  private readonly overflow = new OverflowController(this, {
    row: () => this.renderRoot.querySelector('[part="bar"]'),
    more: () => this.renderRoot.querySelector('.more'),
    controls: () => this.controls(),
  });
  private readonly menu = new MenuButtonController(this, {
    button: () => this.renderRoot.querySelector<HTMLElement>('[part="more-button"]'),
    menu: () => this.renderRoot.querySelector<HTMLElement>('[part="more-menu"]'),
  });

  override render() {
    const term = this.localize.term.bind(this.localize);
    const moved = this.overflow.moved;
    return html`
      <div role="toolbar" part="bar" aria-label=${term('callControls')}>
        <visio-toggle source="microphone" .room=${this.room}></visio-toggle>
        <visio-toggle source="camera" .room=${this.room}></visio-toggle>
        <button
          part="devices-button"
          data-priority="30"
          aria-expanded=${this.devices.open ? 'true' : 'false'}
          aria-controls="devices"
          aria-label=${term('deviceSettings')}
          title=${term('deviceSettings')}
          @click=${() => this.devices.toggle()}
          @keydown=${this.devices.onKeydown}
        >
          ${settingsIcon}
        </button>
        ${canShareScreen() ? html`<visio-toggle source="screen_share" data-priority="40" .room=${this.room}></visio-toggle>` : nothing}
        <slot @slotchange=${() => this.overflow.schedule()}></slot>
        <div class="more" ?hidden=${moved.length === 0}>
          <button
            part="more-button"
            aria-haspopup="menu"
            aria-expanded=${this.menu.open ? 'true' : 'false'}
            aria-controls="more-menu"
            aria-label=${term('moreOptions')}
            title=${term('moreOptions')}
            @click=${() => this.menu.toggle()}
            @keydown=${this.menu.onButtonKeydown}
          >
            ${moreIcon}
          </button>
          <div id="more-menu" part="more-menu" role="menu" aria-label=${term('moreOptions')} ?hidden=${!this.menu.open} @keydown=${this.menu.onMenuKeydown}>
            ${this.renderEntries(moved.flatMap((element) => menuEntriesOf(element)))}
          </div>
        </div>
        <visio-leave .room=${this.room}></visio-leave>
      </div>
      <div
        id="devices"
        part="devices"
        role="group"
        aria-label=${term('deviceSettings')}
        ?hidden=${!this.devices.open}
        @keydown=${this.devices.onKeydown}
        @visio-device-change=${this.onDeviceChange}
      >
        <visio-device-select kind="audioinput" .room=${this.room}></visio-device-select>
        <visio-device-select kind="videoinput" .room=${this.room}></visio-device-select>
        <visio-device-select kind="audiooutput" .room=${this.room}></visio-device-select>
      </div>
    `;
  }

  /** The row's controls in order, with how long each stays (`data-priority` on slotted ones; 10 without). */
  private controls(): RowControl[] {
    const root = this.renderRoot;
    const slot = root.querySelector('slot');
    const own = (selector: string) => [...root.querySelectorAll<HTMLElement>(selector)];
    const elements = [
      ...own('[part="bar"] > visio-toggle:not([source="screen_share"])'),
      ...own('[part="bar"] > [data-priority]'),
      ...((slot?.assignedElements() ?? []) as HTMLElement[]),
    ];
    const leave = own('[part="bar"] > visio-leave');
    return [
      ...elements.map((element) => ({ element, priority: element.matches('visio-toggle:not([source="screen_share"])') ? Infinity : priorityOf(element) })),
      ...leave.map((element) => ({ element, priority: Infinity })),
    ];
  }

  /** The moved controls as menu items; consecutive items of one group share a `role=group`. */
  private renderEntries(entries: MenuEntry[]) {
    const runs: MenuEntry[][] = [];
    for (const entry of entries) {
      const last = runs[runs.length - 1];
      if (last && entry.group && last[0].group === entry.group) last.push(entry);
      else runs.push([entry]);
    }
    return runs.map((run) =>
      run[0].group ? html`<div role="group" aria-label=${run[0].group}>${run.map((entry) => this.renderEntry(entry))}</div>` : this.renderEntry(run[0]),
    );
  }

  private renderEntry(entry: MenuEntry) {
    const symbol = entry.symbol ? html`<span class="symbol" aria-hidden="true">${entry.symbol}</span>` : nothing;
    if (entry.checked !== undefined) {
      return html`<button role="menuitemcheckbox" aria-checked=${entry.checked ? 'true' : 'false'} aria-disabled=${entry.disabled ? 'true' : 'false'} tabindex="-1"
        @click=${() => !entry.disabled && entry.run()}>
        <span class="check" aria-hidden="true">${entry.checked ? checkIcon : nothing}</span>${symbol}<span>${entry.label}</span>
      </button>`;
    }
    return html`<button role="menuitem" aria-disabled=${entry.disabled ? 'true' : 'false'} tabindex="-1" @click=${() => !entry.disabled && this.runAndClose(entry)}>
      <span class="check" aria-hidden="true"></span>${symbol}<span>${entry.label}</span>
    </button>`;
  }

  /** A plain item closes the menu (focus back on its button) before it acts, so that it may move the focus on (into a panel). */
  private async runAndClose(entry: MenuEntry) {
    await this.menu.close();
    entry.run();
  }

  /** A device in use was unplugged: show the lists, where the notice says what replaced it. */
  private onDeviceChange(event: VisioDeviceChangeEvent) {
    if (event.detail.reason === 'unplugged') this.devices.toggle(true);
  }
}

function priorityOf(element: Element): number {
  const priority = Number(element.getAttribute('data-priority'));
  return element.hasAttribute('data-priority') && !Number.isNaN(priority) ? priority : 10;
}

function canShareScreen(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getDisplayMedia === 'function';
}

declare global {
  interface HTMLElementTagNameMap {
    'visio-controls': VisioControlsElement;
  }
}
