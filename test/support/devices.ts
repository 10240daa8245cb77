// Plugging and unplugging devices, which Chromium's fake devices cannot do: the page's device list
// hides the "unplugged" ones and `devicechange` fires, as when a real device goes away. The
// devices that stay are the real fake ones, so everything else (getUserMedia, the call) is real.
const hidden = new Set<string>();
let original: MediaDevices['enumerateDevices'] | undefined;

async function visibleDevices(): Promise<MediaDeviceInfo[]> {
  return (await original!.call(navigator.mediaDevices)).filter((device) => !hidden.has(device.deviceId));
}

/** Hides `deviceId` from the page's device list and fires `devicechange`. */
export function unplug(deviceId: string): void {
  if (!original) {
    original = navigator.mediaDevices.enumerateDevices;
    navigator.mediaDevices.enumerateDevices = visibleDevices;
  }
  hidden.add(deviceId);
  navigator.mediaDevices.dispatchEvent(new Event('devicechange'));
}

/** Shows `deviceId` again and fires `devicechange`. */
export function plugIn(deviceId: string): void {
  hidden.delete(deviceId);
  navigator.mediaDevices.dispatchEvent(new Event('devicechange'));
}

/** Every device back, the real `enumerateDevices()` restored. */
export function restoreDevices(): void {
  hidden.clear();
  if (original) navigator.mediaDevices.enumerateDevices = original;
  original = undefined;
}
