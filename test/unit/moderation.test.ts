// What the person acted on is told, from what really happened: a "participantMuted" notification
// only with a real mute of their microphone, lost rights from the server's permission change, a
// removal from the disconnect reason; and which moderation items a host gets for whom.
import { expect } from '@open-wc/testing';
import { DisconnectReason, RoomEvent, Track, type Participant, type Room } from 'livekit-client';
import { applicableActions, mayPublish, MODERATION_WINDOW, onModerated, parseModerationPacket, type Moderated } from '../../src/core/moderation.js';

/** Just what onModerated uses of a Room: its events, and the local microphone's publication. */
function fakeRoom() {
  const listeners = new Map<string, Set<(...args: never[]) => void>>();
  const microphone = { source: Track.Source.Microphone, isMuted: false };
  const local = { identity: 'me', isLocal: true, permissions: undefined as Participant['permissions'], getTrackPublication: () => microphone };
  const room = {
    localParticipant: local,
    on: (event: string, listener: never) => (listeners.get(event) ?? listeners.set(event, new Set()).get(event)!).add(listener),
    off: (event: string, listener: never) => listeners.get(event)?.delete(listener),
  } as unknown as Room;
  const emit = (event: string, ...args: unknown[]) => listeners.get(event)?.forEach((listener) => (listener as (...a: unknown[]) => void)(...args));
  const sender = (identity: string) => ({ identity, name: identity.toUpperCase(), isLocal: false }) as Participant;
  const packet = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  return {
    room,
    listeners,
    local,
    send: (from: string, value: unknown, topic?: string) => emit(RoomEvent.DataReceived, packet(value), sender(from), undefined, topic),
    muteMicrophone: () => {
      microphone.isMuted = true;
      emit(RoomEvent.TrackMuted, microphone, local);
    },
    setPermissions: (permissions: Participant['permissions']) => {
      const previous = local.permissions;
      local.permissions = permissions;
      emit(RoomEvent.ParticipantPermissionsChanged, previous, local);
    },
    disconnect: (reason: DisconnectReason) => emit(RoomEvent.Disconnected, reason),
  };
}

const permissions = (canPublishSources: number[], canPublish = true) => ({ canPublish, canPublishSources }) as unknown as Participant['permissions'];

describe('what the person acted on is told', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 1_000_000));

  it('believes "participantMuted" only with a real mute of the microphone within the window, before or after it', () => {
    const fake = fakeRoom();
    const told: Moderated[] = [];
    const stop = onModerated(fake.room, (moderated) => told.push(moderated), clock);
    fake.send('mallory', { type: 'participantMuted' });
    expect(told, 'a packet alone').to.deep.equal([]);
    now += MODERATION_WINDOW + 1;
    fake.muteMicrophone();
    expect(told, 'a mute long after the packet').to.deep.equal([]);
    now += 1000;
    fake.send('host', { type: 'participantMuted' });
    expect(told).to.deep.equal([{ action: 'muted', by: { identity: 'host', name: 'HOST' } }]);
    stop();
    expect(
      [...fake.listeners.values()].every((set) => set.size === 0),
      'no listener left',
    ).to.equal(true);
  });

  it('ignores notifications with a topic, unknown types and floods', () => {
    const fake = fakeRoom();
    const told: Moderated[] = [];
    onModerated(fake.room, (moderated) => told.push(moderated), clock);
    fake.send('mallory', { type: 'participantMuted' }, 'some-topic');
    fake.send('mallory', { type: 'somethingElse' });
    fake.muteMicrophone();
    expect(told).to.deep.equal([]);
    expect(parseModerationPacket({ type: 'permissionsRemoved', data: { removedSources: ['camera', 3, 'x'.repeat(100)] } })).to.deep.equal({
      type: 'permissionsRemoved',
      removedSources: ['camera'],
    });
    expect(parseModerationPacket('participantMuted')).to.equal(undefined);
  });

  it('tells lost publish rights from the server’s permission change, naming who sent the notification with it', () => {
    const fake = fakeRoom();
    const told: Moderated[] = [];
    onModerated(fake.room, (moderated) => told.push(moderated), clock);
    fake.setPermissions(permissions([]));
    fake.send('host', { type: 'permissionsRemoved', data: { removedSources: ['microphone'] } });
    expect(told, 'the packet alone').to.deep.equal([]);
    fake.setPermissions(permissions([1, 3]));
    expect(told).to.deep.equal([{ action: 'permissionsRemoved', sources: ['microphone'], by: { identity: 'host', name: 'HOST' } }]);
    fake.setPermissions(permissions([], false));
    expect(told[1]).to.deep.equal({ action: 'permissionsRemoved', sources: ['camera', 'screenShare'] });
    expect(mayPublish(fake.local, 'camera')).to.equal(false);
  });

  it('tells a removal, not a room closed or a leave', () => {
    const fake = fakeRoom();
    const told: Moderated[] = [];
    onModerated(fake.room, (moderated) => told.push(moderated), clock);
    fake.disconnect(DisconnectReason.CLIENT_INITIATED);
    fake.disconnect(DisconnectReason.ROOM_DELETED);
    fake.disconnect(DisconnectReason.PARTICIPANT_REMOVED);
    expect(told).to.deep.equal([{ action: 'removed' }]);
  });
});

describe('moderation items', () => {
  const all = ['mute', 'lowerHand', 'makeAdministrator', 'makeMember', 'remove'] as const;
  it('offers what makes sense for the person: mute a microphone that is on, lower a raised hand, the other role', () => {
    expect(applicableActions(all, { microphone: true, handRaisedAt: '2026-01-01T00:00:00Z', isLocal: false })).to.deep.equal([
      'mute',
      'lowerHand',
      'makeAdministrator',
      'remove',
    ]);
    expect(applicableActions(all, { microphone: false, role: 'administrator', isLocal: false })).to.deep.equal(['makeMember', 'remove']);
    expect(applicableActions(all, { microphone: false, role: 'owner', isLocal: false })).to.deep.equal(['remove']);
    expect(applicableActions(all, { microphone: true, isLocal: true })).to.deep.equal([]);
  });
});
