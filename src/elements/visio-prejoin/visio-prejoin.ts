import type { Track } from 'livekit-client';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { SubscriptionController } from '../../controllers/subscription-controller.js';
import { BackgroundController } from '../../controllers/background-controller.js';
import { BackgroundEffect } from '../../core/effects/background.js';
import { backgroundPickerStyles, renderBackgroundPicker } from '../../internal/background-picker.js';
import { DEVICE_KIND_OF, observePermission, type DeviceKind } from '../../core/devices.js';
import { rememberedNoiseSuppression } from '../../controllers/noise-suppression-controller.js';
import { noiseConstraints, type NoiseSuppression } from '../../core/effects/noise-suppression.js';
import type { VisioError } from '../../core/errors.js';
import { loadPreferences, savePreferences } from '../../core/preferences.js';
import type { PrecallCheck, PrecallCheckResult } from '../../core/precall-check.js';
import { LocalPreview, observeAudioLevel, type CaptureSource, type PreviewState } from '../../core/preview.js';
import { attachTrack } from '../../directives/attach-track.js';
import { cssProperties } from '../../directives/css-properties.js';
import type { VisioDeviceChangeEvent } from '../../events/visio-device-change.js';
import { VisioPrejoinSubmitEvent } from '../../events/visio-prejoin-submit.js';
import { cameraIcon, cameraOffIcon, microphoneIcon, microphoneOffIcon } from '../../internal/icons.js';
import { noiseChoice, noiseChoiceStyles } from '../../internal/noise-choice.js';
import { VisioElement } from '../../internal/visio-element.js';
import { buttons, focusRing, tokens, visuallyHidden } from '../../styles/shared.js';
import { prejoinStyles } from './visio-prejoin.styles.js';
import { precallCheckStyles, renderPrecallCheck } from './precall-check-panel.js';

/** `"off"` and `"false"` turn a default-on attribute off; absent or anything else is on. */
const onUnlessOff = { fromAttribute: (value: string | null) => value !== 'off' && value !== 'false' };

/**
 * The screen before the call: camera preview, microphone level, display name, microphone and
 * camera on/off, device choice, and the join button. Choices are remembered on this site for the
 * next call. When the camera or microphone cannot start (access denied, none found, in use), it
 * says why and how to fix it, and the user can still join to listen and watch.
 *
 * The preview's tracks are handed to whoever handles `visio-prejoin-submit` (`<visio-call>`
 * publishes them, so the camera is not opened twice); removing the element stops them otherwise.
 *
 * @fires visio-prejoin-submit - The user pressed join; `detail` holds the choices and the live tracks. Cancelable: `preventDefault()` keeps the tracks in the preview.
 * @fires visio-error - The camera or microphone could not start; `detail.code` says why.
 * @csspart preview - The camera preview box.
 * @csspart video - The preview `<video>`.
 * @csspart meter - The microphone level.
 * @csspart name-input - The display name field.
 * @csspart error - The message shown when a device could not start.
 * @csspart join-button - The join button.
 * @csspart precheck - The pre-call check: the connection to the video server and the microphone, in words.
 * @csspart precheck-status - The check's results (a polite live region).
 * @csspart precheck-button - The "Check again" button.
 * @csspart background - The background choice (none, blur, images, your own image).
 * @csspart background-file - The button that picks your own background image (it stays on the device).
 * @csspart background-reason - Why the background choice is disabled, where the browser cannot blur.
 * @csspart noise-suppression - The noise suppression list: off, standard (the browser's own) or strong.
 * @csspart noise-suppression-reason - Why strong noise suppression is not offered, where the browser cannot run it.
 */
export class VisioPrejoinElement extends VisioElement {
  static override styles = [tokens, focusRing, buttons, visuallyHidden, prejoinStyles, precallCheckStyles, backgroundPickerStyles, noiseChoiceStyles];

  /** The display name to start with. */
  @property() name = '';
  /** The portal decides the name: shown, not editable. */
  @property({ type: Boolean, attribute: 'name-locked' }) nameLocked = false;
  /** Start with the microphone on (`audio="off"`: off; the user can still turn it on). */
  @property({ converter: onUnlessOff }) audio = true;
  /** Start with the camera on (`video="off"`: off). */
  @property({ converter: onUnlessOff }) video = true;
  /**
   * The pre-call check to show and run (`<visio-call>` gives its own): the connection when the
   * prejoin appears, the microphone on each device. None: no check.
   */
  @property({ attribute: false }) precallCheck?: PrecallCheck;
  /**
   * The background choice (blur, images) shared with the call: `<visio-call>` sets its own. A
   * prejoin on its own makes one, without host images, and uses `effects-path`.
   */
  @property({ attribute: false }) backgroundEffect?: BackgroundEffect;
  /** Where the media-effect files are served from (see `<visio-call>`'s `effects-path`). */
  @property({ attribute: 'effects-path' }) effectsPath?: string;
  /** Noise suppression: `off`, `browser` (the browser's own) or `strong` (RNNoise); by default the one remembered, else `browser`. */
  @property({ attribute: 'noise-suppression' }) noiseSuppression: NoiseSuppression = rememberedNoiseSuppression();

  @state() private preview?: PreviewState;
  @state() private editedName?: string;
  @state() private audioOutput?: string;
  /** Set when the prejoin stands alone and its language's file could not be loaded. */
  @state() private languageError?: string;

  private session?: { preview: LocalPreview; unsubscribe: () => void };
  private permissionWatch: Array<() => void> = [];
  private readonly reported = new WeakSet<VisioError>();
  private readonly level = new SubscriptionController<Track, number>(this, () => this.preview?.microphone.track, observeAudioLevel);
  private readonly checkResult = new SubscriptionController<PrecallCheck, PrecallCheckResult>(
    this,
    () => this.precallCheck,
    (check, next) => check.subscribe(next),
  );
  /** The microphone the check last listened to (`null`: none, the microphone is off or failed). */
  private checkedMicrophone?: MediaStreamTrack | null;
  private ownEffect?: BackgroundEffect;
  /** The preview shows the background effect chosen. */
  private readonly background = new BackgroundController(this, {
    effect: () => this.backgroundEffect ?? (this.ownEffect ??= new BackgroundEffect()),
    track: () => this.preview?.camera.track,
    effectsPath: () => this.effectsPath,
    error: (error) => this.reportError(error),
  });

  /** The name the user will join with. */
  get displayName(): string {
    if (this.nameLocked) return this.name;
    return this.editedName ?? (this.name || loadPreferences().name || '');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Properties set before this element was defined (by <visio-call>, when the bundle loads the
    // prejoin on demand, or by a page) are Lit's to restore, in the first update: until then
    // `audio` and `video` read their defaults. The first preview starts there (willUpdate).
    if (this.hasUpdated) this.startPreview();
  }

  /** Opens the preview's microphone and camera, as `audio`, `video` and the remembered choices say. */
  private startPreview(): void {
    const remembered = loadPreferences();
    const preview = new LocalPreview({
      microphone: { enabled: this.audio && (remembered.audioEnabled ?? true), deviceId: remembered.audioInput, ...noiseConstraints(this.noiseSuppression) },
      camera: { enabled: this.video && (remembered.videoEnabled ?? true), deviceId: remembered.videoInput },
    });
    this.audioOutput = remembered.audioOutput;
    this.session = { preview, unsubscribe: preview.subscribe((value) => this.onPreview(value)) };
    void preview.start();
    // Access allowed in the site settings while this screen is open: the devices start, no reload.
    this.permissionWatch = (['camera', 'microphone'] as const).map((name) => observePermission(name, (state) => state === 'granted' && void preview.retry()));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.permissionWatch.splice(0).forEach((unsubscribe) => unsubscribe());
    this.session?.unsubscribe();
    this.session?.preview.stop();
    this.session = undefined;
    this.preview = undefined;
    this.checkedMicrophone = undefined;
    this.ownEffect?.dispose();
    this.ownEffect = undefined;
  }

  /** Alone on a page (not in `<visio-call>`): the message also shows above the form. */
  protected override languageFailed(error: VisioError): void {
    this.languageError = this.reportError(error);
  }

  /** Focuses the join button, the screen's main action. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('[part="join-button"]')?.focus(options);
  }

  /** Joins with the current choices: fires `visio-prejoin-submit` with them and the live tracks. */
  requestJoin(): void {
    const preview = this.session?.preview;
    const state = preview?.current;
    if (!preview || !state) return;
    const name = this.displayName.trim();
    const devices = this.devices(state);
    savePreferences({
      ...(this.nameLocked ? {} : { name }),
      audioEnabled: state.microphone.enabled,
      videoEnabled: state.camera.enabled,
      audioInput: devices.audioinput,
      videoInput: devices.videoinput,
      audioOutput: devices.audiooutput,
      noiseSuppression: this.noiseSuppression,
    });
    const submit = new VisioPrejoinSubmitEvent({
      name,
      // A device that could not start is not asked for again on join: the user joins to listen and watch.
      audioEnabled: state.microphone.enabled && !state.microphone.error,
      videoEnabled: state.camera.enabled && !state.camera.error,
      devices,
      noiseSuppression: this.noiseSuppression,
      tracks: preview.tracks,
    });
    // Handed over unless the join was refused (then the preview goes on with them).
    if (this.dispatchEvent(submit)) preview.takeTracks();
  }

  private devices(state: PreviewState): Partial<Record<DeviceKind, string>> {
    const inUse = (track?: Track) => track?.mediaStreamTrack.getSettings().deviceId;
    return {
      audioinput: inUse(state.microphone.track) ?? state.microphone.deviceId,
      videoinput: inUse(state.camera.track) ?? state.camera.deviceId,
      audiooutput: this.audioOutput,
    };
  }

  private onPreview(state: PreviewState) {
    this.preview = state;
    for (const error of [state.microphone.error, state.camera.error]) {
      if (error && !this.reported.has(error)) {
        this.reported.add(error);
        this.reportError(error);
      }
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated && this.isConnected) this.startPreview();
    this.runCheck();
    // A host that sets `audio`/`video` while the prejoin shows (for example through
    // `<visio-call>.setMicrophoneEnabled()`) turns the preview's microphone or camera on or off.
    const preview = this.session?.preview;
    if (!preview || !this.hasUpdated) return;
    if (changed.has('audio')) void preview.setEnabled('microphone', this.audio);
    if (changed.has('video')) void preview.setEnabled('camera', this.video);
    if (changed.has('noiseSuppression')) void preview.setNoiseSuppression(noiseConstraints(this.noiseSuppression).noiseSuppression);
  }

  /** Starts the check's connection part once, and its microphone part on each microphone (re-checked on a device change). */
  private runCheck() {
    const check = this.precallCheck;
    const microphone = this.preview?.microphone;
    if (!check || !microphone) return;
    if (check.current.connection.status === 'idle') void check.checkConnection();
    const track = microphone.enabled && !microphone.error ? microphone.track?.mediaStreamTrack : null;
    // A microphone still starting is waited for.
    if (track === undefined || track === this.checkedMicrophone) return;
    this.checkedMicrophone = track;
    void check.checkMicrophone(track ?? undefined);
  }

  private toggle(source: CaptureSource) {
    const state = this.preview;
    if (state) void this.session?.preview.setEnabled(source, !state[source].enabled);
  }

  private onDeviceChange(event: VisioDeviceChangeEvent) {
    const { kind, deviceId } = event.detail;
    if (kind === 'audiooutput') this.audioOutput = deviceId;
    else void this.session?.preview.setDevice(kind === DEVICE_KIND_OF.microphone ? 'microphone' : 'camera', deviceId);
  }

  override render() {
    const state = this.preview;
    if (!state) return nothing;
    const devices = this.devices(state);
    const level = Math.round(Math.min(1, (this.level.value ?? 0) * 2) * 100);
    const errors = [...new Set([state.microphone.error, state.camera.error].filter((error) => error).map((error) => error!.code))];
    return html`
      <div class="prejoin">
        <div>
          <div class="preview" part="preview" role="group" aria-label=${this.localize.term('cameraPreview')}>
            <video part="video" ?hidden=${!state.camera.track} ${attachTrack(state.camera.track)} playsinline muted></video>
            ${state.camera.track ? nothing : html`<span>${this.localize.term('cameraOff')}</span>`}
          </div>
          <div
            class="meter"
            part="meter"
            role="meter"
            aria-label=${this.localize.term('microphoneLevel')}
            aria-valuemin="0"
            aria-valuemax="100"
            aria-valuenow=${state.microphone.track ? level : 0}
          >
            <div class="level" ${cssProperties({ '--_level': (state.microphone.track ? level : 0) / 100 })}></div>
          </div>
          <div class="toggles">${this.toggleButton('microphone', state.microphone.enabled)} ${this.toggleButton('camera', state.camera.enabled)}</div>
        </div>
        <div class="side">
          <h2>${this.localize.term('prejoinTitle')}</h2>
          ${this.languageError ? html`<p class="error" part="error" role="alert">${this.languageError}</p>` : nothing}
          ${errors.map((code) => html`<p class="error" part="error" role="alert">${this.localize.error(code)}</p>`)}
          <div class="field">
            <label for="name">${this.localize.term('displayName')}</label>
            <input
              id="name"
              part="name-input"
              autocomplete="name"
              .value=${this.displayName}
              ?readonly=${this.nameLocked}
              @input=${(event: Event) => (this.editedName = (event.target as HTMLInputElement).value)}
              @keydown=${(event: KeyboardEvent) => event.key === 'Enter' && this.requestJoin()}
            />
          </div>
          <div class="field" @visio-device-change=${this.onDeviceChange}>
            <visio-device-select kind="audioinput" .value=${devices.audioinput ?? ''}></visio-device-select>
            ${noiseChoice(this.localize, this.noiseSuppression, (level) => (this.noiseSuppression = level))}
            <visio-device-select kind="videoinput" .value=${devices.videoinput ?? ''}></visio-device-select>
            <visio-device-select kind="audiooutput" .value=${devices.audiooutput ?? ''}></visio-device-select>
          </div>
          ${renderBackgroundPicker({
            effect: this.background.effect,
            localize: this.localize,
            ownFile: (file) => void this.background.effect.setOwnImage(file).catch((error: unknown) => this.reportError(error)),
          })}
          <button part="join-button" class="primary" @click=${this.requestJoin}>${this.localize.term('join')}</button>
          ${renderPrecallCheck(
            this.checkResult.value,
            (key, values) => this.localize.term(key, values),
            () => void this.precallCheck?.run(),
          )}
        </div>
      </div>
    `;
  }

  private toggleButton(source: CaptureSource, enabled: boolean) {
    const [on, off, turnOn, turnOff] =
      source === 'microphone'
        ? ([microphoneIcon, microphoneOffIcon, 'turnOnMicrophone', 'turnOffMicrophone'] as const)
        : ([cameraIcon, cameraOffIcon, 'turnOnCamera', 'turnOffCamera'] as const);
    return html`<button
      aria-pressed=${enabled ? 'true' : 'false'}
      aria-label=${this.localize.term(source)}
      title=${this.localize.term(enabled ? turnOff : turnOn)}
      @click=${() => this.toggle(source)}
    >
      ${enabled ? on : off}
    </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'visio-prejoin': VisioPrejoinElement;
  }
}
