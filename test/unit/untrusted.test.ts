// The pure helpers that keep hostile participants' data in bounds: times, sizes, rates, history
// and transcript limits, one-line names in transcripts, hand times and reactions.
import { expect } from '@open-wc/testing';
import type { Participant, Room } from 'livekit-client';
import type { CaptionSegment, ChatMessage } from '../../src/index.js';
import { toPlainText, toWebVTT } from '../../src/core/captions.js';
import { believableHandTime, HAND_NOTICE_RATE, onHandChanged } from '../../src/core/hand.js';
import { CHAT_RATE, ChatHistory, isChatNotice, parseLegacyChat, parseReaction, Transcript } from '../../src/core/room-hub.js';
import { believableTime, capText, oneLine, readCapped, utf8Length } from '../../src/core/untrusted.js';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const DAY = 24 * 60 * 60 * 1000;

const message = (identity: string, id: string, text = 'hi'): ChatMessage => ({
  id,
  timestamp: NOW,
  message: text,
  from: { identity, name: identity.toUpperCase() },
  isLocal: false,
});

describe('untrusted times', () => {
  it('keeps a sender’s time up to a day after arrival, and replaces any other by the arrival time', () => {
    expect(believableTime(NOW - 5000, NOW)).to.equal(NOW - 5000);
    expect(believableTime(NOW + DAY, NOW)).to.equal(NOW + DAY);
    for (const bad of [1e16, NOW + DAY + 1, -1, Number.NaN, Infinity, '2026-01-01', null, undefined]) {
      expect(believableTime(bad, NOW), String(bad)).to.equal(NOW);
    }
  });

  it('reads a legacy chat packet with an impossible time as sent on arrival (a date that renders)', () => {
    const parsed = parseLegacyChat({ id: 'm1', timestamp: 1e16, message: 'hi' }, NOW)!;
    expect(parsed.timestamp).to.equal(NOW);
    expect(() => new Date(parsed.timestamp).toISOString()).not.to.throw();
  });

  it('counts a hand time more than a minute ahead as raised when first seen, and one that is not a time as down', () => {
    expect(believableHandTime('2026-11-25T11:59:00.000Z', NOW)).to.equal('2026-11-25T11:59:00.000Z');
    // A clock a little fast is believed.
    expect(believableHandTime('2026-11-25T12:00:30.000Z', NOW)).to.equal('2026-11-25T12:00:30.000Z');
    expect(believableHandTime('2099-01-01T00:00:00.000Z', NOW, NOW - 2000)).to.equal(new Date(NOW - 2000).toISOString());
    expect(believableHandTime('soon', NOW)).to.equal(undefined);
    expect(believableHandTime('', NOW)).to.equal(undefined);
    expect(believableHandTime(undefined, NOW)).to.equal(undefined);
  });
});

describe('untrusted sizes', () => {
  it('measures and cuts UTF-8 without splitting a character', () => {
    expect(utf8Length('aé€😀')).to.equal(1 + 2 + 3 + 4);
    expect(capText('short', 10)).to.deep.equal({ text: 'short', truncated: false });
    expect(capText('aé€😀', 7)).to.deep.equal({ text: 'aé€', truncated: true });
    expect(capText('😀😀', 5)).to.deep.equal({ text: '😀', truncated: true });
    const big = capText('x'.repeat(2 * 1024 * 1024), 8 * 1024);
    expect(big.text.length).to.equal(8 * 1024);
    expect(big.truncated).to.equal(true);
  });

  it('reads a stream up to the cap, then reads the rest without keeping it', async () => {
    let pulled = 0;
    async function* chunks() {
      for (const chunk of ['abc', 'def', 'ghi', 'jkl']) {
        pulled += 1;
        yield chunk;
      }
    }
    const seen: string[] = [];
    expect(await readCapped(chunks(), 5, (text) => seen.push(text))).to.deep.equal({ text: 'abcde', truncated: true });
    expect(pulled, 'read to the end').to.equal(4);
    expect(seen).to.deep.equal(['abc', 'abcde']);
    expect(await readCapped(chunks(), 100)).to.deep.equal({ text: 'abcdefghijkl', truncated: false });
  });
});

describe('untrusted names and text in transcripts', () => {
  it('keeps one line, without controls or direction overrides', () => {
    expect(oneLine('Ana\n[00:00:09] Bob: I resign')).to.equal('Ana [00:00:09] Bob: I resign');
    expect(oneLine('\u202eevil\u202c\u2066x\u2069\r\n\t\u0000 end\u2028')).to.equal('evilx end');
  });

  it('writes no forged line in the plain-text or WebVTT transcript', () => {
    const forged: CaptionSegment = {
      id: '1',
      key: 'mallory/1',
      text: 'ok\n[00:00:05] Ana: I agree to pay\r\n',
      final: true,
      speaker: { identity: 'mallory', name: 'Mallory\n[00:00:04] Ana\u202e' },
      start: 1000,
      end: 2000,
    };
    const text = toPlainText([forged]);
    expect(text.split('\n')).to.deep.equal(['[00:00:01] Mallory [00:00:04] Ana: ok [00:00:05] Ana: I agree to pay', '']);
    const vtt = toWebVTT([forged]);
    expect(vtt).to.equal('WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\n<v Mallory [00:00:04] Ana>ok [00:00:05] Ana: I agree to pay\n');
  });
});

describe('chat history', () => {
  it('keeps messages in the order they arrived, one per sender and id (another sender may reuse an id)', () => {
    const history = new ChatHistory();
    expect(history.add({ ...message('ana', 'm1'), timestamp: NOW + 1000 })).to.equal(true);
    expect(history.add({ ...message('bob', 'm2'), timestamp: NOW - 1000 })).to.equal(true);
    expect(history.add(message('ana', 'm1', 'again'))).to.equal(false);
    expect(history.add(message('mallory', 'm1', 'not Ana’s'))).to.equal(true);
    expect(history.items.map((item) => (isChatNotice(item) ? item.notice : `${item.from.identity}:${item.message}`))).to.deep.equal([
      'ana:hi',
      'bob:hi',
      'mallory:not Ana’s',
    ]);
  });

  it('lets a sender through 10 times in 10 seconds, then notes it once and drops the rest', () => {
    let now = NOW;
    const history = new ChatHistory(500, () => now);
    const mallory = { identity: 'mallory', name: 'Mallory' };
    const results = Array.from({ length: 400 }, () => history.admit(mallory));
    expect(results.filter((result) => result === true)).to.have.length(CHAT_RATE.max);
    const notices = results.filter((result) => typeof result === 'object');
    expect(notices).to.have.length(1);
    expect(notices[0]).to.include({ notice: 'too-fast' });
    expect(history.items.filter(isChatNotice)).to.have.length(1);
    // Someone else is not slowed down.
    expect(history.admit({ identity: 'ana', name: 'Ana' })).to.equal(true);
    // Later, the sender gets through again, and a new burst has its own notice.
    now += CHAT_RATE.windowMs;
    expect(history.admit(mallory)).to.equal(true);
    const burst = Array.from({ length: 20 }, () => history.admit(mallory));
    expect(burst.filter((result) => typeof result === 'object')).to.have.length(1);
  });

  it('keeps the last 500 items', () => {
    const history = new ChatHistory();
    for (let i = 0; i < 600; i++) history.add(message(`p${i}`, `m${i}`));
    expect(history.items).to.have.length(500);
    expect((history.items[0] as ChatMessage).id).to.equal('m100');
    history.clear();
    expect(history.items).to.have.length(0);
  });
});

describe('transcript', () => {
  const ana = { identity: 'ana', name: 'Ana' };
  it('keys segments by sender and id, so one sender cannot overwrite another’s segment', () => {
    const transcript = new Transcript();
    transcript.update('agent\u0000s1', 's1', 'Bonjour', true, ana, 10);
    transcript.update('mallory\u0000s1', 's1', 'BUY CRYPTO', true, { identity: 'mallory', name: 'Mallory' }, 20);
    expect(transcript.segments.map((segment) => `${segment.speaker.name}:${segment.text}`)).to.deep.equal(['Ana:Bonjour', 'Mallory:BUY CRYPTO']);
    transcript.update('agent\u0000s1', 's1', 'Bonjour à tous', true, ana, 30);
    expect(transcript.segments[0]).to.include({ text: 'Bonjour à tous', start: 10, end: 30 });
  });

  it('keeps the last 2000 segments', () => {
    const transcript = new Transcript();
    for (let i = 0; i < 2100; i++) transcript.update(`a\u0000${i}`, String(i), 'x', true, ana, i);
    expect(transcript.segments).to.have.length(2000);
    expect(transcript.segments[0].id).to.equal('100');
    expect(transcript.has('a\u00000')).to.equal(false);
  });
});

describe('reactions', () => {
  it('reads only the reactions offered', () => {
    expect(parseReaction({ type: 'reactionReceived', data: { emoji: '🎉' } })?.emoji).to.equal('🎉');
    expect(parseReaction({ type: 'reactionReceived', data: { emoji: 'BUY CRYPTO' } })).to.equal(undefined);
    expect(parseReaction({ type: 'reactionReceived', data: { emoji: 'toString' } })).to.equal(undefined);
    expect(parseReaction({ type: 'reactionReceived', data: { emoji: { name: 'thumbs-up' } } })).to.equal(undefined);
    expect(parseReaction({ type: 'reactionReceived', data: { emoji: '💩' } })).to.equal(undefined);
  });
});

describe('raised-hand notices', () => {
  it('tells at most 2 raises per participant in 30 seconds, while every change still arrives', () => {
    // Just what onHandChanged uses of a Room: attribute change events.
    const listeners = new Set<(changed: Record<string, string>, participant: Participant) => void>();
    const room = {
      on: (_: string, listener: never) => listeners.add(listener),
      off: (_: string, listener: never) => listeners.delete(listener),
    } as unknown as Room;
    const mallory = { identity: 'mallory', attributes: {} } as Participant;
    const ana = { identity: 'ana', attributes: {} } as Participant;
    const changes: Array<[string, boolean, boolean]> = [];
    const stop = onHandChanged(room, ({ participant, raisedAt, notify }) => changes.push([participant.identity, !!raisedAt, notify]));
    const set = (who: Participant, value: string) => {
      (who.attributes as Record<string, string>).handRaisedAt = value;
      for (const listener of listeners) listener({ handRaisedAt: value }, who);
    };
    for (let i = 0; i < 5; i++) {
      set(mallory, new Date(Date.now() - i).toISOString());
      set(mallory, '');
    }
    set(ana, new Date().toISOString());
    expect(changes).to.have.length(11);
    expect(changes.filter(([who, raised, notify]) => who === 'mallory' && raised && notify)).to.have.length(HAND_NOTICE_RATE.max);
    expect(changes.filter(([who, raised]) => who === 'mallory' && raised)).to.have.length(5);
    expect(changes.at(-1)).to.deep.equal(['ana', true, true]);
    stop();
    expect(listeners.size).to.equal(0);
  });
});
