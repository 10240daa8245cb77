import { html, nothing } from 'lit';
import { applicableActions, type ModerationAction } from '../core/moderation.js';
import type { ParticipantInfo } from '../core/observe.js';
import { VisioModerateRequestEvent } from '../events/visio-moderate-request.js';
import type { LocalizeController } from '../i18n/localize.js';
import type { MenuController } from '../controllers/menu-controller.js';

const ITEM_TERMS = {
  mute: 'moderateMute',
  lowerHand: 'moderateLowerHand',
  makeAdministrator: 'moderateMakeAdministrator',
  makeMember: 'moderateMakeMember',
  remove: 'moderateRemove',
} as const satisfies Record<ModerationAction, string>;

/** The moderation items a menu shows for `target`, among the actions `allowed` here. */
export function moderationItemsFor(allowed: readonly ModerationAction[] | undefined, target: ParticipantInfo | undefined): ModerationAction[] {
  return allowed && target ? applicableActions(allowed, target) : [];
}

export interface ModerationItemsOptions {
  localize: LocalizeController;
  /** The element that fires the request (a tile, the participant list). */
  host: HTMLElement;
  identity: string;
  name: string;
  actions: readonly ModerationAction[];
  /**
   * The menu the items are in: while it is `confirming`, the removal waits for a confirmation (the
   * items are then "Remove" and "Cancel"); after a request was fired, it closes.
   */
  menu: MenuController;
}

/**
 * The moderation items of a menu (`role="menuitem"` buttons, part `moderation-item`), each named
 * for the person; "remove" asks for a confirmation in place first. Choosing one fires
 * `visio-moderate-request` on `host`.
 */
export function moderationItems(options: ModerationItemsOptions) {
  const { localize, host, identity, name, actions, menu } = options;
  if (!actions.length) return nothing;
  const request = (action: ModerationAction) => {
    host.dispatchEvent(new VisioModerateRequestEvent({ action, identity }));
    void menu.close();
  };
  if (menu.confirming) {
    return html`<p class="confirm" part="confirm" id="confirm-remove">${localize.term('confirmRemove', { name })}</p>
      <button role="menuitem" class="moderation-item danger" part="moderation-item confirm-button" data-action="confirm-remove"
        aria-describedby="confirm-remove" @click=${() => request('remove')}>${localize.term('confirmRemoveButton')}</button>
      <button role="menuitem" class="moderation-item" part="moderation-item" data-action="cancel" @click=${() => void menu.confirm(false)}>
        ${localize.term('cancelAction')}
      </button>`;
  }
  return actions.map(
    (action) =>
      html`<button role="menuitem" class="moderation-item ${action === 'remove' ? 'danger' : ''}" part="moderation-item" data-action=${action}
        @click=${() => (action === 'remove' ? void menu.confirm(true) : request(action))}>${localize.term(ITEM_TERMS[action], { name })}</button>`,
  );
}
