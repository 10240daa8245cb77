import { RoomEvent, type Room } from 'livekit-client';
import { mediaError } from './errors.js';
import { listen, once, type Unsubscribe } from './subscribe.js';
import { loadPreferences, savePreferences, type Preferences } from './preferences.js';

/** The kinds of device a user can choose. */
export type DeviceKind = 'audioinput' | 'videoinput' | 'audiooutput';

/** The device kind each captured source opens. */
export const DEVICE_KIND_OF = { microphone: 'audioinput', camera: 'videoinput' } as const satisfies Record<'microphone' | 'camera', DeviceKind>;

/** Whether this browser lets a page choose where audio plays (`setSinkId`). */
export function canSelectAudioOutput(): boolean {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
}

/** The devices of one kind, as `enumerateDevices()` lists them; empty when that fails. */
export async function listDevices(kind: DeviceKind, mediaDevices: MediaDevices | undefined = navigator.mediaDevices): Promise<MediaDeviceInfo[]> {
  try {
    const devices = (await mediaDevices?.enumerateDevices()) ?? [];
    return devices.filter((device) => device.kind === kind);
  } catch {
    return [];
  }
}

/**
 * The devices of one kind now, then after every `devicechange` (a device plugged in or out, a
 * permission granted, which reveals labels). Lists are emitted in order even when
 * `enumerateDevices()` answers out of order.
 */
export function observeDevices(mediaDevices: MediaDevices, kind: DeviceKind, next: (devices: MediaDeviceInfo[]) => void): Unsubscribe {
  let active = true;
  let latest = 0;
  const refresh = () => {
    const request = ++latest;
    void listDevices(kind, mediaDevices).then((devices) => {
      if (active && request === latest) next(devices);
    });
  };
  const stop = listen(mediaDevices, 'devicechange', refresh);
  refresh();
  return once(() => {
    active = false;
    stop();
  });
}

/**
 * The device to use among `devices`: `wanted` while it is there, else the browser's default one
 * (`default`, else the first). `undefined` when there is none. Before the user has granted access,
 * browsers list devices without ids: then `wanted` is kept as is, for the browser to try.
 */
export function chooseDevice(devices: readonly MediaDeviceInfo[], wanted?: string): string | undefined {
  if (devices.length === 0) return undefined;
  if (devices.every((device) => device.deviceId === '')) return wanted;
  if (wanted && devices.some((device) => device.deviceId === wanted)) return wanted;
  return (devices.find((device) => device.deviceId === 'default') ?? devices[0]).deviceId;
}

/** Whether `deviceId` is a real choice that is missing from `devices` (unplugged, or gone since last time). */
export function isDeviceMissing(devices: readonly MediaDeviceInfo[], deviceId: string | undefined): boolean {
  if (!deviceId || deviceId === 'default' || devices.every((device) => device.deviceId === '')) return false;
  return !devices.some((device) => device.deviceId === deviceId);
}

const PREFERENCE_OF = { audioinput: 'audioInput', videoinput: 'videoInput', audiooutput: 'audioOutput' } as const;

/** The remembered device of `kind`, if any. */
export function rememberedDevice(kind: DeviceKind, preferences: Preferences = loadPreferences()): string | undefined {
  return preferences[PREFERENCE_OF[kind]];
}

/** Remembers `deviceId` as the user's choice of `kind` for next time. */
export function rememberDevice(kind: DeviceKind, deviceId: string): void {
  savePreferences({ [PREFERENCE_OF[kind]]: deviceId });
}

/**
 * Moves the call to another microphone, camera or speaker without leaving it (the published
 * track is replaced in place), and remembers the choice unless told not to (a fallback). Rejects with a classified `VisioError`.
 */
export async function switchDevice(room: Room, kind: DeviceKind, deviceId: string, remember = true): Promise<void> {
  try {
    await room.switchActiveDevice(kind, deviceId);
  } catch (error) {
    throw mediaError(error);
  }
  if (remember) rememberDevice(kind, deviceId);
}

/** The device the room uses for `kind` now, then after every change. */
export function observeActiveDevice(room: Room, kind: DeviceKind, next: (deviceId: string | undefined) => void): Unsubscribe {
  const emit = () => next(room.getActiveDevice(kind));
  room.on(RoomEvent.ActiveDeviceChanged, emit);
  emit();
  return () => room.off(RoomEvent.ActiveDeviceChanged, emit);
}

/**
 * The browser's camera or microphone permission (`granted`, `denied`, `prompt`) now, then after
 * each change (the user allowing access in the site settings). Nothing is emitted where the
 * browser cannot tell.
 */
export function observePermission(name: 'camera' | 'microphone', next: (state: PermissionState) => void): Unsubscribe {
  let active = true;
  let status: PermissionStatus | undefined;
  const emit = () => status && next(status.state);
  navigator.permissions
    ?.query({ name })
    .then((result) => {
      if (!active) return;
      status = result;
      status.addEventListener('change', emit);
      emit();
    })
    .catch(() => undefined);
  return () => {
    active = false;
    status?.removeEventListener('change', emit);
  };
}
