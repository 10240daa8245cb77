// The pure parts of chat, captions, raised hands and reactions.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { VisioCaptionsElement } from '../../src/index.js';
import { escapeVtt, toPlainText, toWebVTT, vttTimestamp, type CaptionSegment } from '../../src/core/captions.js';
import { splitLinks } from '../../src/core/chat.js';
import { orderByRaisedHand } from '../../src/core/hand.js';
import { PREFERENCES_KEY } from '../../src/core/preferences.js';
import { parseLegacyChat, parseReaction } from '../../src/core/room-hub.js';
import { rateLimiter } from '../../src/core/untrusted.js';

const segment = (id: string, text: string, start: number, end: number, final = true, name = 'Ana'): CaptionSegment => ({
  id,
  key: `${name}/${id}`,
  text,
  final,
  start,
  end,
  speaker: { identity: name.toLowerCase(), name },
});

describe('captions export', () => {
  it('formats WebVTT timestamps from milliseconds', () => {
    expect(vttTimestamp(0)).to.equal('00:00:00.000');
    expect(vttTimestamp(3_723_004)).to.equal('01:02:03.004');
    expect(vttTimestamp(59_999)).to.equal('00:00:59.999');
  });

  it('escapes cue text so markup and arrows stay text, on one line', () => {
    expect(escapeVtt('a <b> & c --> d\nnext')).to.equal('a &lt;b&gt; &amp; c --&gt; d next');
  });

  it('writes one cue per final segment, timed from the session start, with the speaker as a voice', () => {
    const vtt = toWebVTT([
      segment('1', 'Bonjour à tous', 1500, 4000),
      segment('2', 'en cours', 4200, 4300, false),
      segment('3', 'x < y', 5000, 5000, true, 'Jo <admin>'),
    ]);
    expect(vtt).to.equal(
      'WEBVTT\n\n1\n00:00:01.500 --> 00:00:04.000\n<v Ana>Bonjour à tous\n\n2\n00:00:05.000 --> 00:00:06.000\n<v Jo &lt;admin&gt;>x &lt; y\n',
    );
    expect(toPlainText([segment('1', 'Bonjour', 61_000, 62_000), segment('2', 'interim', 0, 1, false)])).to.equal('[00:01:01] Ana: Bonjour\n');
  });
});

describe('chat', () => {
  it('splits http(s) links out of text, leaving other schemes and trailing punctuation as text', () => {
    expect(splitLinks('see https://example.org/a?b=1, then javascript:alert(1) or http://x.fr.')).to.deep.equal([
      { text: 'see ' },
      { text: 'https://example.org/a?b=1', href: 'https://example.org/a?b=1' },
      { text: ', then javascript:alert(1) or ' },
      { text: 'http://x.fr', href: 'http://x.fr/' },
      { text: '.' },
    ]);
    expect(splitLinks('<img src=x onerror=alert(1)>')).to.deep.equal([{ text: '<img src=x onerror=alert(1)>' }]);
  });

  it('reads the legacy lk-chat-topic packet and ignores anything else', () => {
    expect(parseLegacyChat({ id: 'm1', timestamp: 5, message: 'hi' })).to.deep.equal({ id: 'm1', timestamp: 5, message: 'hi' });
    expect(parseLegacyChat({ message: 3 })).to.equal(undefined);
    expect(parseLegacyChat('hi')).to.equal(undefined);
    // The copy a sender marks as already sent in a text stream.
    expect(parseLegacyChat({ id: 'm2', timestamp: 5, message: 'hi', ignoreLegacy: true })).to.equal(undefined);
    expect(parseLegacyChat({ id: 'm3', timestamp: 5, message: 'hi', ignoreLegacy: false })).to.deep.equal({ id: 'm3', timestamp: 5, message: 'hi' });
  });
});

describe('raised hands and reactions', () => {
  it('orders raised hands first by the time they were raised, others after in their order', () => {
    const people = [{ id: 'me' }, { id: 'b', handRaisedAt: '2026-01-01T10:00:05.000Z' }, { id: 'c' }, { id: 'd', handRaisedAt: '2026-01-01T10:00:01.000Z' }];
    expect(orderByRaisedHand(people).map((p) => p.id)).to.deep.equal(['d', 'b', 'me', 'c']);
  });

  it('reads meet reactions only, by name (Meet’s format) or by emoji (earlier versions of ours)', () => {
    expect(parseReaction({ type: 'reactionReceived', data: { emoji: 'party-popper' } })?.emoji).to.equal('🎉');
    expect(parseReaction({ type: 'reactionReceived', data: { emoji: 'folded-hands' } })?.emoji).to.equal('🙏');
    expect(parseReaction({ type: 'reactionReceived', data: { emoji: '🎉' } })?.name).to.equal('party-popper');
    expect(parseReaction({ type: 'other', data: { emoji: '🎉' } })).to.equal(undefined);
    expect(parseReaction({ type: 'reactionReceived', data: { emoji: 'x'.repeat(100) } })).to.equal(undefined);
  });

  it('rate-limits per key in a sliding window', () => {
    let now = 0;
    const allow = rateLimiter(2, 1000, () => now);
    expect([allow('a'), allow('a'), allow('a'), allow('b')]).to.deep.equal([true, true, false, true]);
    now = 1001;
    expect(allow('a')).to.equal(true);
  });
});

describe('<visio-captions> settings', () => {
  afterEach(() => localStorage.removeItem(PREFERENCES_KEY));

  it('opens from a named button, applies the size and colours chosen, and remembers them for the next call', async () => {
    const captions = await fixture<VisioCaptionsElement>(html`<visio-captions lang="en"></visio-captions>`);
    const shadow = captions.shadowRoot!;
    const button = shadow.querySelector<HTMLButtonElement>('[part="settings-button"]')!;
    const settings = shadow.querySelector<HTMLElement>('[part="settings"]')!;
    expect(button.getAttribute('aria-label')).to.equal('Caption settings');
    expect(settings.hidden).to.equal(true);
    button.click();
    await captions.updateComplete;
    expect(settings.hidden).to.equal(false);
    expect(button.getAttribute('aria-expanded')).to.equal('true');

    const [size, colors] = shadow.querySelectorAll('select');
    size.value = 'large';
    size.dispatchEvent(new Event('change'));
    colors.value = 'yellow';
    colors.dispatchEvent(new Event('change'));
    await captions.updateComplete;
    const box = getComputedStyle(shadow.querySelector('[part="captions"]')!);
    expect(box.fontSize).to.equal('28px');
    expect(box.color).to.equal('rgb(255, 225, 77)');

    // Escape closes them and gives the focus back to the button.
    size.focus();
    await sendKeys({ press: 'Escape' });
    await captions.updateComplete;
    expect(settings.hidden).to.equal(true);
    expect(shadow.activeElement).to.equal(button);

    const next = await fixture<VisioCaptionsElement>(html`<visio-captions></visio-captions>`);
    expect([next.size, next.colors]).to.deep.equal(['large', 'yellow']);
    // A page that sets them keeps its choice.
    const fixed = await fixture<VisioCaptionsElement>(html`<visio-captions size="small" colors="dark"></visio-captions>`);
    expect([fixed.size, fixed.colors]).to.deep.equal(['small', 'dark']);
  });

  it('ignores a remembered size or colours that is not one of its own (a property name of every object)', async () => {
    localStorage.setItem(PREFERENCES_KEY, JSON.stringify({ captionSize: 'constructor', captionColors: 'toString' }));
    const captions = await fixture<VisioCaptionsElement>(html`<visio-captions lang="en"></visio-captions>`);
    expect([captions.size, captions.colors]).to.deep.equal(['medium', 'light']);
    const [size, colors] = captions.shadowRoot!.querySelectorAll('select');
    expect([size.value, colors.value]).to.deep.equal(['medium', 'light']);
  });
});
