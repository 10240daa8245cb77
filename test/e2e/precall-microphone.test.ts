// Chromium's fake microphones beep: the pre-call check hears them (no "seems silent" warning).
// Not in Firefox (its Web Audio waits for a user gesture here: see test/support/precall-microphone.ts).
import { microphoneCheckSuite } from '../support/precall-microphone.js';

microphoneCheckSuite('sound');
