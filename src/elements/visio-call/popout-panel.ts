import type { Participant } from 'livekit-client';
import { css, html } from 'lit';
import type { MediaState } from '../../core/media.js';
import { cameraIcon, cameraOffIcon, handIcon, leaveIcon, microphoneIcon, microphoneOffIcon } from '../../internal/icons.js';

type Term = (
  key: 'microphone' | 'camera' | 'turnOnMicrophone' | 'turnOffMicrophone' | 'turnOnCamera' | 'turnOffCamera' | 'raiseHand' | 'lowerHand' | 'leave' | 'popIn',
) => string;

/** What the pop-out window acts on: the call's own commands, so that its events fire on it in the page. */
export interface PopOutActions {
  toggleMicrophone(): unknown;
  toggleCamera(): unknown;
  setHandRaised(raised: boolean): unknown;
  leave(): unknown;
  popIn(): unknown;
}

/**
 * The pop-out window's content: the active speaker's (or the pinned participant's) tile, and the
 * microphone, camera, hand, leave and back-to-the-page buttons.
 */
export function renderPopOut(options: {
  participant?: Participant;
  media: MediaState;
  raised: boolean;
  cameraAllowed: boolean;
  lang: string;
  term: Term;
  actions: PopOutActions;
}) {
  const { participant, media, raised, cameraAllowed, lang, term, actions } = options;
  return html`<div class="pop-out">
    ${participant ? html`<visio-tile class="speaker" lang=${lang} .participant=${participant}></visio-tile>` : html`<div class="speaker"></div>`}
    <div class="bar" role="toolbar" aria-label=${term('popIn')}>
      <button class="toggle" data-action="microphone" aria-pressed=${media.microphone ? 'true' : 'false'} aria-label=${term('microphone')}
        title=${term(media.microphone ? 'turnOffMicrophone' : 'turnOnMicrophone')} @click=${() => actions.toggleMicrophone()}>
        ${media.microphone ? microphoneIcon : microphoneOffIcon}
      </button>
      <button class="toggle" data-action="camera" aria-pressed=${media.camera ? 'true' : 'false'} aria-label=${term('camera')}
        aria-disabled=${cameraAllowed ? 'false' : 'true'} title=${term(media.camera ? 'turnOffCamera' : 'turnOnCamera')} @click=${() => actions.toggleCamera()}>
        ${media.camera ? cameraIcon : cameraOffIcon}
      </button>
      <button data-action="hand" aria-pressed=${raised ? 'true' : 'false'} aria-label=${term('raiseHand')} title=${term(raised ? 'lowerHand' : 'raiseHand')}
        @click=${() => actions.setHandRaised(!raised)}>${handIcon}</button>
      <button data-action="back" @click=${() => actions.popIn()}>${term('popIn')}</button>
      <button data-action="leave" class="danger" aria-label=${term('leave')} title=${term('leave')} @click=${() => actions.leave()}>${leaveIcon}</button>
    </div>
  </div>`;
}

export const popOutStyles = css`
  :host {
    display: block;
    height: 100%;
    background: var(--_background, #111);
  }
  .pop-out {
    display: flex;
    flex-direction: column;
    height: 100%;
    gap: 0.5rem;
    padding: 0.5rem;
    box-sizing: border-box;
  }
  .speaker {
    flex: 1;
    min-height: 0;
    --visio-tile-aspect-ratio: auto;
    height: 100%;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 0.5rem;
  }
  .toggle[aria-pressed='false'] {
    background: var(--_danger);
    color: var(--_danger-text);
  }
  button[aria-pressed='true']:not(.toggle) {
    background: var(--_accent);
    color: var(--_accent-text);
  }
  button[aria-disabled='true'] {
    opacity: 0.55;
    cursor: not-allowed;
  }
`;

/** The participant the pop-out shows: the pinned one, else who speaks, else someone else with a camera, else someone else, else oneself. */
export function popOutParticipant(
  participants: readonly Participant[],
  pinned: string | null | undefined,
  speakers: readonly Participant[],
): Participant | undefined {
  const others = participants.filter((participant) => !participant.isLocal);
  return (
    participants.find((participant) => participant.identity === pinned) ??
    speakers.find((participant) => !participant.isLocal) ??
    others.find((participant) => participant.isCameraEnabled) ??
    others[0] ??
    participants[0]
  );
}
