import type { Room } from 'livekit-client';
import { css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { SubscriptionController } from '../../controllers/subscription-controller.js';
import { observeLocalSource } from '../../core/observe.js';
import { setSourceEnabled, type LocalSourceState } from '../../core/media.js';
import { observeMayPublish } from '../../core/moderation.js';
import { observeQuality } from '../../core/quality.js';
import { cameraIcon, cameraOffIcon, microphoneIcon, microphoneOffIcon, screenShareIcon } from '../../internal/icons.js';
import { RoomElement } from '../../internal/room-element.js';
import { inlineControlStyles } from '../../styles/shared.js';

const SOURCES = {
  microphone: {
    source: 'microphone',
    on: microphoneIcon,
    off: microphoneOffIcon,
    name: 'microphone',
    turnOn: 'turnOnMicrophone',
    turnOff: 'turnOffMicrophone',
    forbidden: 'cannotPublishMicrophone',
  },
  camera: {
    source: 'camera',
    on: cameraIcon,
    off: cameraOffIcon,
    name: 'camera',
    turnOn: 'turnOnCamera',
    turnOff: 'turnOffCamera',
    forbidden: 'cannotPublishCamera',
  },
  screen_share: {
    source: 'screenShare',
    on: screenShareIcon,
    off: screenShareIcon,
    name: 'screenShare',
    turnOn: 'startScreenShare',
    turnOff: 'stopScreenShare',
    forbidden: 'cannotPublishScreenShare',
  },
} as const;

/**
 * Turns the local microphone, camera or screen share on and off. A real button with `aria-pressed`.
 * When the call's token does not let the participant publish this source (now, or after a
 * moderator took the right away), or "save data" is on audio only (the camera), the button is
 * `aria-disabled` and its title says why. While a microphone or camera opened before the call
 * (the prejoin's, or one opened while joining) is being published, the button shows it on and is
 * disabled until livekit-client has published it.
 *
 * @csspart button - The button.
 * @fires visio-error - When the device cannot start (permission denied, no device, in use), or the
 *   screen share is cancelled (`screen-share-cancelled`) or refused (`screen-share-failed`).
 */
export class VisioToggleElement extends RoomElement {
  static override styles = [
    ...inlineControlStyles,
    css`
      :host(:not([source='screen_share'])) button[aria-pressed='false'] {
        background: var(--_danger);
        color: var(--_danger-text);
      }
      :host([source='screen_share']) button[aria-pressed='true'] {
        background: var(--_accent);
        color: var(--_accent-text);
      }
      button[aria-disabled='true'] {
        opacity: 0.55;
        cursor: not-allowed;
      }
    `,
  ];

  /** `microphone`, `camera` or `screen_share`. */
  @property({ reflect: true }) source: keyof typeof SOURCES = 'microphone';

  @state() private pending = false;

  private readonly sourceState = new SubscriptionController<Room, LocalSourceState>(
    this,
    () => this.activeRoom,
    (room, next) => observeLocalSource(room, this.config.source, next),
  );

  /** Whether the token lets the participant publish this source (changes live with their rights). */
  private readonly allowed = new SubscriptionController<Room, boolean>(
    this,
    () => this.activeRoom,
    (room, next) => observeMayPublish(room, this.config.source, next),
  );

  /** Whether "save data" keeps the camera off (audio only). */
  private readonly audioOnly = new SubscriptionController<Room, boolean>(
    this,
    () => (this.source === 'camera' ? this.activeRoom : undefined),
    (room, next) => observeQuality(room, (choice) => next(choice.saveData === 'audio-only')),
  );

  private get config() {
    return Object.hasOwn(SOURCES, this.source) ? SOURCES[this.source] : SOURCES.microphone;
  }

  override render() {
    const { name, on, off, turnOn, turnOff, forbidden } = this.config;
    const state = this.sourceState.value ?? 'off';
    const enabled = state !== 'off';
    const audioOnly = this.audioOnly.value ?? false;
    const allowed = (this.allowed.value ?? true) && !audioOnly;
    const reason = audioOnly ? 'cameraAudioOnly' : forbidden;
    return html`
      <button
        part="button"
        aria-pressed=${enabled ? 'true' : 'false'}
        aria-label=${this.localize.term(name)}
        aria-disabled=${allowed ? 'false' : 'true'}
        title=${this.localize.term(allowed ? (enabled ? turnOff : turnOn) : reason)}
        ?disabled=${!this.activeRoom || this.pending || state === 'starting'}
        @click=${this.toggle}
      >
        ${enabled ? on : off}
      </button>
    `;
  }

  /** Flips the device. Failures are reported as `visio-error`, never thrown. */
  async toggle(): Promise<void> {
    const room = this.activeRoom;
    const state = this.sourceState.value ?? 'off';
    if (!room || this.pending || state === 'starting' || this.allowed.value === false || this.audioOnly.value) return;
    this.pending = true;
    try {
      await setSourceEnabled(room, this.config.source, state === 'off');
    } catch (error) {
      this.reportError(error);
    } finally {
      this.pending = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'visio-toggle': VisioToggleElement;
  }
}
