// What other Matrix users put in the room, as the MatrixRTC backend reads it: memberships count
// only under a state key of their sender for their device, well formed and unexpired; key events
// only with an index in range, bounded keys, in bounded numbers; and a member's own membershipID
// never lets it name or key someone else's LiveKit identity. The real homeserver and a hostile
// member are in test/e2e/matrix.test.ts.
import { expect } from '@open-wc/testing';
import {
  identitiesOf,
  MAX_KEYS_PER_EVENT,
  mediaKeyOf,
  membershipOf,
  ownsStateKey,
  roomKeysOf,
  stateKeysOf,
  toDeviceKeyOf,
} from '../../src/core/backends/matrix-events.js';

const DOMINIQUE = '@dominique:example.fr';
const EVE = '@eve:example.fr';
const NOW = 1_800_000_000_000;
const content = (more: Record<string, unknown> = {}) => ({
  application: 'm.call',
  call_id: '',
  scope: 'm.room',
  device_id: 'DOMDEVICE',
  focus_active: { type: 'livekit', focus_selection: 'oldest_membership' },
  foci_preferred: [],
  expires: 3_600_000,
  created_ts: NOW - 1000,
  ...more,
});
const event = (sender: string, stateKey: string, body: Record<string, unknown> = content()) => ({
  type: 'org.matrix.msc3401.call.member',
  sender,
  state_key: stateKey,
  content: body,
  origin_server_ts: NOW - 1000,
});
const KEY = 'AAECAwQFBgcICQoLDA0ODw'; // 16 bytes, unpadded

describe('MatrixRTC memberships from untrusted room members', () => {
  it('accepts a membership under each state key form its sender owns for its device (matrix-js-sdk 43 and older)', () => {
    for (const stateKey of [`_${DOMINIQUE}_DOMDEVICE_m.call`, `${DOMINIQUE}_DOMDEVICE_m.call`, `${DOMINIQUE}_DOMDEVICE`, DOMINIQUE]) {
      expect(membershipOf(event(DOMINIQUE, stateKey), NOW), stateKey).to.deep.equal({
        sender: DOMINIQUE,
        deviceId: 'DOMDEVICE',
        membershipId: undefined,
        until: NOW - 1000 + 3_600_000,
      });
    }
    expect(stateKeysOf(DOMINIQUE, 'D')[0]).to.equal(`_${DOMINIQUE}_D_m.call`);
  });

  it('refuses a membership under someone else’s state key, or for another device than its state key names', () => {
    expect(ownsStateKey(EVE, `_${DOMINIQUE}_DOMDEVICE_m.call`)).to.equal(false);
    expect(membershipOf(event(EVE, `_${DOMINIQUE}_DOMDEVICE_m.call`), NOW)).to.equal(undefined);
    expect(ownsStateKey(EVE, `_${EVE}_OTHER_m.call`)).to.equal(true);
    expect(membershipOf(event(EVE, `_${EVE}_OTHER_m.call`, content({ device_id: 'DOMDEVICE' })), NOW)).to.equal(undefined);
    // A user id that another one begins with owns nothing of the other's.
    expect(ownsStateKey('@dom:example.fr', `_${DOMINIQUE}_DOMDEVICE_m.call`)).to.equal(false);
  });

  it('refuses malformed, oversized, other calls’ and expired memberships', () => {
    const key = `_${DOMINIQUE}_DOMDEVICE_m.call`;
    const refused: Array<[string, Record<string, unknown>]> = [
      ['left (empty content)', {}],
      ['another application', content({ application: 'm.other' })],
      ['another call', content({ call_id: 'abc' })],
      ['another scope', content({ scope: 'm.user' })],
      ['no device', content({ device_id: undefined })],
      ['no focus', content({ focus_active: undefined })],
      ['a membershipID too long', content({ membershipID: 'x'.repeat(300) })],
      ['a membershipID not a string', content({ membershipID: 7 })],
      ['created_ts not a number', content({ created_ts: 'yesterday' })],
      ['expires not positive', content({ expires: -1 })],
      ['expires not finite', content({ expires: Infinity })],
      ['expired', content({ created_ts: NOW - 5 * 60 * 60_000, expires: 4 * 60 * 60_000 })],
    ];
    for (const [what, body] of refused) expect(membershipOf(event(DOMINIQUE, key, body), NOW), what).to.equal(undefined);
    const long = 'D'.repeat(300);
    expect(membershipOf(event(DOMINIQUE, `_${DOMINIQUE}_${long}_m.call`, content({ device_id: long })), NOW)).to.equal(undefined);
    expect(membershipOf({ ...event(DOMINIQUE, key), sender: 'not a user id' }, NOW)).to.equal(undefined);
  });

  it('gives a member only its own LiveKit identities, whatever membershipID it claims', async () => {
    const dominique = await identitiesOf({ sender: DOMINIQUE, deviceId: 'DOMDEVICE' });
    const eve = await identitiesOf({ sender: EVE, deviceId: 'EVEDEVICE', membershipId: dominique[1] });
    expect(eve).to.have.length(2);
    for (const identity of dominique) expect(eve).not.to.include(identity);
    // The session form, and the hash /get_token gives (matrix-js-sdk's computeRtcIdentityRaw).
    expect(dominique[0]).to.equal(`${DOMINIQUE}:DOMDEVICE`);
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify([DOMINIQUE, 'DOMDEVICE', `${DOMINIQUE}:DOMDEVICE`])));
    expect(dominique[1]).to.equal(btoa(String.fromCharCode(...new Uint8Array(digest))).replace(/=+$/, ''));
  });
});

describe('MatrixRTC media keys from untrusted room members', () => {
  it('reads Element Call’s room key events, keeping only keys with an index in 0‥255 and 1‥64 bytes', () => {
    const keys = roomKeysOf({
      sender: DOMINIQUE,
      content: {
        device_id: 'DOMDEVICE',
        call_id: '',
        keys: [
          { index: 3, key: KEY },
          { index: 256, key: KEY },
          { index: -1, key: KEY },
          { index: 1.5, key: KEY },
          { index: 4, key: 'not base64!' },
          { index: 5, key: '' },
          { index: 6, key: btoa('x'.repeat(65)) },
          { index: 7 },
        ],
      },
    });
    expect(keys?.sender).to.equal(DOMINIQUE);
    expect(keys?.deviceId).to.equal('DOMDEVICE');
    expect(keys?.keys.map((k) => [k.index, k.key.length])).to.deep.equal([[3, 16]]);
  });

  it('takes at most 16 keys of one event, and nothing of another call’s or a malformed one', () => {
    const many = roomKeysOf({ sender: DOMINIQUE, content: { device_id: 'D', keys: Array.from({ length: 100 }, (_, index) => ({ index, key: KEY })) } });
    expect(many?.keys).to.have.length(MAX_KEYS_PER_EVENT);
    expect(roomKeysOf({ sender: DOMINIQUE, content: { device_id: 'D', call_id: 'other', keys: [{ index: 0, key: KEY }] } })).to.equal(undefined);
    expect(roomKeysOf({ sender: DOMINIQUE, content: { keys: [{ index: 0, key: KEY }] } })).to.equal(undefined);
    expect(roomKeysOf({ sender: DOMINIQUE, content: { device_id: 'D', keys: { index: 0, key: KEY } } })).to.equal(undefined);
    expect(roomKeysOf({ sender: 42, content: { device_id: 'D', keys: [{ index: 0, key: KEY }] } })).to.equal(undefined);
    expect(mediaKeyOf({ index: 0, key: 'A'.repeat(10_000) })).to.equal(undefined);
  });

  it('reads matrix-js-sdk 43’s to-device key messages for this room only', () => {
    const message = {
      keys: { index: 2, key: KEY },
      room_id: '!room:example.fr',
      member: { claimed_device_id: 'DOMDEVICE', id: `${DOMINIQUE}:DOMDEVICE` },
      session: { call_id: '', application: 'm.call', scope: 'm.room' },
      sent_ts: NOW,
    };
    expect(toDeviceKeyOf(DOMINIQUE, message, '!room:example.fr')).to.deep.include({ sender: DOMINIQUE, deviceId: 'DOMDEVICE' });
    expect(toDeviceKeyOf(DOMINIQUE, message, '!room:example.fr')?.keys.map((k) => k.index)).to.deep.equal([2]);
    expect(toDeviceKeyOf(DOMINIQUE, message, '!other:example.fr')).to.equal(undefined);
    expect(toDeviceKeyOf(DOMINIQUE, { ...message, session: { ...message.session, call_id: 'x' } }, '!room:example.fr')).to.equal(undefined);
    expect(toDeviceKeyOf(DOMINIQUE, { ...message, member: {} }, '!room:example.fr')).to.equal(undefined);
    expect(toDeviceKeyOf(DOMINIQUE, { ...message, keys: { index: 300, key: KEY } }, '!room:example.fr')).to.equal(undefined);
  });
});
