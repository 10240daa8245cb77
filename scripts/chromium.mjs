// How every browser run of this project starts Debian's Chromium: headless, with a fake camera
// and microphone, WebRTC allowed on loopback, and no background traffic of Chromium's own.
export const chromiumPath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--use-fake-ui-for-media-stream',
  // Three fake cameras (I420 with a green corner square; a grey Y16 depth camera WebRTC does not
  // send; MJPEG with a yellow corner square) and three fake microphones.
  '--use-fake-device-for-media-stream=device-count=3',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
