import { Track, type Participant } from 'livekit-client';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CallSession, type CallState, type JoinOptions } from '../../core/call-session.js';
import { observeLocalMedia, observeParticipantInfos, type MediaState, type ParticipantInfo } from '../../core/call-state.js';
import { rememberedDevice, switchDevice, type DeviceKind } from '../../core/devices.js';
import { e2eeSetup, type E2EEConfig } from '../../core/e2ee.js';
import { isVisioError, mediaError, screenShareError, VisioError } from '../../core/errors.js';
import { defaultE2EEWorker } from '../../e2ee-worker-url.js';
import { setScreenShareEnabled, setSourceEnabled, type MediaSource } from '../../core/media.js';
import { loadPreferences } from '../../core/preferences.js';
import { displayName, who } from '../../core/participants.js';
// layout
import { shownLayout, type CallLayout } from '../../core/layout.js';
import { VisioLayoutChangedEvent } from '../../events/visio-layout-changed.js';
import type { VisioErrorEvent } from '../../events/visio-error.js';
import type { VisioPinEvent } from '../../events/visio-pin.js';
import { gridIcon, stageIcon } from '../../internal/icons.js';
import { VERSION } from '../../core/version.js';
import type { VisioPrejoinSubmitEvent } from '../../events/visio-prejoin-submit.js';
import { endpointTokenSource, type TokenSource } from '../../core/token-source.js';
import { VisioConnectedEvent } from '../../events/visio-connected.js';
import { VisioDisconnectedEvent } from '../../events/visio-disconnected.js';
import { VisioParticipantJoinedEvent } from '../../events/visio-participant-joined.js';
import { VisioParticipantLeftEvent } from '../../events/visio-participant-left.js';
import { VisioJoinRequestEvent } from '../../events/visio-join-request.js';
import { VisioLeaveRequestEvent } from '../../events/visio-leave-request.js';
import { VisioMediaChangedEvent } from '../../events/visio-media-changed.js';
import { VisioParticipantsChangedEvent } from '../../events/visio-participants-changed.js';
import { VisioStatusChangedEvent } from '../../events/visio-status-changed.js';
import { VisioElement } from '../../internal/visio-element.js';
import { buttons, focusRing, tokens, visuallyHidden } from '../../styles/shared.js';
import { callStyles } from './visio-call.styles.js';
// social
import { downloadTranscript, onCaption, transcript, type TranscriptFormat } from '../../core/captions.js';
import { onChatMessage, sendChatMessage } from '../../core/chat.js';
import { handRaisedAt, onHandChanged, setHandRaised } from '../../core/hand.js';
import { sendReaction } from '../../core/reactions.js';
import { roomHub } from '../../core/room-hub.js';
import { VisioCaptionEvent } from '../../events/visio-caption.js';
import { VisioChatMessageEvent } from '../../events/visio-chat-message.js';
import { VisioHandRaisedEvent } from '../../events/visio-hand-raised.js';
import { captionsIcon, chatIcon, closeIcon, handIcon, peopleIcon } from '../../internal/icons.js';
import { socialStyles } from './visio-call-social.styles.js';

/**
 * The embedder's control surface: the methods (commands) and events of `<visio-call>` in this
 * version, read by hosts through `VisioCallElement.capabilities`. A new public method or event is
 * one more line here; test/unit/control-surface.test.ts fails when the element and these lists
 * disagree (checked against custom-elements.json, both ways).
 */
const COMMANDS = [
  'join',
  'leave',
  'getParticipants',
  'toggleMicrophone',
  'toggleCamera',
  'setMicrophoneEnabled',
  'setCameraEnabled',
  'setDevice',
  // layout
  'setLayout',
  'pin',
  'toggleScreenShare',
  'setScreenShareEnabled',
  // social
  'sendChatMessage',
  'setHandRaised',
  'sendReaction',
  'setCaptionsEnabled',
  'getTranscript',
  'downloadTranscript',
  'setPanel',
] as const satisfies ReadonlyArray<keyof VisioCallElement>;

const EVENTS = [
  'visio-connected',
  'visio-disconnected',
  'visio-participant-joined',
  'visio-participant-left',
  'visio-error',
  'visio-status-changed',
  'visio-participants-changed',
  'visio-media-changed',
  'visio-join-request',
  'visio-leave-request',
  'visio-device-change',
  // layout
  'visio-layout-changed',
  // social
  'visio-chat-message',
  'visio-caption',
  'visio-hand-raised',
] as const satisfies ReadonlyArray<keyof HTMLElementEventMap>;

/** What a host can rely on in this version (see `VisioCallElement.capabilities`). */
export interface VisioCapabilities {
  version: string;
  /** Method names of `<visio-call>`. */
  commands: ReadonlyArray<(typeof COMMANDS)[number]>;
  /** Event types `<visio-call>` fires. */
  events: ReadonlyArray<(typeof EVENTS)[number]>;
}

/** The call as a host reads it (`call.state`). Plain data. */
export interface VisioCallState {
  status: CallState['status'];
  /** The error code when `status` is `error`. */
  error?: VisioError['code'];
  /** Everyone in the call, the local participant first; empty when not connected. */
  participants: ParticipantInfo[];
  /** The local microphone, camera and screen share. */
  media: MediaState;
}

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
 * @csspart participants-button - The control bar's button that shows or hides the participant list.
 * @csspart chat-button - The control bar's button that shows or hides the chat (with the unread count).
 * @csspart hand-button - The control bar's raise-hand button.
 * @csspart captions-button - The control bar's button that turns captions on or off.
 * @csspart panel - The side panel: the participant list or the chat.
 * @csspart layout-button - The control bar's button that switches between grid and focus view.
 * @csspart prejoin - The `<visio-prejoin>` shown before joining.
 * @csspart captions - The `<visio-captions>` over the call, while captions are on.
 * @csspart toast - The brief notice over the call that someone raised their hand, or wrote in the chat while it is closed.
 * @csspart screen - The join, connecting, left and error screens.
 * @csspart join-button - The button that joins (or rejoins, or retries).
 * @csspart banner - Reconnecting and device notices shown over the call.
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
export class VisioCallElement extends VisioElement {
  static override styles = [tokens, focusRing, buttons, visuallyHidden, callStyles, socialStyles];

  /** URL of the portal's token endpoint (LiveKit's standard format). */
  @property({ attribute: 'token-endpoint' }) tokenEndpoint = '';
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
  /** The portal decides the display name: the prejoin shows it, not editable. */
  @property({ type: Boolean, attribute: 'name-locked' }) nameLocked = false;
  /** Cookies sent to the token endpoint: `include` (default), `same-origin` or `omit`. */
  @property() credentials: RequestCredentials = 'include';
  /** Your own token source; wins over `token-endpoint`. */
  @property({ attribute: false }) tokenSource?: TokenSource;
  /**
   * End-to-end encryption: `{ passphrase, worker? }`, the same passphrase for everyone in the room.
   * Off by default; livekit-client's encryption worker is only loaded when a call with this set
   * joins. Takes effect at the next join.
   */
  @property({ attribute: false }) e2ee?: E2EEConfig;
  // layout
  /**
   * `grid`, `stage` (one large tile and a strip), or `auto` (default): the stage while someone
   * shares a screen, the grid otherwise. Pinning someone shows the stage whatever the setting.
   */
  @property({ reflect: true }) layout: CallLayout = 'auto';
  /** Identity of the pinned participant (see `pin()`). */
  @state() private pinned: string | null = null;
  @state() private screenShared = false;
  private shownBefore = '';

  @state() private callState: CallState = { status: 'idle' };
  /** A non-fatal failure shown over the call (a camera that would not start). */
  @state() private notice?: string;
  @state() private announcement = '';
  // social
  /** The side panel shown, if any. */
  @state() private panel?: SidePanel;
  @state() private captionsOn = false;
  @state() private unread = 0;
  /** The brief notice over the call: a raised hand, or a message while the chat is closed. */
  @state() private toast?: { kind: 'hand' | 'chat'; text: string };
  private toastTimer?: ReturnType<typeof setTimeout>;

  private session?: CallSession;
  /** The `e2ee` value the session was made with. */
  private sessionE2EE?: E2EEConfig;
  private readonly cleanups: Array<() => void> = [];
  private participants: ParticipantInfo[] = [];
  private media: MediaState = { microphone: false, camera: false, screenShare: false };

  /** The commands and events this version supports, and its version. */
  static readonly capabilities: VisioCapabilities = Object.freeze({
    version: VERSION,
    commands: Object.freeze([...COMMANDS]),
    events: Object.freeze([...EVENTS]),
  });

  /** Same as `VisioCallElement.capabilities`, for hosts that only hold the element. */
  get capabilities(): VisioCapabilities {
    return VisioCallElement.capabilities;
  }

  /** The call now: status, participants with their media, and the local media. */
  get state(): VisioCallState {
    const { status, error } = this.callState;
    return { status, ...(error ? { error: error.code } : {}), participants: this.getParticipants(), media: { ...this.media } };
  }
  /** What the user chose in the prejoin; rejoining and retrying reuse it. */
  private choices?: Omit<JoinOptions, 'roomName' | 'tracks'>;
  /** The join the prejoin's last request started. */
  private joining?: Promise<boolean>;

  /** The session's `Room`, for advanced use (undefined before the element is connected). */
  get livekitRoom() {
    return this.session?.room;
  }

  /** Current status: `idle`, `connecting`, `connected`, `reconnecting`, `left` or `error`. */
  get status() {
    return this.callState.status;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.session) this.createSession();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Removing the element ends the call, but moving it in the page does not.
    queueMicrotask(() => {
      if (!this.isConnected) this.disposeSession();
    });
  }

  protected override firstUpdated(_changed: PropertyValues<this>): void {
    if (this.autojoin) void this.join();
  }

  /**
   * Joins the call, after a cancelable `visio-join-request`. Resolves to whether it is connected;
   * never rejects (see `visio-error`).
   */
  async join(): Promise<boolean> {
    // From the prejoin: as if the user pressed its button (its choices, its live tracks).
    const prejoin = this.status === 'idle' ? this.shadowRoot?.querySelector('visio-prejoin') : null;
    if (prejoin) {
      // Choices the host just made (setMicrophoneEnabled…) reach the prejoin first.
      await this.updateComplete;
      await prejoin.updateComplete;
      this.joining = undefined;
      prejoin.requestJoin();
      if (this.joining) return this.joining;
    }
    return this.joinWith(this.choices ?? this.defaultChoices());
  }

  /** Switches the microphone, camera or speaker during the call, and remembers it. Never rejects. */
  async setDevice(kind: DeviceKind, deviceId: string): Promise<void> {
    const room = this.session?.room;
    if (room) await switchDevice(room, kind, deviceId).catch((error) => this.onSessionError(mediaError(error)));
  }

  /** Without the prejoin: the attributes, and the devices remembered from last time. */
  private defaultChoices(): Omit<JoinOptions, 'roomName'> {
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
    const { name, audioEnabled, videoEnabled, devices, tracks } = event.detail;
    this.choices = { participantName: name || this.name || undefined, audio: audioEnabled, video: videoEnabled, devices };
    // A refused join gives the tracks back to the prejoin, whose preview goes on.
    this.joining = this.joinWith({ ...this.choices, tracks }, () => event.preventDefault());
  }

  /** `onRefused`: the host cancelled `visio-join-request`; without it, the tracks are stopped. */
  private joinWith(options: Omit<JoinOptions, 'roomName'>, onRefused?: () => void): Promise<boolean> {
    const release = () => options.tracks?.forEach((track) => track.stop());
    if (!this.session) this.createSession();
    const status = this.session!.status;
    // Encryption is set when the Room is made: a new `e2ee` value needs a new session.
    if (this.e2ee !== this.sessionE2EE && (status === 'idle' || status === 'left' || status === 'error')) {
      this.disposeSession();
      this.createSession();
    }
    if (status === 'connected' || status === 'reconnecting') {
      release();
      return Promise.resolve(true);
    }
    const request = new VisioJoinRequestEvent({
      room: this.room,
      name: options.participantName ?? '',
      audioEnabled: options.audio ?? true,
      videoEnabled: options.video ?? true,
      devices: options.devices ?? {},
    });
    if (status !== 'connecting' && !this.dispatchEvent(request)) {
      if (onRefused) onRefused();
      else release();
      return Promise.resolve(false);
    }
    this.notice = undefined;
    return this.session!.join({ ...options, roomName: this.room });
  }

  /**
   * Leaves the call, after a cancelable `visio-leave-request`. Resolves to whether it left (false
   * when the host called `preventDefault()`, or when not in a call). Never rejects.
   */
  async leave(): Promise<boolean> {
    const status = this.session?.status;
    if (!status || status === 'idle' || status === 'left' || status === 'error') return false;
    if (!this.dispatchEvent(new VisioLeaveRequestEvent({ source: 'method' }))) return false;
    await this.session!.leave();
    return true;
  }

  /** Everyone in the call, the local participant first, with their microphone, camera and screen share. */
  getParticipants(): ParticipantInfo[] {
    return this.participants.map((participant) => ({ ...participant }));
  }

  /** Turns the microphone on or off; resolves to whether it is on. Never rejects (see `visio-error`). */
  toggleMicrophone(): Promise<boolean> {
    return this.setMicrophoneEnabled(!this.currentlyEnabled('microphone'));
  }

  /** Turns the camera on or off; resolves to whether it is on. Never rejects (see `visio-error`). */
  toggleCamera(): Promise<boolean> {
    return this.setCameraEnabled(!this.currentlyEnabled('camera'));
  }

  /**
   * Turns the microphone on or off. Before joining, sets whether the call starts with it (like
   * the `audio` attribute). Resolves to whether it is on; never rejects (see `visio-error`).
   */
  setMicrophoneEnabled(enabled: boolean): Promise<boolean> {
    return this.setSource('microphone', enabled);
  }

  /** Turns the camera on or off, like `setMicrophoneEnabled`. */
  setCameraEnabled(enabled: boolean): Promise<boolean> {
    return this.setSource('camera', enabled);
  }

  // layout
  /** Sets the `layout` attribute: `grid`, `stage` or `auto`. */
  setLayout(layout: CallLayout): void {
    this.layout = layout;
  }

  /** Shows this participant large (on the stage); `null` unpins. */
  pin(identity: string | null): void {
    this.pinned = identity;
  }

  /** Shares the screen or stops; resolves to whether it is shared. Never rejects (see `visio-error`). */
  toggleScreenShare(): Promise<boolean> {
    return this.setScreenShareEnabled(!this.media.screenShare);
  }

  /**
   * Shares the screen (with tab audio where the browser allows) or stops. Resolves to whether it
   * is shared; a cancelled picker fires `visio-error` `screen-share-cancelled`, a refusal
   * `screen-share-failed`. Never rejects.
   */
  async setScreenShareEnabled(enabled: boolean): Promise<boolean> {
    if (!this.inCall() || !this.session) return false;
    try {
      await setScreenShareEnabled(this.session.room, enabled);
      return enabled;
    } catch (error) {
      const failure = screenShareError(error);
      this.showShareError(this.reportError(failure), failure.code);
      return this.media.screenShare;
    }
  }

  /** Sends a chat message to everyone; resolves to whether it was sent. Never rejects (see `visio-error`). */
  async sendChatMessage(text: string): Promise<boolean> {
    return this.social(async (room) => (await sendChatMessage(room, text)) !== undefined, 'chat-send-failed');
  }

  /** Raises or lowers the local hand (`handRaisedAt`, as Visio does); resolves to whether it worked. */
  async setHandRaised(raised: boolean): Promise<boolean> {
    return this.social(async (room) => (await setHandRaised(room, raised), true), 'hand-raise-failed');
  }

  /** Sends a reaction (an emoji) as Visio does; resolves to false when not sent (rate limit, not in a call). */
  async sendReaction(emoji: string): Promise<boolean> {
    return this.social((room) => sendReaction(room, emoji), 'chat-send-failed');
  }

  /** Shows or hides the captions over the call. The transcript is kept either way. */
  setCaptionsEnabled(enabled: boolean): void {
    this.captionsOn = enabled;
  }

  /** The session's transcript so far (final segments) as WebVTT (`vtt`) or plain text (`txt`). */
  getTranscript(format: TranscriptFormat): string {
    return this.session ? transcript(this.session.room, format) : '';
  }

  /** Saves the transcript as `transcript.vtt` or `transcript.txt`. */
  downloadTranscript(format: TranscriptFormat): void {
    if (this.session) downloadTranscript(this.session.room, format);
  }

  /** Opens the `chat` or `participants` side panel, or closes it (`undefined`). */
  setPanel(panel: SidePanel | undefined): void {
    this.panel = panel;
    if (panel === 'chat') this.unread = 0;
  }

  private async social(action: (room: NonNullable<typeof this.livekitRoom>) => Promise<boolean>, code: 'chat-send-failed' | 'hand-raise-failed') {
    if (!this.inCall() || !this.session) return false;
    try {
      return await action(this.session.room);
    } catch (error) {
      this.notice = this.reportError(new VisioError(code, 'Sending to the call failed.', { cause: error }));
      return false;
    }
  }

  private inCall(): boolean {
    return this.status === 'connected' || this.status === 'reconnecting';
  }

  private currentlyEnabled(kind: 'microphone' | 'camera'): boolean {
    if (this.inCall()) return this.media[kind];
    return kind === 'microphone' ? this.audio : this.video;
  }

  private async setSource(kind: 'microphone' | 'camera', enabled: boolean): Promise<boolean> {
    if (!this.inCall() || !this.session) {
      if (kind === 'microphone') this.audio = enabled;
      else this.video = enabled;
      return enabled;
    }
    const source = (kind === 'microphone' ? Track.Source.Microphone : Track.Source.Camera) as MediaSource;
    try {
      await setSourceEnabled(this.session.room, source, enabled);
      return enabled;
    } catch (error) {
      this.onSessionError(isVisioError(error) ? error : mediaError(error));
      return this.media[kind];
    }
  }

  private createSession() {
    this.sessionE2EE = this.e2ee;
    const tokenSource: TokenSource = (request, options) => this.resolveTokenSource()(request, options);
    const session = new CallSession(tokenSource, {}, this.e2ee && e2eeSetup(this.e2ee, defaultE2EEWorker));
    this.session = session;
    this.watchScreenShares(session);
    this.cleanups.push(
      session.subscribe((state) => {
        const changed = state.status !== this.callState.status;
        this.callState = state;
        if (changed) this.dispatchEvent(new VisioStatusChangedEvent({ status: state.status, ...(state.error ? { error: state.error.code } : {}) }));
      }),
      observeParticipantInfos(session.room, (participants) => {
        const first = this.participants.length === 0 && participants.length === 0;
        this.participants = participants;
        if (!first) this.dispatchEvent(new VisioParticipantsChangedEvent({ participants: this.getParticipants() }));
      }),
      observeLocalMedia(session.room, (media) => {
        const changed = JSON.stringify(media) !== JSON.stringify(this.media);
        this.media = media;
        if (changed) this.dispatchEvent(new VisioMediaChangedEvent({ ...media }));
      }),
      session.on('error', ({ error }) => this.onSessionError(error)),
      session.on('connected', ({ room }) => this.dispatchEvent(new VisioConnectedEvent({ room }))),
      session.on('disconnected', ({ error }) => this.dispatchEvent(new VisioDisconnectedEvent({ reason: error?.code ?? 'left' }))),
      session.on('participant-joined', ({ participant }) => {
        this.announce('participantJoined', participant);
        this.dispatchEvent(new VisioParticipantJoinedEvent(participantDetail(participant)));
      }),
      session.on('participant-left', ({ participant }) => {
        this.announce('participantLeft', participant);
        this.dispatchEvent(new VisioParticipantLeftEvent(participantDetail(participant)));
      }),
      ...this.observeSocial(session.room),
    );
  }

  private onSessionError(error: VisioError) {
    const message = this.reportError(error);
    const status = this.session?.status;
    if (status === 'connected' || status === 'reconnecting') this.notice = message;
  }

  // layout
  private watchScreenShares(session: CallSession) {
    this.cleanups.push(
      observeParticipantInfos(session.room, (participants) => {
        this.screenShared = participants.some((participant) => participant.screenShare);
      }),
    );
  }

  /** The pinned participant, while they are in the call. */
  private get pinnedHere(): string | null {
    return this.participants.some((participant) => participant.identity === this.pinned) ? this.pinned : null;
  }

  private get shown(): 'grid' | 'stage' {
    return shownLayout(this.layout, this.screenShared, this.pinnedHere !== null);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const key = JSON.stringify([this.layout, this.shown, this.pinnedHere]);
    if (this.shownBefore && key !== this.shownBefore) {
      this.dispatchEvent(new VisioLayoutChangedEvent({ layout: this.layout, shown: this.shown, pinned: this.pinnedHere }));
    }
    this.shownBefore = key;
  }

  private renderLayout() {
    const pinned = this.pinnedHere;
    return this.shown === 'stage' ? html`<visio-stage .pinned=${pinned}></visio-stage>` : html`<visio-grid .pinned=${pinned}></visio-grid>`;
  }

  private renderLayoutButton() {
    const stage = this.shown === 'stage';
    return html`<button
      part="layout-button"
      aria-pressed=${stage ? 'true' : 'false'}
      aria-label=${this.localize.term('stageView')}
      title=${this.localize.term('stageView')}
      @click=${() => {
        this.pinned = null;
        this.layout = stage ? 'grid' : 'stage';
      }}
    >
      ${stage ? stageIcon : gridIcon}
    </button>`;
  }

  private onPin(event: VisioPinEvent) {
    this.pin(event.detail.identity);
  }

  /** Screen-share failures from the control bar: a quiet announcement when cancelled, a notice when refused. */
  private onChildError(event: VisioErrorEvent) {
    if (event.detail.code === 'screen-share-cancelled' || event.detail.code === 'screen-share-failed') {
      this.showShareError(event.detail.message, event.detail.code);
    }
  }

  private showShareError(message: string, code: string) {
    if (code === 'screen-share-cancelled') this.announcement = message;
    else this.notice = message;
  }

  private observeSocial(room: CallSession['room']) {
    // Made now, so the chat and the whole transcript are kept from the start of the call.
    roomHub(room);
    return [
      onChatMessage(room, (message) => {
        this.dispatchEvent(new VisioChatMessageEvent({ ...message }));
        if (message.isLocal || this.panel === 'chat') return;
        this.unread += 1;
        this.showToast('chat', this.localize.term('newMessage', { name: message.from.name, message: message.message }));
      }),
      onCaption(room, (segment) => this.dispatchEvent(new VisioCaptionEvent({ ...segment }))),
      onHandChanged(room, ({ participant, raisedAt }) => {
        const { identity, name } = participantDetail(participant);
        this.dispatchEvent(new VisioHandRaisedEvent({ identity, name, isLocal: participant.isLocal, raised: !!raisedAt, ...(raisedAt ? { raisedAt } : {}) }));
        this.requestUpdate();
        if (!raisedAt || participant.isLocal) return;
        this.showToast('hand', this.localize.term('handRaisedBy', { name }));
      }),
      () => clearTimeout(this.toastTimer),
    ];
  }

  /** Shows `text` over the call for 5 seconds (replacing any other) and announces it politely. */
  private showToast(kind: 'hand' | 'chat', text: string) {
    this.announcement = text;
    this.toast = { kind, text };
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => (this.toast = undefined), 5000);
  }

  private disposeSession() {
    const session = this.session;
    if (!session) return;
    this.session = undefined;
    this.cleanups.splice(0).forEach((cleanup) => cleanup());
    void session.dispose();
    this.callState = { status: 'idle' };
  }

  private resolveTokenSource(): TokenSource {
    if (this.tokenSource) return this.tokenSource;
    if (!this.tokenEndpoint) {
      return async () => {
        throw new VisioError('configuration-invalid', 'Set the token-endpoint attribute or the tokenSource property.');
      };
    }
    return endpointTokenSource(this.tokenEndpoint, { credentials: this.credentials });
  }

  private announce(key: 'participantJoined' | 'participantLeft', participant: Participant) {
    this.announcement = this.localize.term(key, { name: displayName(participant) });
  }

  override render() {
    const { status, error } = this.callState;
    return html`
      ${this.renderStatus(status, error)}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    `;
  }

  private renderStatus(status: CallState['status'], error?: VisioError) {
    switch (status) {
      case 'idle':
        if (!this.skipPrejoin && !this.autojoin) {
          return html`<visio-prejoin
            part="prejoin"
            name=${this.name}
            ?name-locked=${this.nameLocked}
            .audio=${this.audio}
            .video=${this.video}
            @visio-prejoin-submit=${this.onPrejoinSubmit}
          ></visio-prejoin>`;
        }
        return this.screen(nothing, html`<button part="join-button" class="primary" @click=${this.join}>${this.localize.term('join')}</button>`);
      case 'connecting':
        return this.screen(html`<div class="spinner" aria-hidden="true"></div><p role="status">${this.localize.term('connecting')}</p>`);
      case 'left':
        return this.screen(
          html`<p role="status">${this.localize.term('left')}</p>`,
          html`<button part="join-button" class="primary" @click=${this.join}>${this.localize.term('rejoin')}</button>`,
        );
      case 'error':
        return this.screen(
          html`<div role="alert"><h2>${this.localize.term('errorTitle')}</h2><p class="error-message">${this.localize.error(error?.code ?? 'unknown')}</p></div>`,
          html`<button part="join-button" class="primary" @click=${this.join}>${this.localize.term('retry')}</button>`,
        );
      default:
        return this.renderCall(status === 'reconnecting');
    }
  }

  private screen(content: unknown, action: unknown = nothing) {
    return html`<div class="screen" part="screen">${content}${action}</div>`;
  }

  private renderCall(reconnecting: boolean) {
    return html`
      <visio-room .room=${this.session?.room}>
        <div class="call" @visio-pin=${this.onPin} @visio-error=${this.onChildError}>
          <div class="main">
            <div class="stage-area">${this.renderLayout()} ${this.renderOverlays()}</div>
            ${this.renderPanel()}
          </div>
          <visio-controls>${this.renderLayoutButton()}${this.renderSocialControls()}</visio-controls>
          <visio-audio></visio-audio>
        </div>
      </visio-room>
      ${reconnecting
        ? html`<div class="banner" part="banner" role="status"><div class="spinner" aria-hidden="true"></div>${this.localize.term('reconnecting')}</div>`
        : nothing}
      ${this.notice && !reconnecting
        ? html`<div class="banner" part="banner" role="alert">
            <span>${this.notice}</span>
            <button @click=${() => (this.notice = undefined)}>${this.localize.term('dismiss')}</button>
          </div>`
        : nothing}
    `;
  }

  // social
  private renderSocialControls() {
    const room = this.session?.room;
    const raised = room ? !!handRaisedAt(room.localParticipant) : false;
    const term = this.localize.term.bind(this.localize);
    const chatName = this.unread ? `${term('chat')}, ${term('unreadMessages', { count: this.unread })}` : term('chat');
    return html`
      <button part="hand-button" class="toggle" aria-pressed=${raised ? 'true' : 'false'} aria-label=${term('raiseHand')}
        title=${term(raised ? 'lowerHand' : 'raiseHand')} @click=${() => this.setHandRaised(!raised)}>${handIcon}</button>
      <visio-reactions></visio-reactions>
      <button part="captions-button" class="toggle" aria-pressed=${this.captionsOn ? 'true' : 'false'} aria-label=${term('captions')}
        title=${term(this.captionsOn ? 'turnOffCaptions' : 'turnOnCaptions')} @click=${() => this.setCaptionsEnabled(!this.captionsOn)}>${captionsIcon}</button>
      ${this.renderPanelButton('participants', term('participants'), peopleIcon)}
      ${this.renderPanelButton('chat', chatName, html`${chatIcon}${this.unread ? html`<span class="badge" aria-hidden="true">${this.unread}</span>` : nothing}`)}
    `;
  }

  private renderPanelButton(panel: SidePanel, label: string, content: unknown) {
    return html`<button
      part="${panel}-button"
      class="panel-button"
      aria-expanded=${this.panel === panel ? 'true' : 'false'}
      aria-controls="side-panel"
      aria-label=${label}
      title=${label}
      @click=${() => this.togglePanel(panel)}
    >
      ${content}
    </button>`;
  }

  /** From the bar: opens the panel and moves the keyboard focus into it, or closes it. */
  private async togglePanel(panel: SidePanel) {
    if (this.panel === panel) return this.closePanel();
    this.setPanel(panel);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(panel === 'chat' ? 'visio-chat' : '#side-panel')?.focus();
  }

  /** Closes the side panel and puts the keyboard focus back on the bar button that opened it. */
  private async closePanel() {
    const panel = this.panel;
    if (!panel) return;
    this.setPanel(undefined);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>(`[part="${panel}-button"]`)?.focus();
  }

  private onPanelKeydown(event: KeyboardEvent) {
    if (event.key === 'Escape') void this.closePanel();
  }

  private renderPanel() {
    if (!this.panel) return nothing;
    const title = this.localize.term(this.panel === 'chat' ? 'chat' : 'participants');
    return html`<aside part="panel" id="side-panel" aria-label=${title} tabindex="-1" @keydown=${this.onPanelKeydown}>
      <div class="panel-header">
        <h2>${title}</h2>
        <button aria-label=${this.localize.term('closePanel')} title=${this.localize.term('closePanel')} @click=${this.closePanel}>${closeIcon}</button>
      </div>
      ${this.panel === 'chat' ? html`<visio-chat></visio-chat>` : html`<visio-participants></visio-participants>`}
    </aside>`;
  }

  /** Captions and the toast, over the layout. */
  private renderOverlays() {
    return html`
      ${this.captionsOn ? html`<visio-captions part="captions"></visio-captions>` : nothing}
      ${this.toast
        ? html`<div class="toast" part="toast" aria-hidden="true">${this.toast.kind === 'hand' ? handIcon : chatIcon}<span>${this.toast.text}</span></div>`
        : nothing}
    `;
  }
}

type SidePanel = 'chat' | 'participants';

function participantDetail<P extends Participant>(participant: P) {
  return { ...who(participant), participant };
}
