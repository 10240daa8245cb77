import { RoomEvent, type Room } from 'livekit-client';

/** The socket handlers already wrapped, so a guard applied twice wraps once. */
const guarded = new WeakSet<object>();

/**
 * Keeps one livekit-client (2.23) fault from reaching the host page: its signalling socket's
 * close handler closes a stream that the error handler has already errored, which throws
 * `TypeError: Cannot close a stream that has errored` as an uncaught error. Firefox fires `error`
 * then a clean `close` when a room leaves while a negotiation is in flight, so a plain leave (and
 * every pre-call check) could do it (upstream livekit/client-sdk-js#2062; La Suite Meet filters the
 * same leak, suitenumerique/meet#1632). livekit-client learns of the close on its own (its `closed`
 * promise listens separately), so only that one throw is swallowed.
 *
 * The socket is private to livekit-client: when its shape changes, this does nothing. The room's
 * socket is guarded on every (re)connection of its signalling.
 */
export function guardSignalSocket(room: Room): void {
  const guard = () => guardCurrentSocket(room);
  room.on(RoomEvent.SignalConnected, guard).on(RoomEvent.Reconnected, guard);
}

/** Wraps the close handler of the room's current signalling socket (see `guardSignalSocket`). */
export function guardCurrentSocket(room: Room): void {
  const socket = (room.engine as unknown as { client?: { ws?: { ws?: unknown } } } | undefined)?.client?.ws?.ws;
  if (!(typeof WebSocket !== 'undefined' && socket instanceof WebSocket)) return;
  const onclose = socket.onclose;
  if (!onclose || guarded.has(onclose)) return;
  const wrapped = function (this: WebSocket, event: CloseEvent) {
    try {
      onclose.call(this, event);
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
    }
  };
  guarded.add(wrapped);
  socket.onclose = wrapped;
}
