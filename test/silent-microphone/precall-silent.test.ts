// Chromium's fake microphones play a WAV of silence here (--use-file-for-fake-audio-capture, see
// web-test-runner.config.mjs): the pre-call check warns that the microphone seems silent.
import { microphoneCheckSuite } from '../support/precall-microphone.js';

microphoneCheckSuite('silent');
