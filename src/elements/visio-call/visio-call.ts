import type { Participant, RemoteParticipant } from 'livekit-client';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Track } from 'livekit-client';
import { CallSession, type CallState, type JoinOptions } from '../../core/call-session.js';
import { rememberedDevice, switchDevice, type DeviceKind } from '../../core/devices.js';
import { mediaError, VisioError } from '../../core/errors.js';
import { setSourceEnabled } from '../../core/media.js';
import { loadPreferences } from '../../core/preferences.js';
import type { VisioJoinRequestEvent } from '../../events/visio-join-request.js';
import { endpointTokenSource, type TokenSource } from '../../core/token-source.js';
import { VisioConnectedEvent } from '../../events/visio-connected.js';
import { VisioDisconnectedEvent } from '../../events/visio-disconnected.js';
import { VisioParticipantJoinedEvent } from '../../events/visio-participant-joined.js';
import { VisioParticipantLeftEvent } from '../../events/visio-participant-left.js';
import { VisioElement } from '../../internal/visio-element.js';
import { buttons, focusRing, tokens, visuallyHidden } from '../../styles/shared.js';
import { callStyles } from './visio-call.styles.js';

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
 * @csspart prejoin - The `<visio-prejoin>` shown before joining.
 * @csspart screen - The join, connecting, left and error screens.
 * @csspart join-button - The button that joins (or rejoins, or retries).
 * @csspart banner - Reconnecting and device notices shown over the call.
 * @cssprop --visio-call-height - Default `100%`.
 * @cssprop --visio-background - Behind the call.
 * @cssprop --visio-accent - Primary buttons.
 */
export class VisioCallElement extends VisioElement {
  static override styles = [tokens, focusRing, buttons, visuallyHidden, callStyles];

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

  @state() private callState: CallState = { status: 'idle' };
  /** A non-fatal failure shown over the call (a camera that would not start). */
  @state() private notice?: string;
  @state() private announcement = '';

  private session?: CallSession;
  private readonly cleanups: Array<() => void> = [];
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

  /** Joins the call. Resolves to whether it is connected; never rejects (see `visio-error`). */
  async join(): Promise<boolean> {
    // From the prejoin: as if the user pressed its button (its choices, its live tracks).
    const prejoin = this.status === 'idle' ? this.shadowRoot?.querySelector('visio-prejoin') : null;
    if (prejoin) {
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

  /** Turns the microphone on or off during the call. Never rejects (see `visio-error`). */
  async setMicrophoneEnabled(enabled: boolean): Promise<void> {
    await this.setSource(Track.Source.Microphone, enabled);
  }

  /** Turns the camera on or off during the call. Never rejects (see `visio-error`). */
  async setCameraEnabled(enabled: boolean): Promise<void> {
    await this.setSource(Track.Source.Camera, enabled);
  }

  private async setSource(source: Track.Source.Microphone | Track.Source.Camera, enabled: boolean) {
    const room = this.session?.room;
    if (room?.state === 'connected') await setSourceEnabled(room, source, enabled).catch((error) => this.onSessionError(mediaError(error)));
  }

  /** Without the prejoin: the attributes, and the devices remembered from last time. */
  private defaultChoices(): Omit<JoinOptions, 'roomName'> {
    const remembered = loadPreferences();
    const kinds: DeviceKind[] = ['audioinput', 'videoinput', 'audiooutput'];
    return {
      participantName: this.name || undefined,
      audio: this.audio,
      video: this.video,
      devices: Object.fromEntries(kinds.map((kind) => [kind, rememberedDevice(kind, remembered)]).filter(([, id]) => id)),
    };
  }

  private onJoinRequest(event: VisioJoinRequestEvent) {
    const { name, audioEnabled, videoEnabled, devices, tracks } = event.detail;
    this.choices = { participantName: name || this.name || undefined, audio: audioEnabled, video: videoEnabled, devices };
    this.joining = this.joinWith({ ...this.choices, tracks });
  }

  private joinWith(options: Omit<JoinOptions, 'roomName'>): Promise<boolean> {
    if (!this.session) this.createSession();
    this.notice = undefined;
    return this.session!.join({ ...options, roomName: this.room });
  }

  /** Leaves the call. Never rejects. */
  async leave(): Promise<void> {
    await this.session?.leave();
  }

  private createSession() {
    const session = new CallSession((request, options) => this.resolveTokenSource()(request, options));
    this.session = session;
    this.cleanups.push(
      session.subscribe((state) => (this.callState = state)),
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
    );
  }

  private onSessionError(error: VisioError) {
    const message = this.reportError(error);
    const status = this.session?.status;
    if (status === 'connected' || status === 'reconnecting') this.notice = message;
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
    this.announcement = this.localize.term(key, { name: participant.name || participant.identity });
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
            @visio-join-request=${this.onJoinRequest}
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
        <div class="call">
          <visio-grid></visio-grid>
          <visio-controls></visio-controls>
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
}

function participantDetail(participant: RemoteParticipant) {
  return { identity: participant.identity, name: participant.name || participant.identity, participant };
}
