import { ContextProvider } from '@lit/context';
import type { Room } from 'livekit-client';
import type { ReactiveController, ReactiveElement } from 'lit';
import { moderationContext } from '../context/moderation-context.js';
import type { AssignableRole } from '../core/backends/backend.js';
import type { MediaSource } from '../core/media.js';
import { moderationActions, onModerated, sendParticipantMuted, trackSidOf, type ModerationAction, type Moderated } from '../core/moderation.js';
import { displayName, findParticipant, type ParticipantRef } from '../core/participants.js';
import { listen, type Unsubscribe } from '../core/subscribe.js';
import type { CallSessionController } from './call-session-controller.js';

type EventClass<D> = new (detail: D) => Event;

/** The strings the controller shows and announces (keys of the host's translations). */
export type ModerationTerm =
  | 'moderatedMute'
  | 'moderatedRemove'
  | 'moderatedLowerHand'
  | 'moderatedMakeAdministrator'
  | 'moderatedMakeMember'
  | 'mutedByModerator'
  | 'mutedBy'
  | 'permissionsRemoved'
  | 'permissionsRemovedBy'
  | 'microphone'
  | 'camera'
  | 'screenShare';

export interface ModerationOptions {
  session: CallSessionController;
  /** Fired on the host when the local participant was told what a moderator did to them. */
  moderated: EventClass<{ action: Moderated['action']; identity: string; by?: ParticipantRef; sources?: MediaSource[] }>;
  term(key: ModerationTerm, values?: Record<string, string>): string;
  /** The host's language, to join a list of sources. */
  lang(): string;
  /** Tells screen readers (a polite live region). */
  announce(text: string): void;
  /** Shows a notice over the call (announced too). */
  notice(text: string): void;
}

const DONE: Record<ModerationAction, ModerationTerm> = {
  mute: 'moderatedMute',
  remove: 'moderatedRemove',
  lowerHand: 'moderatedLowerHand',
  makeAdministrator: 'moderatedMakeAdministrator',
  makeMember: 'moderatedMakeMember',
};

/**
 * Moderation in a call: provides what the local participant may do to others (to tiles and the
 * participant list, by context), does what they choose there (`visio-moderate-request`) or
 * through the host's commands with the session's backend, announces it when done, and tells the
 * local participant what moderators did to them (a notice, announced, and the `moderated` event).
 */
export class ModerationController implements ReactiveController {
  private readonly provider: ContextProvider<typeof moderationContext>;
  private stopRequests?: Unsubscribe;

  constructor(
    private readonly host: ReactiveElement,
    private readonly options: ModerationOptions,
  ) {
    this.provider = new ContextProvider(host, { context: moderationContext, initialValue: [] });
    host.addController(this);
  }

  hostConnected(): void {
    this.stopRequests = listen(this.host, 'visio-moderate-request', (event) => {
      event.stopPropagation();
      const { action, identity } = (event as CustomEvent<{ action: ModerationAction; identity: string }>).detail;
      void this.act(action, identity);
    });
  }

  hostDisconnected(): void {
    this.stopRequests?.();
  }

  /** Before each render: the actions offered now (the local role and the backend may have changed). */
  hostUpdate(): void {
    const { session } = this.options;
    const actions = session.inCall ? moderationActions(session.room, session.backend) : [];
    const current = this.provider.value;
    if (actions.length !== current.length || actions.some((action, i) => action !== current[i])) this.provider.setValue(actions);
  }

  /** Does `action` to `identity`; resolves to whether it was done. Never rejects. */
  act(action: ModerationAction, identity: string): Promise<boolean> {
    switch (action) {
      case 'mute':
        return this.mute(identity);
      case 'remove':
        return this.run(action, identity, (backend, call) => backend.removeParticipant?.(call, identity));
      case 'lowerHand':
        return this.run(action, identity, (backend, call) => backend.lowerHand?.(call, identity));
      case 'makeAdministrator':
      case 'makeMember':
        return this.setRole(identity, action === 'makeAdministrator' ? 'administrator' : 'member');
    }
  }

  /** Mutes `identity`'s `source` (their microphone by default) and, for a microphone, tells them. */
  async mute(identity: string, source: MediaSource = 'microphone'): Promise<boolean> {
    const room = this.options.session.room;
    const trackSid = room && trackSidOf(room, identity, source);
    if (!room || !trackSid) return false;
    const done = await this.run('mute', identity, (backend, call) => backend.muteTrack?.(call, identity, trackSid));
    // As La Suite Meet's clients do: the muted participant's client says why.
    if (done && source === 'microphone') await this.options.session.act(async (room) => (await sendParticipantMuted(room, identity), true));
    return done;
  }

  setRole(identity: string, role: AssignableRole): Promise<boolean> {
    return this.run(role === 'administrator' ? 'makeAdministrator' : 'makeMember', identity, (backend, call) => backend.setRole?.(call, identity, role));
  }

  private async run(action: ModerationAction, identity: string, act: Parameters<CallSessionController['backendAct']>[0]): Promise<boolean> {
    const { session, term, announce } = this.options;
    const target = session.room && findParticipant(session.room, identity);
    if (!target || target.isLocal) return false;
    const name = displayName(target);
    const done = await session.backendAct(act);
    if (done) announce(term(DONE[action], { name }));
    return done;
  }

  /** Follows what moderators do to the local participant in `room`. */
  watch(room: Room): Unsubscribe[] {
    return [
      onModerated(room, (moderated) => {
        const { term, notice } = this.options;
        const by = moderated.by?.name;
        if (moderated.action === 'muted') notice(by ? term('mutedBy', { name: by }) : term('mutedByModerator'));
        if (moderated.action === 'permissionsRemoved') {
          const names = (moderated.sources ?? []).map((source) => term(source === 'screenShare' ? 'screenShare' : source));
          const sources = new Intl.ListFormat(this.options.lang(), { type: 'conjunction' }).format(names);
          notice(by ? term('permissionsRemovedBy', { name: by, sources }) : term('permissionsRemoved', { sources }));
        }
        this.host.dispatchEvent(new this.options.moderated({ ...moderated, identity: room.localParticipant.identity }));
      }),
    ];
  }
}
