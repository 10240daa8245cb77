import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CallLayoutController } from '../../controllers/call-layout-controller.js';
import { CallNoticesController } from '../../controllers/call-notices-controller.js';
import { CallSessionController, type JoinChoices } from '../../controllers/call-session-controller.js';
import { DisclosureController } from '../../controllers/disclosure-controller.js';
import { ModerationController } from '../../controllers/moderation-controller.js';
import { RecordingController } from '../../controllers/recording-controller.js';
import { ShortcutsController } from '../../controllers/shortcuts-controller.js';
import { LobbyController } from '../../controllers/lobby-controller.js';
import { PrecallCheckController } from '../../controllers/precall-check-controller.js';
import { BackgroundController } from '../../controllers/background-controller.js';
import { StagedRenderController } from '../../controllers/staged-render-controller.js';
import { BackgroundEffect, backgroundUnsupportedReason, localCameraTrack, type BackgroundChoice, type BackgroundImage } from '../../core/effects/background.js';
import { backgroundPickerStyles, renderBackgroundPicker } from '../../internal/background-picker.js';
import { PopOutController } from '../../controllers/popout-controller.js';
import { isAudioOnly, qualityOf, setReceiveQuality, setSaveData, watchQuality, type ReceiveQuality, type SaveData } from '../../core/quality.js';
import { VisioPopOutChangedEvent } from '../../events/visio-pop-out-changed.js';
import { popOutIcon } from '../../internal/icons.js';
import { popOutParticipant, popOutStyles, renderPopOut } from './popout-panel.js';
import { NoiseSuppressionController } from '../../controllers/noise-suppression-controller.js';
import type { NoiseSuppression } from '../../core/effects/noise-suppression.js';
import { tokenSourceBackend, type AssignableRole, type CallBackend, type RecordingMode, type WaitingParticipant } from '../../core/backends/backend.js';
import { livekitBackend } from '../../core/backends/livekit.js';
import { meetBackend } from '../../core/backends/deferred.js';
import type { CallStatus } from '../../core/call-session.js';
import { downloadTranscript, transcript, type TranscriptFormat } from '../../core/captions.js';
import { clearHistory, sendChatMessage } from '../../core/chat.js';
import { rememberedDevice, switchDevice, type DeviceKind } from '../../core/devices.js';
import type { E2EEConfig } from '../../core/e2ee.js';
import { actionError, unknownError, VisioError } from '../../core/errors.js';
import { handRaisedAt, setHandRaised } from '../../core/hand.js';
import type { CallLayout } from '../../core/layout.js';
import type { Unsubscribe } from '../../core/subscribe.js';
import type { MediaSource } from '../../core/media.js';
import { onFirstRemoteVideo, type ParticipantInfo } from '../../core/observe.js';
import type { PrecallCheckResult } from '../../core/precall-check.js';
import { everyone, isRoomHost, setDisplayName } from '../../core/participants.js';
import type { ShortcutAction } from '../../core/shortcuts.js';
import { loadPreferences } from '../../core/preferences.js';
import { sendReaction } from '../../core/reactions.js';
import type { TokenSource } from '../../core/token-source.js';
import { defaultE2EEWorker } from '../../e2ee-worker-url.js';
import { VisioCaptionEvent } from '../../events/visio-caption.js';
import { VisioChatMessageEvent } from '../../events/visio-chat-message.js';
import { VisioConnectedEvent } from '../../events/visio-connected.js';
import { VisioDisconnectedEvent } from '../../events/visio-disconnected.js';
import type { VisioErrorEvent } from '../../events/visio-error.js';
import { VisioHandRaisedEvent } from '../../events/visio-hand-raised.js';
import { VisioJoinRequestEvent } from '../../events/visio-join-request.js';
import { VisioLayoutChangedEvent } from '../../events/visio-layout-changed.js';
import { VisioLeaveRequestEvent } from '../../events/visio-leave-request.js';
import { VisioLobbyChangedEvent } from '../../events/visio-lobby-changed.js';
import { VisioMediaChangedEvent } from '../../events/visio-media-changed.js';
import { VisioModeratedEvent } from '../../events/visio-moderated.js';
import { VisioParticipantJoinedEvent } from '../../events/visio-participant-joined.js';
import { VisioParticipantLeftEvent } from '../../events/visio-participant-left.js';
import { VisioParticipantsChangedEvent } from '../../events/visio-participants-changed.js';
import { VisioPrecallCheckEvent } from '../../events/visio-precall-check.js';
import { VisioRecordingChangedEvent } from '../../events/visio-recording-changed.js';
import type { VisioPinEvent } from '../../events/visio-pin.js';
import type { VisioPrejoinSubmitEvent } from '../../events/visio-prejoin-submit.js';
import { VisioStatusChangedEvent } from '../../events/visio-status-changed.js';
import { captionsIcon, chatIcon, closeIcon, gridIcon, handIcon, peopleIcon, recordIcon, slidersIcon, stageIcon } from '../../internal/icons.js';
import type { MenuEntry } from '../../controllers/overflow-controller.js';
import { ensureDefined, lazy } from '../../internal/lazy.js';
import { VisioElement } from '../../internal/visio-element.js';
import { buttons, focusRing, tokens, visuallyHidden } from '../../styles/shared.js';
import { CAPABILITIES, capabilitiesWith, type SidePanel, type VisioCallState, type VisioCapabilities, type VisioCommand } from './visio-call.capabilities.js';
import { callStyles } from './visio-call.styles.js';
import { lobbyStyles, renderLobbyPanel } from './lobby-panel.js';

export type { SidePanel, VisioCallState, VisioCapabilities, VisioCommand } from './visio-call.capabilities.js';

/** The icon of each kind of toast. */
const toastIcons = { hand: handIcon, chat: chatIcon, info: recordIcon } as const;

/** `"off"` and `"false"` turn a default-on attribute off; absent or anything else is on. */
const onUnlessOff = { fromAttribute: (value: string | null) => value !== 'off' && value !== 'false' };

/**
 * The whole call in one tag: the prejoin (camera preview, microphone level, name, devices; a
 * plain join button with `skip-prejoin`, nothing with `autojoin`), connecting, the call (grid, controls, audio),
 * reconnecting, left (with rejoin) and error (with a translated message and retry).
 *
 * @fires visio-connected - The call is connected.
 * @fires visio-disconnected - The call ended; `detail.reason` is `left` or an error code.
 * @fires visio-participant-joined - A remote participant joined.
 * @fires visio-participant-left - A remote participant left.
 * @fires visio-error - Something failed; `detail.code` is stable, `detail.message` is shown.
 * @fires visio-status-changed - The status changed (`detail.status`, `detail.error`).
 * @fires visio-participants-changed - Someone joined, left, or turned a microphone, camera or screen share on or off (`detail.participants`).
 * @fires visio-media-changed - The local microphone, camera or screen share was turned on or off.
 * @fires visio-join-request - About to join; cancelable (`preventDefault()` does not join).
 * @fires visio-device-change - A microphone, camera or speaker was chosen, or replaced by the default one after it was unplugged (from the device lists inside).
 * @fires visio-leave-request - About to leave (leave button or `leave()`); cancelable (`preventDefault()` keeps the call).
 * @fires visio-layout-changed - The grid or the stage now shows, or someone was pinned or unpinned (`detail.layout`, `detail.shown`, `detail.pinned`).
 * @fires visio-chat-message - A chat message was sent or received (`detail`: id, timestamp, message, from, isLocal).
 * @fires visio-caption - A caption appeared or changed (`detail`: id, text, final, speaker, start, end).
 * @fires visio-hand-raised - Someone raised or lowered their hand (`detail.raised`, `detail.identity`, `detail.name`).
 * @fires visio-recording-changed - The call started or stopped being recorded or transcribed (`detail.status`, `detail.mode`).
 * @fires visio-moderated - A moderator muted the local participant, took away their right to publish, or removed them, and they were told (`detail.action`, `detail.by`).
 * @fires visio-lobby-changed - For hosts: who waits to be let in changed (`detail.waiting`: id, name).
 * @fires visio-precall-check - The pre-call check finished: the server reachable or not, over UDP, TCP or a relay, the round-trip time, the microphone silent or not (`detail.connection`, `detail.microphone`).
 * @fires visio-pop-out-changed - The call popped out into its own small window, or came back into the page (`detail.poppedOut`, `detail.mode`).
 * @csspart participants-button - The control bar's button that shows or hides the participant list.
 * @csspart chat-button - The control bar's button that shows or hides the chat (with the unread count).
 * @csspart hand-button - The control bar's raise-hand button.
 * @csspart captions-button - The control bar's button that turns captions on or off.
 * @csspart panel - The side panel: the participant list or the chat.
 * @csspart layout-button - The control bar's button that switches between grid and focus view.
 * @csspart pop-out-button - The control bar's button that pops the call out into a small window that stays on top, or brings it back (absent where the page cannot).
 * @csspart settings-button - The control bar's button that opens the settings (devices, captions, language, keyboard shortcuts).
 * @csspart prejoin - The `<visio-prejoin>` shown before joining.
 * @csspart captions - The `<visio-captions>` over the call, while captions are on.
 * @csspart toast - The brief notice over the call that someone raised their hand, or wrote in the chat while it is closed.
 * @csspart screen - The join, connecting, left and error screens.
 * @csspart join-button - The button that joins (or rejoins, or retries).
 * @csspart cancel-button - The button that stops a join: waiting in the lobby, or connecting for over 2 s.
 * @csspart recording-notice - The notice, over the call, that it is being recorded or transcribed (shown as long as it is).
 * @csspart recording-button - For room hosts whose backend records: opens the recording menu, or stops the recording.
 * @csspart recording-menu - The host's choice between recording and transcribing.
 * @csspart banner - Reconnecting and device notices shown over the call.
 * @csspart lobby - For hosts, over the call: who waits to be let in.
 * @csspart lobby-entry - One person waiting, with their admit and deny buttons.
 * @csspart admit-button - Lets the person waiting in.
 * @csspart deny-button - Turns the person waiting away.
 * @cssprop --visio-call-height - Default `100%`.
 * @cssprop --visio-background - Behind the call.
 * @cssprop --visio-accent - Primary buttons.
 * @cssprop --visio-accent-text - Text on primary buttons.
 * @cssprop --visio-surface - Bars, menus and panels.
 * @cssprop --visio-text - Text.
 * @cssprop --visio-text-muted - Secondary text.
 * @cssprop --visio-danger - The leave button and devices turned off.
 * @cssprop --visio-danger-text - Text on danger buttons.
 * @cssprop --visio-focus-color - The keyboard focus ring.
 * @cssprop --visio-radius - Corner radius of tiles and buttons.
 * @cssprop --visio-font-family - Font of every element.
 * @cssprop --visio-gap - Space between tiles and controls.
 * @cssprop --visio-tile-background - Behind a tile without video.
 * @cssprop --visio-speaking-color - The ring around whoever speaks.
 */
export class VisioCallElement extends VisioElement implements Record<VisioCommand, (...args: never[]) => unknown> {
  static override styles = [tokens, focusRing, buttons, visuallyHidden, callStyles, lobbyStyles, backgroundPickerStyles];

  /** URL of the portal's token endpoint (LiveKit's standard format). */
  @property({ attribute: 'token-endpoint' }) tokenEndpoint = '';
  /**
   * La Suite Meet's REST base (`https://visio.example.fr/api/v1.0/`, or the portal's same-site
   * proxy of it, `/visio-api/v1.0/`): the call then goes through Meet (`meetBackend`), `room`
   * being the Meet room's id or slug. Wins over `token-endpoint`.
   */
  @property({ attribute: 'meet-api' }) meetApi = '';
  /**
   * URL of the moderation endpoint beside the token endpoint (the reference server's contract, see
   * `livekitBackend`): hands, renames, the lobby and host actions go through it.
   */
  @property({ attribute: 'moderation-endpoint' }) moderationEndpoint = '';
  /**
   * URL of the check endpoint beside the token endpoint (see `livekitBackend`): the prejoin's
   * connection check gets a hidden, short-lived token from it. Without it, the check says the
   * connection could not be tested.
   */
  @property({ attribute: 'check-endpoint' }) checkEndpoint = '';
  /** Name of the room to join. */
  @property() room = '';
  /** Display name of the local participant. */
  @property() name = '';
  /** Publish the microphone on join (`audio="off"` to join muted). */
  @property({ converter: onUnlessOff }) audio = true;
  /** Publish the camera on join (`video="off"` to join without camera). */
  @property({ converter: onUnlessOff }) video = true;
  /** Join as soon as the element is on the page, without the join screen. */
  @property({ type: Boolean }) autojoin = false;
  /** No camera preview and device choice before joining: a plain join button (remembered devices still apply). */
  @property({ type: Boolean, attribute: 'skip-prejoin' }) skipPrejoin = false;
  /** The portal decides the display name: the prejoin shows it, not editable (`setName()` can still rename during the call). */
  @property({ type: Boolean, attribute: 'name-locked' }) nameLocked = false;
  /** Cookies sent to the token endpoint: `include` (default), `same-origin` or `omit`. */
  @property() credentials: RequestCredentials = 'include';
  /** Your own token source; wins over `token-endpoint`. */
  @property({ attribute: false }) tokenSource?: TokenSource;
  /**
   * The deployment the call talks to (see `CallBackend`): credentials, and where it offers them
   * raising a hand, renaming, the lobby, moderation and recording. Wins over `tokenSource` and the
   * attributes. Takes effect at the next join.
   */
  @property({ attribute: false }) backend?: CallBackend;
  /**
   * End-to-end encryption: `{ passphrase, worker? }`, the same passphrase for everyone in the room.
   * Off by default; livekit-client's encryption worker is only loaded when a call with this set
   * joins. Takes effect at the next join.
   */
  @property({ attribute: false }) e2ee?: E2EEConfig;
  /**
   * `grid`, `stage` (one large tile and a strip), or `auto` (default): the stage while someone
   * shares a screen, the grid otherwise. Pinning someone shows the stage whatever the setting.
   */
  @property({ reflect: true }) layout: CallLayout = 'auto';
  /**
   * Where the keyboard shortcuts work: `call` (default) while the focus is in the call, `page`
   * anywhere on the page (not while typing in a field), `off` nowhere. Users can also turn them
   * off or change them in the settings.
   */
  @property() shortcuts: 'call' | 'page' | 'off' = 'call';
  /**
   * Where the media-effect files (background segmentation, noise suppression) are served from:
   * by default `effects/` beside the library, on the page's own origin. Loaded only when a user
   * turns an effect on.
   */
  @property({ attribute: 'effects-path' }) effectsPath?: string;
  /**
   * The background images offered besides none and blur: `{ src, label }[]` (`src` on the page's
   * origin, or served with CORS; `label` is what users read). Users can also pick an image of
   * their own, which stays on their device.
   */
  @property({ attribute: false }) backgrounds: BackgroundImage[] = [];

  /** The commands and events this version supports, and its version. */
  static readonly capabilities: VisioCapabilities = CAPABILITIES;

  /** Noise suppression on the microphone (off, the browser's own, RNNoise), remembered. */
  private readonly noise = new NoiseSuppressionController(this, { effectsPath: () => this.effectsPath, error: (error) => this.showError(error) });
  private readonly session = new CallSessionController(this, {
    events: {
      joinRequest: VisioJoinRequestEvent,
      statusChanged: VisioStatusChangedEvent,
      participantsChanged: VisioParticipantsChangedEvent,
      mediaChanged: VisioMediaChangedEvent,
      connected: VisioConnectedEvent,
      disconnected: VisioDisconnectedEvent,
      participantJoined: VisioParticipantJoinedEvent,
      participantLeft: VisioParticipantLeftEvent,
    },
    backend: () => this.currentBackend(),
    roomName: () => this.room,
    e2ee: () => this.e2ee,
    e2eeWorker: defaultE2EEWorker,
    announce: (key, values) => this.notices.announce(this.localize.term(key, values)),
    error: (error) => this.showError(error),
    joining: () => this.notices.showNotice(undefined),
    watch: (room): Unsubscribe[] => [
      ...this.notices.watch(room),
      ...this.recording.watch(room),
      ...this.moderation.watch(room),
      watchQuality(room),
      ...this.noise.watch(room),
    ],
  });
  private readonly recording: RecordingController = new RecordingController(this, {
    changed: VisioRecordingChangedEvent,
    term: (key, values) => this.localize.term(key, values),
    announce: (text) => this.notices.announce(text),
    notify: (text) => this.notices.showToast('info', text),
    act: (action, mode = 'screen_recording'): Promise<boolean> =>
      this.session.backendAct((backend, call) => (action === 'startRecording' ? backend.startRecording?.(call, mode) : backend.stopRecording?.(call))),
  });
  /** The host's recording menu (start recording or transcription). */
  private readonly recordingMenu = new DisclosureController(this, () => '[part="recording-button"]');
  private readonly layoutState = new CallLayoutController(this, {
    layout: () => this.layout,
    participants: () => this.session.participants,
    changed: (change) => this.dispatchEvent(new VisioLayoutChangedEvent(change)),
  });
  private readonly notices = new CallNoticesController(this, {
    events: { chatMessage: VisioChatMessageEvent, caption: VisioCaptionEvent, handRaised: VisioHandRaisedEvent },
    term: (key, values) => this.localize.term(key, values),
    chatOpen: () => this.openPanel === 'chat',
  });
  private readonly moderation: ModerationController = new ModerationController(this, {
    session: this.session,
    moderated: VisioModeratedEvent,
    term: (key, values) => this.localize.term(key, values),
    lang: () => this.localize.lang,
    announce: (text) => this.notices.announce(text),
    notice: (text) => this.notices.showNotice(text),
  });
  private readonly lobby = new LobbyController(this, {
    call: () => this.session.call,
    backend: () => this.session.backend,
    status: () => this.session.status,
    backendAct: (action) => this.session.backendAct(action),
    changed: (waiting) => this.dispatchEvent(new VisioLobbyChangedEvent({ waiting })),
    announce: (...[key, values]) => this.notices.announce(this.localize.term(key, values)),
    error: (error) => this.showError(error),
    focusWaiting: () => {
      const active = document.activeElement;
      if (!active || active === document.body || active === this) this.renderRoot.querySelector<HTMLElement>('[part="cancel-button"]')?.focus();
    },
  });
  /** The pre-call check the prejoin shows (and `checkConnection()` runs). */
  private readonly precheck = new PrecallCheckController(this, {
    credentials: () => {
      const backend = this.currentBackend();
      return backend?.checkCredentials ? (signal) => backend.checkCredentials!({ roomName: this.room }, { signal }) : undefined;
    },
    settled: (result) => this.dispatchEvent(new VisioPrecallCheckEvent(result)),
  });
  /** The background effect, shared by the prejoin's preview and the published camera. */
  private readonly backgroundEffect = new BackgroundEffect();
  private readonly background = new BackgroundController(this, {
    effect: () => this.backgroundEffect,
    track: () => (this.session.inCall ? localCameraTrack(this.session.room) : undefined),
    effectsPath: () => this.effectsPath,
    error: (error) => this.showError(error),
  });
  /** The call in its own small window (see `popOut()`). */
  private readonly popOutWindow: PopOutController = new PopOutController(this, {
    active: () => this.session.inCall,
    content: () => this.renderPopOut(),
    styles: [tokens, focusRing, buttons, popOutStyles],
    attributes: () => ({ lang: this.localize.lang, theme: this.theme }),
    video: () => this.speakerVideo(),
    changed: (detail) => this.dispatchEvent(new VisioPopOutChangedEvent(detail)),
    error: (error) => this.showError(error),
    focusBack: () => this.renderRoot.querySelector<HTMLElement>('[part="pop-out-button"]')?.focus(),
  });
  /** The side panel: which one, and whether it is open (Escape and its close button give the focus back to its bar button). */
  private panelKind: SidePanel = 'participants';
  private readonly panel = new DisclosureController(this, () => `[part="${this.panelKind}-button"]`);
  @state() private captionsOn = false;
  /** With `autojoin`, the tiles first, and the control bar and settings once a remote video plays (off the path to the first video). */
  private readonly staged = new StagedRenderController(
    this,
    () => this.autojoin,
    // Asked in the call's render only, where the room is.
    (go) => onFirstRemoteVideo(this.session.room!, go),
  );
  /** The settings were asked for: their background choice renders from then on (its WebGL check costs tens of ms). */
  private settingsWanted = false;
  /** What the user chose in the prejoin; rejoining and retrying reuse it. */
  private choices?: Omit<JoinChoices, 'tracks'>;
  /** The join the prejoin's last request started. */
  private joining?: Promise<boolean>;
  /** The backend made from the attributes, and what it was made from (the same inputs give the same backend). */
  private madeBackend?: { from: unknown[]; backend: CallBackend };

  constructor() {
    super();
    // The keyboard shortcuts: the controller listens, the call acts.
    new ShortcutsController(this, {
      scope: () => this.shortcuts,
      active: () => this.session.inCall,
      run: (action) => this.onShortcut(action),
      microphoneOn: () => this.session.media.microphone,
      setMicrophone: (on) => void this.setMicrophoneEnabled(on),
    });
  }

  /** Same as `VisioCallElement.capabilities`, for hosts that only hold the element. */
  get capabilities(): VisioCapabilities {
    return { ...capabilitiesWith(this.currentBackend()), background: !backgroundUnsupportedReason() };
  }

  /** The call now: status, participants with their media, and the local media. */
  get state(): VisioCallState {
    const { status, error } = this.session.state;
    const room = this.session.room;
    return {
      status,
      ...(error ? { error: error.code } : {}),
      participants: this.getParticipants(),
      media: { ...this.session.media },
      background: this.backgroundEffect.choice,
      poppedOut: this.popOutWindow.poppedOut,
      quality: room ? qualityOf(room) : { saveData: 'off', receiveQuality: 'auto' },
      noiseSuppression: this.noise.level,
    };
  }

  /** The session's `Room`, for advanced use (undefined before the element is connected). */
  get livekitRoom() {
    return this.session.room;
  }

  /** Current status: `idle`, `connecting`, `waiting` (in the lobby), `connected`, `reconnecting`, `left` or `error`. */
  get status() {
    return this.session.status;
  }

  protected override firstUpdated(_changed: PropertyValues<this>): void {
    if (this.autojoin) void this.join();
  }

  /**
   * Joins the call, after a cancelable `visio-join-request`. Resolves to whether it is connected;
   * never rejects (see `visio-error`). While a join is in flight, resolves with it. An element that
   * is not in the page does not join: it resolves to false with `configuration-invalid`.
   */
  async join(): Promise<boolean> {
    // From the prejoin: as if the user pressed its button (its choices, its live tracks). A
    // prejoin not yet defined (the bundle still loading it) has no choices yet: the call's own apply.
    const prejoin = this.status === 'idle' ? this.shadowRoot?.querySelector('visio-prejoin') : null;
    if (prejoin?.matches(':defined')) {
      // Choices the host just made (setMicrophoneEnabled…) reach the prejoin first.
      await this.updateComplete;
      await prejoin.updateComplete;
      this.joining = undefined;
      prejoin.requestJoin();
      if (this.joining) return this.joining;
    }
    return this.session.join(this.choices ?? this.defaultChoices());
  }

  /**
   * Runs the pre-call check: whether the LiveKit server is reachable and over what, with a hidden
   * participant (where the backend gives check credentials), and whether the prejoin's microphone
   * picks up sound. Resolves with the results (also sent as `visio-precall-check`); never rejects.
   * The prejoin runs it by itself; with `autojoin` or `skip-prejoin` only this method does.
   */
  checkConnection(): Promise<PrecallCheckResult> {
    return this.precheck.run();
  }

  /**
   * Noise suppression on the microphone: `off`, `browser` (the browser's own, the default) or
   * `strong` (RNNoise in WebAssembly, loaded from `effects-path` only when turned on). Applied at
   * once during the call without muting the microphone, else at the next join; remembered.
   * Resolves to the level now on: `browser` when the strong one could not start (`visio-error`
   * `noise-suppression-failed`; the microphone goes on). Never rejects.
   */
  setNoiseSuppression(level: NoiseSuppression): Promise<NoiseSuppression> {
    return this.noise.set(level);
  }

  /** Switches the microphone, camera or speaker during the call, and remembers it. Never rejects. */
  async setDevice(kind: DeviceKind, deviceId: string): Promise<void> {
    const room = this.session.room;
    if (room) await switchDevice(room, kind, deviceId).catch((error: VisioError) => this.showError(error));
  }

  /** The `backend` property, else one made from `tokenSource`, else from the attributes. */
  private currentBackend(): CallBackend | undefined {
    if (this.backend) return this.backend;
    const made = (from: unknown[], make: () => CallBackend) => {
      const previous = this.madeBackend;
      if (previous?.from.length === from.length && previous.from.every((value, i) => value === from[i])) return previous.backend;
      return (this.madeBackend = { from, backend: make() }).backend;
    };
    const { tokenSource, tokenEndpoint, moderationEndpoint, checkEndpoint, credentials, meetApi } = this;
    if (tokenSource) return made([tokenSource], () => tokenSourceBackend(tokenSource));
    if (meetApi) return made([meetApi, credentials], () => meetBackend({ api: meetApi, credentials }));
    // Without a moderation endpoint: credentials only (knocking where the endpoint has a lobby).
    if (tokenEndpoint) {
      return made([tokenEndpoint, moderationEndpoint, checkEndpoint, credentials], () =>
        livekitBackend({ tokenEndpoint, moderationEndpoint: moderationEndpoint || undefined, checkEndpoint: checkEndpoint || undefined, credentials }),
      );
    }
    return undefined;
  }

  /** Without the prejoin: the attributes, and the devices remembered from last time. */
  private defaultChoices(): JoinChoices {
    const remembered = loadPreferences();
    const kinds: DeviceKind[] = ['audioinput', 'videoinput', 'audiooutput'];
    return {
      participantName: this.name || undefined,
      audio: this.audio,
      video: this.video,
      devices: Object.fromEntries(kinds.map((kind): [DeviceKind, string | undefined] => [kind, rememberedDevice(kind, remembered)]).filter(([, id]) => id)),
    };
  }

  private onPrejoinSubmit(event: VisioPrejoinSubmitEvent) {
    // The call reports the join itself, as a cancelable visio-join-request.
    event.stopPropagation();
    const { name, audioEnabled, videoEnabled, devices, tracks, noiseSuppression } = event.detail;
    void this.noise.set(noiseSuppression);
    this.choices = { participantName: name || this.name || undefined, audio: audioEnabled, video: videoEnabled, devices };
    // A refused join gives the tracks back to the prejoin, whose preview goes on.
    this.joining = this.session.join({ ...this.choices, tracks }, () => event.preventDefault());
  }

  /**
   * Leaves the call, after a cancelable `visio-leave-request`. Resolves to whether it left (false
   * when the host called `preventDefault()`, or when not in a call). Never rejects.
   */
  async leave(): Promise<boolean> {
    const status = this.session.status;
    if (status === 'idle' || status === 'left' || status === 'error') return false;
    if (!this.dispatchEvent(new VisioLeaveRequestEvent({ source: 'method' }))) return false;
    await this.session.leave();
    return true;
  }

  /** Everyone in the call, the local participant first, with their microphone, camera and screen share. */
  getParticipants(): ParticipantInfo[] {
    return this.session.participants.map((participant) => ({ ...participant }));
  }

  /** Turns the microphone on or off; resolves to whether it is on. Never rejects (see `visio-error`). */
  toggleMicrophone(): Promise<boolean> {
    return this.setMicrophoneEnabled(!(this.session.inCall ? this.session.isOn('microphone') : this.audio));
  }

  /** Turns the camera on or off; resolves to whether it is on. Never rejects (see `visio-error`). */
  toggleCamera(): Promise<boolean> {
    return this.setCameraEnabled(!(this.session.inCall ? this.session.isOn('camera') : this.video));
  }

  /**
   * Turns the microphone on or off. Before joining, sets whether the call starts with it (like
   * the `audio` attribute). Resolves to whether it is on; never rejects (see `visio-error`).
   */
  async setMicrophoneEnabled(enabled: boolean): Promise<boolean> {
    if (this.session.inCall) return this.session.setSource('microphone', enabled);
    return (this.audio = enabled);
  }

  /** Turns the camera on or off, like `setMicrophoneEnabled`. */
  async setCameraEnabled(enabled: boolean): Promise<boolean> {
    if (this.session.inCall) return this.session.setSource('camera', enabled);
    return (this.video = enabled);
  }

  /**
   * Renames the local participant for everyone during the call (the token must grant
   * `canUpdateOwnMetadata`; `name-locked` only locks the prejoin's field), and for the next join;
   * before joining, sets `name`. Resolves to whether the name changed; never rejects
   * (`rename-failed`, see `visio-error`).
   */
  async setName(name: string): Promise<boolean> {
    const newName = name.trim();
    if (!newName || this.session.joining) return false;
    if (this.session.inCall) {
      const renamed = this.session.backend?.rename
        ? await this.session.backendAct((backend, call) => backend.rename?.(call, newName))
        : await this.session.act(async (room) => (await setDisplayName(room, newName), true));
      if (!renamed) return false;
    }
    this.name = newName;
    if (this.choices) this.choices = { ...this.choices, participantName: newName };
    return true;
  }

  /** Sets the `layout` attribute: `grid`, `stage` or `auto`. */
  setLayout(layout: CallLayout): void {
    this.layout = layout;
  }

  /** Shows this participant large (on the stage); `null` unpins. */
  pin(identity: string | null): void {
    this.layoutState.pin(identity);
  }

  /** Shares the screen or stops; resolves to whether it is shared. Never rejects (see `visio-error`). */
  toggleScreenShare(): Promise<boolean> {
    return this.setScreenShareEnabled(!this.session.media.screenShare);
  }

  /**
   * Shares the screen (with tab audio where the browser allows) or stops. Resolves to whether it
   * is shared; a cancelled picker fires `visio-error` `screen-share-cancelled`, a refusal
   * `screen-share-failed`. Never rejects.
   */
  async setScreenShareEnabled(enabled: boolean): Promise<boolean> {
    return this.session.inCall ? this.session.setSource('screenShare', enabled) : false;
  }

  /** Sends a chat message to everyone; resolves to whether it was sent. Never rejects (see `visio-error`). */
  async sendChatMessage(text: string): Promise<boolean> {
    return this.session.act(async (room) => (await sendChatMessage(room, text)) !== undefined);
  }

  /**
   * Raises or lowers the local hand (`handRaisedAt`, as Visio does): through the backend where it
   * offers it, else with the token's own right to update attributes. Resolves to whether it worked.
   */
  async setHandRaised(raised: boolean): Promise<boolean> {
    if (this.session.backend?.setHandRaised) return this.session.backendAct((backend, call) => backend.setHandRaised?.(call, raised));
    return this.session.act(async (room) => (await setHandRaised(room, raised), true));
  }

  /**
   * For hosts: mutes someone's microphone (or `source`) through the backend, and tells them why.
   * Resolves to whether it was done; never rejects (`moderation-failed`, see `visio-error`).
   */
  muteParticipant(identity: string, source: MediaSource = 'microphone'): Promise<boolean> {
    return this.moderation.mute(identity, source);
  }

  /** For hosts: removes someone from the call through the backend. Resolves to whether it was done; never rejects. */
  removeParticipant(identity: string): Promise<boolean> {
    return this.moderation.act('remove', identity);
  }

  /** For hosts: lowers someone's raised hand through the backend. Resolves to whether it was done; never rejects. */
  lowerHand(identity: string): Promise<boolean> {
    return this.moderation.act('lowerHand', identity);
  }

  /** For hosts: makes someone an `administrator` of the room, or a `member` again. Resolves to whether it was done; never rejects. */
  setParticipantRole(identity: string, role: AssignableRole): Promise<boolean> {
    return this.moderation.setRole(identity, role);
  }

  /** For hosts: who waits to be let in now, oldest first (see `visio-lobby-changed`). */
  getWaitingParticipants(): WaitingParticipant[] {
    return this.lobby.waiting.map((person) => ({ ...person }));
  }

  /** For hosts: lets the person waiting under `id` in. Resolves to whether it was done; never rejects (`moderation-failed`). */
  admit(id: string): Promise<boolean> {
    return this.lobby.decide(id, true);
  }

  /** For hosts: turns the person waiting under `id` away. Resolves to whether it was done; never rejects. */
  deny(id: string): Promise<boolean> {
    return this.lobby.decide(id, false);
  }

  /**
   * Blurs or replaces the camera's background (`{ type: 'none' | 'blur' | 'image', src? }`), in
   * the prejoin's preview and in the call, and remembers it. Failures fire `visio-error`
   * `background-effect-failed` and leave the camera without the effect; never throws.
   */
  setBackground(choice: BackgroundChoice): void {
    const type = (choice as Partial<BackgroundChoice> | undefined)?.type;
    const valid = type === 'none' || type === 'blur' || (type === 'image' && typeof (choice as { src?: unknown }).src === 'string');
    const reason = type === 'none' ? undefined : backgroundUnsupportedReason();
    if (!valid || reason) {
      this.showError(new VisioError('background-effect-failed', valid ? `Background effects are not supported here (${reason})` : 'Invalid background choice'));
      return;
    }
    this.background.effect.set(choice);
  }

  /** Sends a reaction (an emoji) as Visio does; resolves to false when not sent (rate limit, not in a call). */
  async sendReaction(emoji: string): Promise<boolean> {
    return this.session.act((room) => sendReaction(room, emoji));
  }

  /** Shows or hides the captions over the call. The transcript is kept either way. */
  setCaptionsEnabled(enabled: boolean): void {
    this.captionsOn = enabled;
  }

  /** The session's transcript so far (final segments) as WebVTT (`vtt`) or plain text (`txt`). */
  getTranscript(format: TranscriptFormat): string {
    return this.session.room ? transcript(this.session.room, format) : '';
  }

  /** Saves the transcript as `transcript.vtt` or `transcript.txt`. */
  downloadTranscript(format: TranscriptFormat): void {
    if (this.session.room) downloadTranscript(this.session.room, format);
  }

  /**
   * Empties the chat, the captions and the transcript on this page (not other participants'), and
   * the unread count: for a host that reuses one call for several meetings. Joining again after
   * leaving does it by itself.
   */
  clearHistory(): void {
    if (this.session.room) clearHistory(this.session.room);
  }

  /**
   * Starts recording (`screen_recording`, default) or transcribing (`transcript`) the call, for a
   * room host, where the backend offers it; everyone in the call then sees a persistent notice
   * (`visio-recording-changed`). Resolves to whether it started; never rejects (`recording-failed`).
   */
  async startRecording(mode: RecordingMode = 'screen_recording'): Promise<boolean> {
    void this.recordingMenu.close();
    return this.recording.start(mode);
  }

  /** Stops the recording or transcription under way, like `startRecording`. */
  stopRecording(): Promise<boolean> {
    return this.recording.stop();
  }

  /**
   * Pops the call out into a small window that stays on top while the user works elsewhere: the
   * active speaker (or the pinned participant) with the microphone, camera, hand and leave
   * buttons (Document Picture-in-Picture), else the speaker's video picture-in-picture. Must run
   * from a user's click (the browser's rule). The call, and its events, stay on this element.
   * Resolves to whether it popped out; never rejects (`pop-out-failed`, see `visio-error`).
   */
  popOut(): Promise<boolean> {
    return this.session.inCall ? this.popOutWindow.popOut() : Promise.resolve(false);
  }

  /** Brings the call back from its pop-out window into the page. Resolves to false when it was not popped out. */
  popIn(): Promise<boolean> {
    return this.popOutWindow.popIn();
  }

  /**
   * "Save data": `off`, `low-video` (the camera sent at 360p at most) or `audio-only` (the camera
   * off, and kept off). Remembered on this site; works before joining too. Resolves to whether it
   * was applied; never rejects (see `visio-error`).
   */
  async setSaveData(saveData: SaveData): Promise<boolean> {
    const room = this.session.room;
    if (!room) return false;
    try {
      await setSaveData(room, saveData);
      this.requestUpdate();
      return true;
    } catch (error) {
      this.showError(unknownError(error));
      return false;
    }
  }

  /** The quality of the video received from others: `auto` (by tile size and network), `low` or `high`. Remembered on this site. */
  setReceiveQuality(quality: ReceiveQuality): void {
    if (this.session.room) setReceiveQuality(this.session.room, quality);
    this.requestUpdate();
  }

  /** Opens the `chat` or `participants` side panel, or closes it (`undefined`). */
  setPanel(panel: SidePanel | undefined): void {
    if (panel) this.panelKind = panel;
    this.panel.toggle(panel !== undefined);
    this.requestUpdate();
    if (panel === 'chat') this.notices.clearUnread();
  }

  private get openPanel(): SidePanel | undefined {
    return this.panel.open ? this.panelKind : undefined;
  }

  /**
   * Elements the bundle could not load (their chunk failed, see `lazy()`): the call does without
   * them, the prejoin giving way to the plain join button and the stage to the grid.
   */
  @state() private unavailable: ReadonlySet<string> = new Set();

  private readonly elementFailed = (tag: string, error: VisioError) => {
    this.unavailable = new Set([...this.unavailable, tag]);
    // Without the prejoin, its message shows in its place, above the join button.
    if (tag === 'visio-prejoin') this.reportError(error);
    else this.showError(error);
  };

  /** The call's language could not be loaded (its file is a chunk too): the call speaks English, and says so in its banner. */
  protected override languageFailed(error: VisioError): void {
    this.showError(error);
  }

  /**
   * Reports a failure (`visio-error`); a cancelled screen share is only announced, others show in
   * the banner, before the call (over the prejoin: a language or background the page asked for)
   * and during it.
   */
  private showError(error: VisioError): void {
    const message = this.reportError(error);
    if (error.code === 'screen-share-cancelled') this.notices.announce(message);
    else if (this.session.inCall || this.session.status === 'idle') this.notices.showNotice(message);
  }

  /** Screen-share failures from the control bar (already reported): a quiet announcement when cancelled, a notice when refused. */
  private onChildError(event: VisioErrorEvent) {
    const { code, message } = event.detail;
    if (code === 'screen-share-cancelled') this.notices.announce(message);
    else if (code === 'screen-share-failed') this.notices.showNotice(message);
  }

  override render() {
    const { status, error } = this.session.state;
    return html`
      ${this.renderStatus(status, error)}
      <div class="visually-hidden" role="status" aria-live="polite">${this.notices.announcement}</div>
    `;
  }

  private renderStatus(status: CallStatus, error?: VisioError) {
    const term = this.localize.term.bind(this.localize);
    const joinButton = (label: string) => html`<button part="join-button" class="primary" @click=${this.join}>${label}</button>`;
    switch (status) {
      case 'idle':
        if (!this.skipPrejoin && !this.autojoin && !this.unavailable.has('visio-prejoin')) {
          return html`${this.renderNotice()}<visio-prejoin ${lazy(this.elementFailed)} part="prejoin" .backgroundEffect=${this.backgroundEffect} effects-path=${this.effectsPath ?? nothing} name=${this.choices?.participantName ?? this.name} ?name-locked=${this.nameLocked} .audio=${this.audio} .video=${this.video} .precallCheck=${this.precheck.forPrejoin()} .noiseSuppression=${this.noise.level}
            @visio-prejoin-submit=${this.onPrejoinSubmit}></visio-prejoin>`;
        }
        return html`${this.renderNotice()}${this.screen(
          this.unavailable.has('visio-prejoin') ? html`<p role="alert" class="error-message">${this.localize.error('chunk-load-failed')}</p>` : nothing,
          joinButton(term('join')),
        )}`;
      case 'connecting':
        // A join that takes long (a slow token endpoint, a bad network) can be called off; the
        // button shows after 2 s (CSS), not as a flash on every join.
        return this.screen(
          html`<div class="spinner" aria-hidden="true"></div><p role="status">${term('connecting')}</p>`,
          html`<button part="cancel-button" class="late" @click=${this.cancelJoin}>${term('cancelWaiting')}</button>`,
        );
      case 'waiting':
        return this.screen(
          html`<div class="spinner" aria-hidden="true"></div><p role="status">${term('waitingToEnter')}</p>`,
          html`<button part="cancel-button" @click=${this.cancelJoin}>${term('cancelWaiting')}</button>`,
        );
      case 'left':
        return this.screen(html`<p role="status">${term('left')}</p>`, joinButton(term('rejoin')));
      case 'error':
        return this.screen(
          html`<div role="alert"><h2>${term('errorTitle')}</h2><p class="error-message">${this.localize.error(error?.code ?? 'unknown')}</p></div>`,
          joinButton(term('retry')),
        );
      default:
        return this.renderCall(status === 'reconnecting');
    }
  }

  /**
   * Cancel, in the lobby or on a join that takes long: stops the join (and the knocking) and goes
   * back to where it started (the prejoin, with the user's choices, or the join button), the
   * keyboard focus on joining again.
   */
  private async cancelJoin() {
    if (!(await this.session.cancelJoin())) return;
    await this.updateComplete;
    const next = this.renderRoot.querySelector<HTMLElement>('visio-prejoin, [part="join-button"]');
    await (next as { updateComplete?: Promise<unknown> } | null)?.updateComplete;
    next?.focus();
  }

  private screen(content: unknown, action: unknown = nothing) {
    return html`<div class="screen" part="screen">${content}${action}</div>`;
  }

  private renderCall(reconnecting: boolean) {
    const { toast } = this.notices;
    const pinned = this.layoutState.pinnedHere;
    return html`
      <visio-room .room=${this.session.room}>
        <div class="call" @visio-pin=${(event: VisioPinEvent) => this.pin(event.detail.identity)} @visio-error=${this.onChildError}>
          <div class="main">
            <div class="stage-area">
              ${
                this.layoutState.shown === 'stage' && !this.unavailable.has('visio-stage')
                  ? html`<visio-stage ${lazy(this.elementFailed)} .pinned=${pinned}></visio-stage>`
                  : html`<visio-grid .pinned=${pinned}></visio-grid>`
              }
              ${this.captionsOn ? html`<visio-captions ${lazy(this.elementFailed)} part="captions"></visio-captions>` : nothing}
              ${renderLobbyPanel(
                this.lobby.waiting,
                (key, values) => this.localize.term(key, values),
                (id, allow) => void this.lobby.decide(id, allow),
              )}
              ${toast ? html`<div class="toast" part="toast" aria-hidden="true">${toastIcons[toast.kind]}<span>${toast.text}</span></div>` : nothing}
              ${this.recording.notice ? html`<div class="recording-notice" part="recording-notice">${recordIcon}<span>${this.recording.notice}</span></div>` : nothing}
            </div>
            ${this.renderPanel()}
          </div>
          ${this.staged.ready ? html`<visio-controls>${this.renderControls()}</visio-controls>` : nothing}
          <visio-audio></visio-audio>
          ${
            this.staged.ready
              ? html`<visio-settings .noiseSuppression=${{ level: this.noise.level, set: (level: NoiseSuppression) => this.setNoiseSuppression(level) }}>${
                  this.settingsWanted ? this.renderBackgroundSlot() : nothing
                }</visio-settings>`
              : nothing
          }
        </div>
      </visio-room>
      ${
        reconnecting
          ? html`<div class="banner" part="banner" role="status"><div class="spinner" aria-hidden="true"></div>${this.localize.term('reconnecting')}</div>`
          : nothing
      }
      ${reconnecting ? nothing : this.renderNotice()}
    `;
  }

  /** The notice banner (a non-fatal failure), until dismissed: in the call, and before it. */
  private renderNotice() {
    const { notice } = this.notices;
    return notice
      ? html`<div class="banner" part="banner" role="alert">
          <span>${notice}</span>
          <button @click=${() => this.notices.showNotice(undefined)}>${this.localize.term('dismiss')}</button>
        </div>`
      : nothing;
  }

  /** The background choice, slotted into the settings dialog. */
  private renderBackgroundSlot() {
    return html`<div slot="background">${renderBackgroundPicker({
      effect: this.backgroundEffect,
      localize: this.localize,
      ownFile: (file) =>
        void this.backgroundEffect
          .setOwnImage(file)
          .catch((error: unknown) => this.showError(actionError('background-effect-failed', 'The image could not be used', error))),
    })}</div>`;
  }

  /** The bar's buttons besides the devices and leave: layout, hand, reactions, captions, panels. */
  private renderControls() {
    const room = this.session.room;
    const raised = room ? !!handRaisedAt(room.localParticipant) : false;
    const stage = this.layoutState.shown === 'stage';
    const { unread } = this.notices;
    const term = this.localize.term.bind(this.localize);
    const chatName = unread ? `${term('chat')}, ${term('unreadMessages', { count: unread })}` : term('chat');
    return html`
      <button part="layout-button" data-priority="15" aria-pressed=${stage ? 'true' : 'false'} aria-label=${term('stageView')} title=${term('stageView')}
        @click=${() => this.switchLayout(stage ? 'grid' : 'stage')}>${stage ? stageIcon : gridIcon}</button>
      <button part="hand-button" data-priority="45" class="toggle" aria-pressed=${raised ? 'true' : 'false'} aria-label=${term('raiseHand')}
        title=${term(raised ? 'lowerHand' : 'raiseHand')} @click=${() => this.setHandRaised(!raised)}>${handIcon}</button>
      <visio-reactions ${lazy(this.elementFailed)} data-priority="20"></visio-reactions>
      ${this.renderRecordingButton()}
      <button part="captions-button" data-priority="35" class="toggle" aria-pressed=${this.captionsOn ? 'true' : 'false'} aria-label=${term('captions')}
        title=${term(this.captionsOn ? 'turnOffCaptions' : 'turnOnCaptions')} @click=${() => this.setCaptionsEnabled(!this.captionsOn)}>${captionsIcon}</button>
      ${this.renderPanelButton('participants', term('participants'), peopleIcon)}
      ${this.renderPanelButton('chat', chatName, html`${chatIcon}${unread ? html`<span class="badge" aria-hidden="true">${this.localize.number(unread)}</span>` : nothing}`)}
      ${this.renderPopOutButton()}
      <button part="settings-button" data-priority="12" aria-haspopup="dialog" aria-label=${term('settings')} title=${term('settings')}
        @click=${() => void this.openSettings('showSettings')}>${slidersIcon}</button>
    `;
  }

  /** Pops the call out, or back (absent where this page cannot: no API, or inside a frame that may not). */
  private renderPopOutButton() {
    if (this.popOutWindow.support === 'none') return nothing;
    const out = this.popOutWindow.poppedOut;
    const label = this.localize.term(out ? 'popIn' : 'popOut');
    return html`<button part="pop-out-button" data-priority="10" aria-pressed=${out ? 'true' : 'false'} aria-label=${this.localize.term('popOut')} title=${label}
      @click=${() => void (out ? this.popIn() : this.popOut())}>${popOutIcon}</button>`;
  }

  /** The pop-out window's content (rendered there by the controller, with this element as `this`). */
  private renderPopOut() {
    const room = this.session.room;
    if (!room) return nothing;
    return renderPopOut({
      participant: popOutParticipant(everyone(room), this.layoutState.pinnedHere, room.activeSpeakers),
      media: this.session.media,
      raised: !!handRaisedAt(room.localParticipant),
      cameraAllowed: !isAudioOnly(room),
      lang: this.localize.lang,
      term: (key) => this.localize.term(key),
      actions: this,
    });
  }

  /** For a video's picture-in-picture: the video of the tile the pop-out would show, in the page. */
  private speakerVideo(): HTMLVideoElement | undefined {
    const room = this.session.room;
    if (!room) return undefined;
    const shown = popOutParticipant(
      everyone(room).filter((participant) => participant.isCameraEnabled),
      this.layoutState.pinnedHere,
      room.activeSpeakers,
    );
    const layout = this.renderRoot.querySelector('visio-grid, visio-stage');
    const tiles = [...(layout?.shadowRoot?.querySelectorAll('visio-tile') ?? [])];
    const tile = tiles.find((candidate) => candidate.participant === shown && candidate.source === 'camera');
    return tile?.shadowRoot?.querySelector('video') ?? undefined;
  }

  /**
   * For a room host whose backend records: start (a small menu: record or transcribe) or stop. In
   * the "more" menu it gives those same choices as items.
   */
  private renderRecordingButton() {
    const room = this.session.room;
    const backend = this.session.backend;
    if (!room || !isRoomHost(room.localParticipant) || !backend?.startRecording) return nothing;
    const term = this.localize.term.bind(this.localize);
    if (this.recording.state.status !== 'off') {
      const stop: MenuEntry[] = [{ label: term('stopRecording'), run: () => void this.stopRecording() }];
      return html`<button part="recording-button" data-priority="50" class="toggle" aria-pressed="true" aria-label=${term('recordingMenu')}
        title=${term('stopRecording')} .menuEntries=${() => stop} @click=${() => void this.stopRecording()}>${recordIcon}</button>`;
    }
    const open = this.recordingMenu.open;
    const start: MenuEntry[] = [
      { label: term('startRecording'), run: () => void this.startRecording('screen_recording') },
      { label: term('startTranscript'), run: () => void this.startRecording('transcript') },
    ];
    return html`<span class="menu-anchor" data-priority="50" .menuEntries=${() => start} @keydown=${this.recordingMenu.onKeydown}>
      <button part="recording-button" aria-expanded=${open ? 'true' : 'false'} aria-label=${term('recordingMenu')} title=${term('recordingMenu')}
        @click=${() => this.recordingMenu.toggle()}>${recordIcon}</button>
      ${
        open
          ? html`<div class="menu" part="recording-menu" role="group" aria-label=${term('recordingMenu')}>
            <button @click=${() => void this.startRecording('screen_recording')}>${term('startRecording')}</button>
            <button @click=${() => void this.startRecording('transcript')}>${term('startTranscript')}</button>
          </div>`
          : nothing
      }
    </span>`;
  }

  /** A keyboard shortcut (see `core/shortcuts.ts`; push-to-talk is the controller's). */
  private onShortcut(action: Exclude<ShortcutAction, 'pushToTalk'>) {
    if (action === 'microphone') void this.toggleMicrophone();
    else if (action === 'camera') void this.toggleCamera();
    else if (action === 'hand') void this.setHandRaised(!(this.session.room && handRaisedAt(this.session.room.localParticipant)));
    else if (action === 'captions') this.setCaptionsEnabled(!this.captionsOn);
    else if (action === 'chat') void this.togglePanel('chat');
    else void this.openSettings('showShortcuts');
  }

  /** Opens the settings or the list of shortcuts (the bundle loads `<visio-settings>` the first time). */
  private async openSettings(dialog: 'showSettings' | 'showShortcuts') {
    this.settingsWanted = true;
    this.requestUpdate();
    try {
      await ensureDefined('visio-settings');
    } catch (error) {
      return this.showError(error as VisioError);
    }
    await this.updateComplete;
    const settings = this.renderRoot.querySelector('visio-settings');
    await settings?.updateComplete;
    await settings?.[dialog]();
  }

  /** From the bar's layout button: unpins, and shows the other layout. */
  private switchLayout(layout: 'grid' | 'stage') {
    this.layoutState.pin(null);
    this.layout = layout;
  }

  private renderPanelButton(panel: SidePanel, label: string, content: unknown) {
    return html`<button part="${panel}-button" data-priority=${panel === 'chat' ? 60 : 50} class="panel-button" aria-expanded=${this.openPanel === panel ? 'true' : 'false'} aria-controls="side-panel"
      aria-label=${label} title=${label} @click=${() => this.togglePanel(panel)}>${content}</button>`;
  }

  /** From the bar: opens the panel and moves the keyboard focus into it, or closes it. */
  private async togglePanel(panel: SidePanel) {
    if (this.openPanel === panel) return this.panel.close();
    this.setPanel(panel);
    // The bundle loads <visio-chat> the first time it is shown: until it is defined, focus() does
    // nothing. A chunk that cannot load is reported by lazy(); the focus then stays on the button.
    if (panel === 'chat') await ensureDefined('visio-chat').catch(() => undefined);
    await this.updateComplete;
    if (this.openPanel !== panel) return;
    this.renderRoot.querySelector<HTMLElement>(panel === 'chat' ? 'visio-chat' : '#side-panel')?.focus();
  }

  private renderPanel() {
    const panel = this.openPanel;
    if (!panel) return nothing;
    const title = this.localize.term(panel === 'chat' ? 'chat' : 'participants');
    return html`<aside part="panel" id="side-panel" aria-label=${title} tabindex="-1" @keydown=${this.panel.onKeydown}>
      <div class="panel-header">
        <h2>${title}</h2>
        <button aria-label=${this.localize.term('closePanel')} title=${this.localize.term('closePanel')} @click=${() => this.panel.close()}>${closeIcon}</button>
      </div>
      ${panel === 'chat' ? html`<visio-chat ${lazy(this.elementFailed)}></visio-chat>` : html`<visio-participants ${lazy(this.elementFailed)}></visio-participants>`}
    </aside>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'visio-call': VisioCallElement;
  }
}
