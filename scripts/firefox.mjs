// How browser runs start Debian's Firefox ESR (`/usr/bin/firefox-esr`, or FIREFOX_PATH): headless,
// driven over WebDriver BiDi by puppeteer-core, with fake camera and microphone and no prompts.
import { existsSync } from 'node:fs';

export const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export const hasFirefox = existsSync(firefoxPath);

export const firefoxPrefs = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  // Let a page play audio without a click, as the Chromium runs do; the autoplay group turns it back on.
  'media.autoplay.default': 0,
  // No background traffic of Firefox's own: the test network only has loopback.
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'app.update.enabled': false,
  'network.manage-offline-status': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  // WebRTC over 127.0.0.1 host candidates, as the test network has only loopback and no default route.
  'media.peerconnection.ice.loopback': true,
  'media.peerconnection.ice.default_address_only': false,
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  'media.peerconnection.ice.no_host': false,
};
