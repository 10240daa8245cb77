// Captions, chat, raised hands and reactions between <visio-call> and plain livekit-client
// participants on the real server, in the wire formats LiveKit's and Visio's clients use.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { RoomEvent } from 'livekit-client';
import '../../src/index.js';
import type { VisioCallElement, VisioCaptionsElement, VisioChatElement, VisioParticipantsElement } from '../../src/index.js';
import { agentOf, callTestHooks, joinedCall, peerOf, sendTranscriptionPacket, publishMicrophoneTo, tileOf } from '../support/helpers.js';

const XSS = '<img src=x onerror="window.__xss=1">';

describe('captions, chat, hands and reactions with other real clients', function () {
  this.timeout(60_000);
  const hooks = callTestHooks();

  const shadow = (call: VisioCallElement) => call.shadowRoot!;
  const button = (call: VisioCallElement, label: RegExp) =>
    [...shadow(call).querySelectorAll<HTMLButtonElement>('button')].find((b) => label.test(b.getAttribute('aria-label') ?? ''))!;

  it('shows a peer’s transcription with its name, interim replaced by final; the WebVTT has one cue per final segment', async () => {
    const { call, roomName } = await joinedCall('captions');
    const peer = await peerOf(hooks, call, roomName, 'Dominique Bot');
    const micSid = await publishMicrophoneTo(call, peer);

    button(call, /^Captions$/).click();
    await call.updateComplete;
    const captions = shadow(call).querySelector<VisioCaptionsElement>('visio-captions')!;
    expect(captions).to.exist;
    const lines = () => [...captions.shadowRoot!.querySelectorAll('[part="line"]')].map((line) => line.textContent.replace(/\s+/g, ' ').trim());
    const send = (id: string, text: string, final: boolean) =>
      peer.localParticipant.sendText(text, {
        topic: 'lk.transcription',
        attributes: { 'lk.segment_id': id, 'lk.transcription_final': String(final), 'lk.transcribed_track_id': micSid },
      });

    const finalCaption = new Promise<void>((resolve) =>
      call.addEventListener('visio-caption', (event) => event.detail.final && event.detail.id === 'seg-1' && resolve()),
    );
    await send('seg-1', 'Bonjour', false);
    await waitUntil(() => lines().join('|') === 'Dominique Bot Bonjour', `interim shown: ${lines()}`, { timeout: 10_000 });
    await send('seg-1', 'Bonjour à tous', true);
    await waitUntil(() => lines().join('|') === 'Dominique Bot Bonjour à tous', `final replaces interim: ${lines()}`, { timeout: 10_000 });
    await finalCaption;
    await send('seg-2', 'On commence <b>?', true);
    await waitUntil(() => lines().length === 2, 'second line', { timeout: 10_000 });
    expect(lines()).to.deep.equal(['Dominique Bot Bonjour à tous', 'Dominique Bot On commence <b>?']);

    const vtt = call.getTranscript('vtt');
    expect(vtt.startsWith('WEBVTT\n')).to.equal(true);
    expect(vtt.match(/-->/g)).to.have.length(2);
    expect(vtt).to.contain('<v Dominique Bot>Bonjour à tous');
    expect(vtt).to.contain('<v Dominique Bot>On commence &lt;b&gt;?');
    expect(vtt).not.to.contain('<v Dominique Bot>Bonjour\n');
    expect(call.getTranscript('txt').trim().split('\n')).to.have.length(2);

    // The download button behind the captions' settings saves that same WebVTT file.
    const settingsButton = captions.shadowRoot!.querySelector<HTMLButtonElement>('[part="settings-button"]')!;
    expect(settingsButton.getAttribute('aria-label')).to.equal('Caption settings');
    settingsButton.click();
    await captions.updateComplete;
    const saved: Blob[] = [];
    const createObjectURL = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob) => (saved.push(blob), createObjectURL(blob));
    try {
      captions.shadowRoot!.querySelector<HTMLButtonElement>('button[title="Download the transcript (WebVTT)"]')!.click();
    } finally {
      URL.createObjectURL = createObjectURL;
    }
    expect(saved).to.have.length(1);
    expect(saved[0].type).to.equal('text/vtt;charset=utf-8');
    const file = await saved[0].text();
    expect(file.match(/-->/g), 'one cue per final segment').to.have.length(2);
    expect(file).to.equal(vtt);

    // Hidden captions keep the transcript.
    button(call, /^Captions$/).click();
    await send('seg-3', 'Toujours là', true);
    await waitUntil(() => call.getTranscript('vtt').match(/-->/g)?.length === 3, 'transcript kept while hidden', { timeout: 10_000 });
  });

  it('shows transcription packets (what Visio reads) until the agent’s text streams take over', async () => {
    const { call, roomName } = await joinedCall('legacy-captions');
    const peer = await peerOf(hooks, call, roomName, 'Dominique Bot');
    const agent = await agentOf(hooks, call, roomName, 'Transcriber');
    const packet = (id: string, text: string, final: boolean) => sendTranscriptionPacket(agent, peer.localParticipant.identity, { id, text, final });
    const stream = (id: string, text: string) =>
      agent.localParticipant.sendText(text, { topic: 'lk.transcription', attributes: { 'lk.segment_id': id, 'lk.transcription_final': 'true' } });

    button(call, /^Captions$/).click();
    await call.updateComplete;
    const captions = shadow(call).querySelector<VisioCaptionsElement>('visio-captions')!;
    const lines = () => [...captions.shadowRoot!.querySelectorAll('[part="line"]')].map((line) => line.textContent.replace(/\s+/g, ' ').trim());
    await packet('L1', 'Bonjour', false);
    await waitUntil(() => lines().join('|') === 'Dominique Bot Bonjour', `interim packet shown: ${lines()}`, { timeout: 10_000 });
    await packet('L1', 'Bonjour à tous', true);
    await waitUntil(() => lines().join('|') === 'Dominique Bot Bonjour à tous', `final packet replaces it: ${lines()}`, { timeout: 10_000 });

    // The agent also sends text streams (LiveKit Agents 1.x sends both, under other segment ids):
    // from then on the packets are duplicates.
    await stream('S1', 'Bonjour à tous');
    await packet('L2', 'doublon', true);
    await stream('S2', 'On commence');
    await waitUntil(() => lines().length === 2 && lines()[1] === 'Transcriber On commence', `streams only: ${lines()}`, { timeout: 10_000 });
    expect(lines()).to.deep.equal(['Transcriber Bonjour à tous', 'Transcriber On commence']);
    expect(call.getTranscript('vtt').match(/-->/g)).to.have.length(2);
    expect(call.getTranscript('txt')).not.to.contain('doublon');
  });

  it('chats both ways with plain clients (lk.chat, legacy lk-chat-topic); markup stays text, links are safe', async () => {
    const { call, roomName } = await joinedCall('chat');
    const peer = await peerOf(hooks, call, roomName, 'Dominique Bot');
    const attacker = await peerOf(hooks, call, roomName, XSS);

    // The element → the plain client, on both conventions with the same id.
    const received = new Promise<{ text: string; identity: string }>((resolve) =>
      peer.registerTextStreamHandler('lk.chat', async (reader, { identity }) => resolve({ text: await reader.readAll(), identity })),
    );
    const legacy = new Promise<Record<string, unknown>>((resolve) =>
      peer.on(RoomEvent.DataReceived, (payload, _p, _k, topic) => topic === 'lk-chat-topic' && resolve(JSON.parse(new TextDecoder().decode(payload)))),
    );
    const sentEvent = oneEvent(call, 'visio-chat-message');
    expect(await call.sendChatMessage('Salut, voir https://example.org/doc.')).to.equal(true);
    expect((await sentEvent).detail.isLocal).to.equal(true);
    expect(await received).to.deep.equal({ text: 'Salut, voir https://example.org/doc.', identity: call.livekitRoom!.localParticipant.identity });
    // The legacy copy: same id, marked for clients that also read the text stream (this server is > 1.8.2).
    expect(await legacy).to.include({ message: 'Salut, voir https://example.org/doc.', ignoreLegacy: true });

    // Plain clients → the element: a text stream with markup from a name with markup, and a legacy packet.
    await attacker.localParticipant.sendText(`${XSS} javascript:alert(1)`, { topic: 'lk.chat' });
    // Two senders' messages have no order between them: the attacker's is in before the peer's,
    // so that the peer's last one is the last shown (a toast of the attacker's failed it in Firefox).
    await waitUntil(() => button(call, /^Chat, 1 unread message$/), 'the first message counted', { timeout: 10_000 });
    // A client on LiveKit's components sends both, the copy marked `ignoreLegacy`: shown once. (Reliable
    // packets arrive in order: by the time the next one shows, this copy was handled.)
    const recent = await peer.localParticipant.sendText('Client récent', { topic: 'lk.chat' });
    await peer.localParticipant.publishData(
      new TextEncoder().encode(JSON.stringify({ id: recent.id, timestamp: Date.now(), message: 'Client récent', ignoreLegacy: true })),
      { reliable: true, topic: 'lk-chat-topic' },
    );
    await peer.localParticipant.publishData(new TextEncoder().encode(JSON.stringify({ id: 'legacy-1', timestamp: Date.now(), message: 'Ancien client' })), {
      reliable: true,
      topic: 'lk-chat-topic',
    });
    await waitUntil(() => button(call, /^Chat, 3 unread messages$/), 'unread count on the chat button', { timeout: 10_000 });
    // The last one shows briefly over the call while the chat is closed.
    await waitUntil(() => shadow(call).querySelector('[part="toast"]')?.textContent === 'Dominique Bot: Ancien client', 'toast', { timeout: 10_000 });

    button(call, /^Chat/).click();
    await call.updateComplete;
    const chat = shadow(call).querySelector<VisioChatElement>('visio-chat')!;
    await chat.updateComplete;
    const items = [...chat.shadowRoot!.querySelectorAll('[part="message"]')];
    expect(items).to.have.length(4);
    expect(items[0].querySelector('.sender')!.textContent).to.equal('Camille Martin (you)');
    const link = items[0].querySelector('a')!;
    expect(link.href).to.equal('https://example.org/doc');
    expect(link.rel).to.equal('noopener noreferrer');
    expect(link.target).to.equal('_blank');
    // Two senders: their order depends on the network, so each is found by its sender.
    const from = (name: string) => items.find((item) => item.querySelector('.sender')!.textContent === name)!;
    expect(from(XSS).querySelector('.text')!.textContent).to.equal(`${XSS} javascript:alert(1)`);
    expect(from(XSS).querySelector('a')).to.equal(null);
    const texts = (name: string) =>
      items.filter((item) => item.querySelector('.sender')!.textContent === name).map((item) => item.querySelector('.text')!.textContent);
    expect(texts('Dominique Bot').sort()).to.deep.equal(['Ancien client', 'Client récent']);
    expect(chat.shadowRoot!.querySelector('img')).to.equal(null);
    expect((window as { __xss?: unknown }).__xss).to.equal(undefined);
    expect(button(call, /^Chat$/), 'unread reset when open').to.exist;

    // Typing and Enter sends.
    const input = chat.shadowRoot!.querySelector('input')!;
    await waitUntil(() => chat.shadowRoot!.activeElement === input, 'opening the chat puts the focus in its input');
    expect(chat.shadowRoot!.querySelector(`label[for="${input.id}"]`)!.textContent).to.equal('Message to everyone');
    peer.unregisterTextStreamHandler('lk.chat');
    const next = new Promise<string>((resolve) => peer.registerTextStreamHandler('lk.chat', async (reader) => resolve(await reader.readAll())));
    await sendKeys({ type: 'Par le clavier' });
    await sendKeys({ press: 'Enter' });
    expect(await next).to.equal('Par le clavier');
    await waitUntil(() => input.value === '', 'input cleared');

    // Escape closes the panel and gives the focus back to the chat button.
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !shadow(call).querySelector('visio-chat'), 'Escape closes the panel');
    expect(shadow(call).activeElement).to.equal(button(call, /^Chat$/));
  });

  it('shows remote raised hands on tiles and first in the list in the order raised; raises its own', async () => {
    const { call, roomName } = await joinedCall('hands');
    const ana = await peerOf(hooks, call, roomName, 'Ana');
    const bob = await peerOf(hooks, call, roomName, 'Bob');
    await waitUntil(() => tileOf(call, ana.localParticipant.identity) && tileOf(call, bob.localParticipant.identity), 'tiles', { timeout: 10_000 });

    const raised = oneEvent(call, 'visio-hand-raised');
    await ana.localParticipant.setAttributes({ handRaisedAt: '2026-01-01T10:00:05.000Z' });
    expect((await raised).detail).to.include({ identity: ana.localParticipant.identity, name: 'Ana', raised: true });
    await bob.localParticipant.setAttributes({ handRaisedAt: '2026-01-01T10:00:01.000Z' });
    await waitUntil(() => tileOf(call, bob.localParticipant.identity)!.shadowRoot!.querySelector('[part="hand"]'), 'hand on the tile', { timeout: 10_000 });
    expect(tileOf(call, ana.localParticipant.identity)!.shadowRoot!.querySelector('[part="hand"]')!.getAttribute('aria-label')).to.equal('Hand raised');
    expect(shadow(call).querySelector('[part="toast"]')!.textContent).to.contain('raised their hand');

    button(call, /^Participants$/).click();
    await call.updateComplete;
    const list = shadow(call).querySelector<VisioParticipantsElement>('visio-participants')!;
    await list.updateComplete;
    const names = () => [...list.shadowRoot!.querySelectorAll('[part="participant"] .name')].map((n) => n.textContent);
    expect(names()).to.deep.equal(['Bob', 'Ana', 'Camille Martin (you)']);
    expect(list.shadowRoot!.querySelector('[part="heading"]')!.textContent).to.equal('3 participants');

    await bob.localParticipant.setAttributes({ handRaisedAt: '' });
    await waitUntil(() => names()[0] === 'Ana', 'lowered hand moves down', { timeout: 10_000 });

    // The element's own hand, as Visio reads it.
    const hand = button(call, /^Raise hand$/);
    expect(hand.getAttribute('aria-pressed')).to.equal('false');
    hand.click();
    const me = call.livekitRoom!.localParticipant.identity;
    await waitUntil(() => ana.remoteParticipants.get(me)?.attributes.handRaisedAt, 'peer sees the raised hand', { timeout: 10_000 });
    expect(Number.isNaN(Date.parse(ana.remoteParticipants.get(me)!.attributes.handRaisedAt))).to.equal(false);
    await waitUntil(() => button(call, /^Raise hand$/).getAttribute('aria-pressed') === 'true', 'pressed');
  });

  it('shows a reaction sent in Visio’s format (by name) as its emoji, and sends its own the same way', async () => {
    const { call, roomName } = await joinedCall('reactions');
    const peer = await peerOf(hooks, call, roomName, 'Dominique Bot');
    await peer.localParticipant.publishData(new TextEncoder().encode(JSON.stringify({ type: 'reactionReceived', data: { emoji: 'party-popper' } })), {
      reliable: true,
    });
    const reactions = shadow(call).querySelector('visio-reactions')!;
    await waitUntil(() => reactions.shadowRoot!.querySelector('.reaction[data-emoji="🎉"]'), 'reaction shown', { timeout: 10_000 });
    expect(reactions.shadowRoot!.querySelector('.reaction')!.textContent).to.contain('Dominique Bot');
    await waitUntil(() => reactions.shadowRoot!.querySelector('[role="status"]')!.textContent === 'Dominique Bot: Celebration', 'announced');

    const received = new Promise<unknown>((resolve) =>
      peer.on(RoomEvent.DataReceived, (payload, _p, _k, topic) => !topic && resolve(JSON.parse(new TextDecoder().decode(payload)))),
    );
    const open = reactions.shadowRoot!.querySelector<HTMLButtonElement>('[part="button"]')!;
    open.click();
    await (reactions as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    reactions.shadowRoot!.querySelector<HTMLButtonElement>('[part="picker"] button[aria-label="Thumbs up"]')!.click();
    expect(await received).to.deep.equal({ type: 'reactionReceived', data: { emoji: 'thumbs-up' } });
    // Rate-limited: a burst sends at most 3 in 2 seconds.
    const burst = await Promise.all([1, 2, 3, 4].map(() => call.sendReaction('👏')));
    expect(burst.filter(Boolean).length).to.be.at.most(2);
  });

  it('says clearly when the token does not allow raising a hand, and leaves the hand down', async () => {
    const { call, roomName } = await joinedCall('hand-denied', '/test/token/no-metadata');
    const peer = await peerOf(hooks, call, roomName, 'Dominique Bot');
    const failed = oneEvent(call, 'visio-error');
    button(call, /^Raise hand$/).click();
    const { detail } = await failed;
    expect(detail.code).to.equal('hand-raise-failed');
    await waitUntil(() => shadow(call).querySelector('[part="banner"][role="alert"]'), 'notice shown');
    expect(shadow(call).querySelector('[part="banner"][role="alert"]')!.textContent).to.contain('Your hand could not be raised');
    expect(button(call, /^Raise hand$/).getAttribute('aria-pressed')).to.equal('false');
    expect(peer.remoteParticipants.get(call.livekitRoom!.localParticipant.identity)!.attributes.handRaisedAt ?? '').to.equal('');
    // The call goes on: chat still works with this token.
    expect(await call.sendChatMessage('Toujours là')).to.equal(true);
  });
});
