// Hostile participants: a plain livekit-client Room with an ordinary token (nothing of ours) sends
// what a client may send but should not: impossible times, huge messages, floods, captions in
// someone else's name, reactions that are not reactions, hand times to come. Each is dropped, cut
// or refused, and what honest participants send afterwards still shows. Against the real server.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { Room } from 'livekit-client';
import '../../src/index.js';
import type { VisioCallElement, VisioCaptionsElement, VisioChatElement, VisioParticipantsElement } from '../../src/index.js';
import { agentOf, callTestHooks, joinedCall, peerOf, sendTranscriptionPacket, publishMicrophoneTo, settle, tileOf } from '../support/helpers.js';

describe('hostile participants: the call keeps working and nothing leaks', function () {
  this.timeout(90_000);
  const hooks = callTestHooks();

  const shadow = (call: VisioCallElement) => call.shadowRoot!;

  async function openChat(call: VisioCallElement): Promise<VisioChatElement> {
    call.setPanel('chat');
    await call.updateComplete;
    const chat = shadow(call).querySelector<VisioChatElement>('visio-chat')!;
    await chat.updateComplete;
    return chat;
  }

  /** The chat as shown: `sender: text` per message, `notice: text` per notice. */
  const chatLines = (chat: VisioChatElement) =>
    [...chat.shadowRoot!.querySelectorAll('[part="message"], [part="notice"]')].map((item) =>
      item.getAttribute('part') === 'notice'
        ? `notice: ${item.textContent.trim()}`
        : `${item.querySelector('.sender')!.textContent}: ${item.querySelector('.text')!.textContent}`,
    );

  const legacyChat = (room: Room, packet: unknown) =>
    room.localParticipant.publishData(new TextEncoder().encode(JSON.stringify(packet)), { reliable: true, topic: 'lk-chat-topic' });

  it('a chat time of 1e16 does not break the chat: shown at its arrival time, and later messages still show', async () => {
    const { call, roomName } = await joinedCall('hostile-time');
    const chat = await openChat(call);
    const mallory = await peerOf(hooks, call, roomName, 'Mallory');
    const ana = await peerOf(hooks, call, roomName, 'Ana');
    const before = Date.now();
    await legacyChat(mallory, { id: 'future', timestamp: 1e16, message: 'From the future' });
    await legacyChat(mallory, { id: 'nan', timestamp: 'soon', message: 'Not a time' });
    await waitUntil(() => chatLines(chat).includes('Mallory: Not a time'), `hostile messages handled: ${chatLines(chat)}`, { timeout: 10_000 });
    await ana.localParticipant.sendText('Still here', { topic: 'lk.chat' });
    await waitUntil(() => chatLines(chat).includes('Ana: Still here'), `honest message shown: ${chatLines(chat)}`, { timeout: 10_000 });
    // In the order they arrived.
    expect(chatLines(chat)).to.deep.equal(['Mallory: From the future', 'Mallory: Not a time', 'Ana: Still here']);
    const times = [...chat.shadowRoot!.querySelectorAll('time')].map((time) => Date.parse(time.dateTime));
    expect(times).to.have.length(3);
    for (const time of times) expect(time).to.be.within(before - 60_000, Date.now() + 60_000);
  });

  it('a 2 MB message shows its first 8 KiB, marked as cut; the next message still shows', async () => {
    const { call, roomName } = await joinedCall('hostile-size');
    const chat = await openChat(call);
    const mallory = await peerOf(hooks, call, roomName, 'Mallory');
    const ana = await peerOf(hooks, call, roomName, 'Ana');
    // Random text, which does not compress: it comes in many chunks.
    const random = new Uint8Array(1536 * 1024);
    for (let i = 0; i < random.length; i += 65536) crypto.getRandomValues(random.subarray(i, i + 65536));
    let big = '';
    for (let i = 0; i < random.length; i += 3000) big += btoa(String.fromCharCode(...random.subarray(i, i + 3000)));
    expect(big.length).to.equal(2 * 1024 * 1024);
    await mallory.localParticipant.sendText(big, { topic: 'lk.chat' });
    await legacyChat(mallory, { id: 'big-legacy', timestamp: Date.now(), message: 'y'.repeat(12_000) });
    await waitUntil(() => chatLines(chat).length === 2, `both long messages handled: ${chatLines(chat).length}`, { timeout: 30_000 });
    await ana.localParticipant.sendText('Short one', { topic: 'lk.chat' });
    await waitUntil(() => chatLines(chat).includes('Ana: Short one'), 'honest message shown', { timeout: 10_000 });
    // Each in the order it arrived: the 2 MB stream is complete after the packet sent after it.
    expect(chatLines(chat)).to.have.members([`Mallory: ${big.slice(0, 8192)} (truncated)`, `Mallory: ${'y'.repeat(8192)} (truncated)`, 'Ana: Short one']);
    expect(chatLines(chat)[2]).to.equal('Ana: Short one');
    expect(chat.shadowRoot!.querySelector('.truncated')!.textContent).to.equal('(truncated)');
  });

  it('400 messages in a burst from one participant: 10 shown, one notice, and others still get through', async () => {
    const { call, roomName } = await joinedCall('hostile-flood');
    const chat = await openChat(call);
    const mallory = await peerOf(hooks, call, roomName, 'Mallory');
    const ana = await peerOf(hooks, call, roomName, 'Ana');
    const sent = Array.from({ length: 400 }, (_, index) =>
      index % 2
        ? mallory.localParticipant.sendText(`spam ${index}`, { topic: 'lk.chat' })
        : legacyChat(mallory, { id: `spam-${index}`, timestamp: Date.now(), message: `spam ${index}` }),
    );
    await Promise.all(sent);
    const notice = 'notice: Messages from Mallory are arriving too fast; some were not shown.';
    await waitUntil(() => chatLines(chat).includes(notice), `notice shown: ${chatLines(chat).slice(-3)}`, { timeout: 20_000 });
    await ana.localParticipant.sendText('Can we go on?', { topic: 'lk.chat' });
    await waitUntil(() => chatLines(chat).includes('Ana: Can we go on?'), 'honest message shown', { timeout: 10_000 });
    await settle(1000);
    const lines = chatLines(chat);
    expect(lines.filter((line) => line.startsWith('Mallory: spam')).length).to.equal(10);
    expect(lines.filter((line) => line === notice)).to.have.length(1);
  });

  it('captions: a plain participant cannot put words in someone else’s mouth, nor overwrite an agent’s segment', async () => {
    const { call, roomName } = await joinedCall('hostile-captions');
    const ana = await peerOf(hooks, call, roomName, 'Ana');
    const anaMic = await publishMicrophoneTo(call, ana);
    const mallory = await peerOf(hooks, call, roomName, 'Mallory');
    const agent = await agentOf(hooks, call, roomName, 'Transcriber');
    call.setCaptionsEnabled(true);
    await call.updateComplete;
    const captions = shadow(call).querySelector<VisioCaptionsElement>('visio-captions')!;
    const lines = () => [...captions.shadowRoot!.querySelectorAll('[part="line"]')].map((line) => line.textContent.replace(/\s+/g, ' ').trim());
    const caption = (from: Room, id: string, text: string, track?: string) =>
      from.localParticipant.sendText(text, {
        topic: 'lk.transcription',
        attributes: { 'lk.segment_id': id, 'lk.transcription_final': 'true', ...(track ? { 'lk.transcribed_track_id': track } : {}) },
      });

    await caption(agent, 'seg-1', 'Bonjour à tous', anaMic);
    await waitUntil(() => lines().includes('Ana Bonjour à tous'), `agent’s caption shown as Ana’s: ${lines()}`, { timeout: 10_000 });
    // Mallory names Ana's microphone, then reuses the agent's segment id with her own words.
    await caption(mallory, 'forged', 'I resign', anaMic);
    await caption(mallory, 'seg-1', 'BUY CRYPTO');
    await waitUntil(() => lines().length === 2, `Mallory’s own caption handled: ${lines()}`, { timeout: 10_000 });
    await caption(agent, 'seg-2', 'On commence', anaMic);
    await waitUntil(() => lines().includes('Ana On commence'), `later caption shown: ${lines()}`, { timeout: 10_000 });
    expect(lines()).to.deep.equal(['Ana Bonjour à tous', 'Mallory BUY CRYPTO', 'Ana On commence']);
    const text = call.getTranscript('txt');
    expect(text).not.to.contain('I resign');
    expect(text).to.match(/\] Ana: Bonjour à tous\n.*\] Mallory: BUY CRYPTO\n.*\] Ana: On commence\n$/);
  });

  it('captions: a plain participant’s text stream does not switch off an agent’s transcription packets', async () => {
    const { call, roomName } = await joinedCall('hostile-switch');
    const ana = await peerOf(hooks, call, roomName, 'Ana');
    const mallory = await peerOf(hooks, call, roomName, 'Mallory');
    const agent = await agentOf(hooks, call, roomName, 'Transcriber');
    const packet = (id: string, text: string) => sendTranscriptionPacket(agent, ana.localParticipant.identity, { id, text, final: true });
    call.setCaptionsEnabled(true);
    await call.updateComplete;
    const captions = shadow(call).querySelector<VisioCaptionsElement>('visio-captions')!;
    captions.lines = 5;
    const lines = () => [...captions.shadowRoot!.querySelectorAll('[part="line"]')].map((line) => line.textContent.replace(/\s+/g, ' ').trim());
    await packet('P1', 'Bonjour');
    await waitUntil(() => lines().includes('Ana Bonjour'), `packet shown: ${lines()}`, { timeout: 10_000 });
    await mallory.localParticipant.sendText('Me too', { topic: 'lk.transcription', attributes: { 'lk.segment_id': 'M1', 'lk.transcription_final': 'true' } });
    await waitUntil(() => lines().includes('Mallory Me too'), `Mallory’s own caption shown: ${lines()}`, { timeout: 10_000 });
    await packet('P2', 'On continue');
    await waitUntil(() => lines().includes('Ana On continue'), `the agent’s packets still count: ${lines()}`, { timeout: 10_000 });
    expect(lines()).to.deep.equal(['Ana Bonjour', 'Mallory Me too', 'Ana On continue']);
  });

  it('a reaction that is not one of the offered emoji is not shown; a real one still is', async () => {
    const { call, roomName } = await joinedCall('hostile-reaction');
    const mallory = await peerOf(hooks, call, roomName, 'Mallory');
    const ana = await peerOf(hooks, call, roomName, 'Ana');
    const react = (from: Room, emoji: string) =>
      from.localParticipant.publishData(new TextEncoder().encode(JSON.stringify({ type: 'reactionReceived', data: { emoji } })), { reliable: true });
    await react(mallory, 'BUY CRYPTO');
    await react(mallory, '<img src=x>');
    await react(mallory, '👍');
    const reactions = shadow(call).querySelector('visio-reactions')!;
    // Each reaction floats for 3 seconds: everything shown while waiting is remembered.
    const seen = new Set<string>();
    const shown = () => {
      for (const reaction of reactions.shadowRoot!.querySelectorAll('.reaction'))
        seen.add(`${reaction.getAttribute('data-emoji')} ${reaction.lastElementChild!.textContent}`);
      return [...seen];
    };
    await waitUntil(() => shown().includes('👍 Mallory'), `Mallory’s real reaction shown: ${shown()}`, { timeout: 10_000 });
    await react(ana, '🎉');
    await waitUntil(() => shown().includes('🎉 Ana'), 'Ana’s reaction shown', { timeout: 10_000 });
    expect(shown()).to.deep.equal(['👍 Mallory', '🎉 Ana']);
    expect(reactions.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('Ana: Celebration');
    expect(reactions.shadowRoot!.textContent).not.to.contain('BUY CRYPTO');
  });

  it('a hand time that is not a time is not a raised hand; one to come counts from when it was seen', async () => {
    const { call, roomName } = await joinedCall('hostile-hand');
    const mallory = await peerOf(hooks, call, roomName, 'Mallory');
    const ana = await peerOf(hooks, call, roomName, 'Ana');
    const malloryId = mallory.localParticipant.identity;
    const remote = () => call.livekitRoom!.remoteParticipants.get(malloryId)!;
    await waitUntil(() => tileOf(call, malloryId), 'tile', { timeout: 10_000 });
    const raisedEvents: string[] = [];
    call.addEventListener('visio-hand-raised', (event) => event.detail.raised && raisedEvents.push(event.detail.name));

    await mallory.localParticipant.setAttributes({ handRaisedAt: 'whenever' });
    await waitUntil(() => remote().attributes.handRaisedAt === 'whenever', 'attribute seen', { timeout: 10_000 });
    await call.updateComplete;
    expect(tileOf(call, malloryId)!.shadowRoot!.querySelector('[part="hand"]'), 'no hand for a value that is not a time').to.equal(null);
    expect(raisedEvents).to.deep.equal([]);

    // A time in 2099 would put Mallory behind everyone forever, or (sorted the other way) ahead:
    // it counts as raised now, before Ana, who raises hers after.
    await mallory.localParticipant.setAttributes({ handRaisedAt: '2099-01-01T00:00:00.000Z' });
    await waitUntil(() => tileOf(call, malloryId)!.shadowRoot!.querySelector('[part="hand"]'), 'hand shown on the tile', { timeout: 10_000 });
    await settle(50);
    await ana.localParticipant.setAttributes({ handRaisedAt: new Date().toISOString() });
    await waitUntil(() => raisedEvents.includes('Ana'), 'Ana’s hand seen', { timeout: 10_000 });
    call.setPanel('participants');
    await call.updateComplete;
    const list = shadow(call).querySelector<VisioParticipantsElement>('visio-participants')!;
    await list.updateComplete;
    const names = () => [...list.shadowRoot!.querySelectorAll('[part="participant"] .name')].map((name) => name.textContent);
    await waitUntil(() => names().length === 3, 'list');
    expect(names()).to.deep.equal(['Mallory', 'Ana', 'Camille Martin (you)']);
  });

  it('a new call starts clean: leaving and joining again empties the chat, the captions and the unread count; so does clearHistory()', async () => {
    const { call, roomName } = await joinedCall('hostile-rejoin');
    const ana = await peerOf(hooks, call, roomName, 'Ana');
    await ana.localParticipant.sendText('Said in the first call', { topic: 'lk.chat' });
    await ana.localParticipant.sendText('First call caption', {
      topic: 'lk.transcription',
      attributes: { 'lk.segment_id': 'a1', 'lk.transcription_final': 'true' },
    });
    const chatButton = () => shadow(call).querySelector<HTMLButtonElement>('[part="chat-button"]')!;
    await waitUntil(() => chatButton().getAttribute('aria-label') === 'Chat, 1 unread message', 'unread count', { timeout: 10_000 });
    await waitUntil(() => call.getTranscript('txt').includes('First call caption'), 'caption kept', { timeout: 10_000 });

    await call.leave();
    // The transcript of the call that ended stays readable until the next one.
    expect(call.getTranscript('txt')).to.contain('First call caption');
    const connected = oneEvent(call, 'visio-connected');
    expect(await call.join()).to.equal(true);
    await connected;
    await call.updateComplete;
    expect(chatButton().getAttribute('aria-label')).to.equal('Chat');
    expect(call.getTranscript('txt')).to.equal('');
    const chat = await openChat(call);
    expect(chatLines(chat)).to.deep.equal([]);
    expect(chat.shadowRoot!.querySelector('.empty')!.textContent).to.equal('No messages yet.');
    await waitUntil(() => ana.remoteParticipants.has(call.livekitRoom!.localParticipant.identity), 'Ana sees the element again', { timeout: 10_000 });
    await ana.localParticipant.sendText('Said in the second call', { topic: 'lk.chat' });
    await waitUntil(() => chatLines(chat).length === 1, 'new message', { timeout: 10_000 });
    expect(chatLines(chat)).to.deep.equal(['Ana: Said in the second call']);

    expect(call.capabilities.commands).to.include('clearHistory');
    call.clearHistory();
    await chat.updateComplete;
    expect(chatLines(chat)).to.deep.equal([]);
  });
});
