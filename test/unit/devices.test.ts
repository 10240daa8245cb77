// Devices, remembered choices and media errors, without a server: the device list following
// devices plugged in and out, the fallback when the chosen one goes, storage that fails.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import { chooseDevice, isDeviceMissing } from '../../src/core/devices.js';
import { mediaError } from '../../src/core/errors.js';
import { loadPreferences, PREFERENCES_KEY, savePreferences } from '../../src/core/preferences.js';
import type { VisioDeviceSelectElement } from '../../src/index.js';
import { en } from '../../src/i18n/en.js';
import { plugIn, restoreDevices, unplug } from '../support/devices.js';

const device = (deviceId: string, label = deviceId) => ({ deviceId, label, kind: 'audioinput', groupId: '' }) as MediaDeviceInfo;

describe('devices and preferences', () => {
  afterEach(() => {
    restoreDevices();
    localStorage.removeItem(PREFERENCES_KEY);
  });

  it('chooses the wanted device while it exists, else the default one', () => {
    const devices = [device('default'), device('a'), device('b')];
    expect(chooseDevice(devices, 'b')).to.equal('b');
    expect(chooseDevice(devices, 'gone')).to.equal('default');
    expect(chooseDevice([device('a'), device('b')], 'gone')).to.equal('a');
    expect(chooseDevice([], 'b')).to.equal(undefined);
    // Before access is granted the browser lists devices without ids: keep the wish for getUserMedia.
    expect(chooseDevice([device('', '')], 'b')).to.equal('b');
    expect(isDeviceMissing(devices, 'gone')).to.equal(true);
    expect(isDeviceMissing(devices, 'a')).to.equal(false);
    expect(isDeviceMissing([device('', '')], 'a')).to.equal(false);
  });

  it('remembered choices survive corrupt storage and storage that throws', () => {
    localStorage.setItem(PREFERENCES_KEY, '{not json');
    expect(loadPreferences()).to.deep.equal({});
    localStorage.setItem(PREFERENCES_KEY, JSON.stringify({ name: 42, videoEnabled: false, videoInput: 'cam', extra: 'x' }));
    expect(loadPreferences()).to.deep.equal({ videoEnabled: false, videoInput: 'cam' });
    savePreferences({ name: 'Camille' });
    expect(loadPreferences()).to.deep.equal({ videoEnabled: false, videoInput: 'cam', name: 'Camille' });

    const broken = {
      getItem() {
        throw new DOMException('blocked', 'SecurityError');
      },
      setItem() {
        throw new DOMException('full', 'QuotaExceededError');
      },
    } as unknown as Storage;
    expect(() => savePreferences({ name: 'x' }, broken)).to.not.throw();
    expect(loadPreferences(broken)).to.deep.equal({});
  });

  it('each getUserMedia failure has its own code and a message that says what to do', () => {
    const codes = ['NotAllowedError', 'NotFoundError', 'NotReadableError', 'OverconstrainedError', 'AbortError'].map(
      (name) => mediaError(new DOMException('x', name)).code,
    );
    expect(codes).to.deep.equal([
      'media-permission-denied',
      'media-device-not-found',
      'media-device-in-use',
      'media-constraints-unsatisfiable',
      'media-device-failed',
    ]);
    expect(en.errors['media-permission-denied']).to.match(/Allow it/);
    expect(en.errors['media-device-not-found']).to.match(/join without/);
  });

  it('a device list shows a device plugged in, and falls back to the default with a notice when the chosen one is unplugged', async () => {
    // Access first, so that the list has ids and labels.
    (await navigator.mediaDevices.getUserMedia({ audio: true })).getTracks().forEach((track) => track.stop());
    const microphones = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'audioinput');
    const [, chosen, other] = microphones;
    unplug(other.deviceId);
    const select = await fixture<VisioDeviceSelectElement>(html`<visio-device-select lang="en" kind="audioinput"></visio-device-select>`);
    const list = () => [...select.shadowRoot!.querySelectorAll('option')].map((option) => option.value);
    await waitUntil(() => list().length === microphones.length - 1, 'listed without the unplugged one');
    expect(select.shadowRoot!.querySelector('label')!.textContent).to.equal(en.microphone);

    plugIn(other.deviceId);
    await waitUntil(() => list().includes(other.deviceId), 'the plugged-in microphone appears');

    select.value = chosen.deviceId;
    await select.updateComplete;
    expect(select.shadowRoot!.querySelector('select')!.value).to.equal(chosen.deviceId);
    const fallback = oneEvent(select, 'visio-device-change');
    unplug(chosen.deviceId);
    const { detail } = await fallback;
    expect(detail).to.include({ kind: 'audioinput', deviceId: 'default', reason: 'unplugged' });
    expect(select.value).to.equal('default');
    await select.updateComplete;
    const notice = select.shadowRoot!.querySelector('[part="notice"]')!;
    expect(notice.getAttribute('role')).to.equal('status');
    expect(notice.textContent).to.equal(`${chosen.label} was disconnected. Now using ${microphones[0].label}.`);
  });
});
