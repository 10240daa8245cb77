import { css } from 'lit';

export const tileStyles = css`
  :host {
    position: relative;
    display: block;
    overflow: hidden;
    min-width: 0;
    min-height: 0;
    aspect-ratio: var(--visio-tile-aspect-ratio, 16 / 9);
    border-radius: var(--_radius);
    background: var(--_tile-bg);
    color: #fff;
  }
  :host([speaking])::after {
    content: '';
    position: absolute;
    inset: 0;
    border: 3px solid var(--_speaking);
    border-radius: inherit;
    pointer-events: none;
  }
  video {
    /* Out of the flow: a percentage height of a box sized by aspect-ratio is 0 in Firefox. */
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: var(--visio-tile-video-fit, cover);
    display: block;
  }
  :host([local]) video {
    transform: scaleX(-1);
  }
  video[hidden] {
    display: none;
  }
  .placeholder {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
  }
  .initials {
    display: grid;
    place-items: center;
    width: min(40%, 6rem);
    aspect-ratio: 1;
    border-radius: 50%;
    background: var(--visio-avatar-background, #5a5fd6);
    font-size: clamp(1rem, 4vw, 2rem);
    font-weight: 600;
  }
  .label {
    position: absolute;
    inset-inline-start: 0.5rem;
    bottom: 0.5rem;
    max-width: calc(100% - 1rem);
    display: flex;
    align-items: center;
    gap: 0.25rem;
    padding: 0.125rem 0.5rem;
    border-radius: 0.375rem;
    background: rgb(0 0 0 / 0.55);
    font-size: 0.875rem;
  }
  .name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .muted svg,
  .hand svg {
    width: 1rem;
    height: 1rem;
    display: block;
    color: #ff8a8a;
  }
  .hand svg {
    color: #ffd166;
  }
  /* Forced colours drop the tile's fill: an edge shows the tile, and its icons take the text colour. */
  @media (forced-colors: active) {
    :host {
      border: 1px solid CanvasText;
    }
    .muted svg,
    .hand svg {
      color: CanvasText;
    }
  }
`;

export const tileMenuStyles = css`
  .quality {
    position: relative;
    border-radius: 2px;
  }
  .quality-description {
    position: absolute;
    bottom: calc(100% + 0.5rem);
    inset-inline-start: 0;
    width: max-content;
    max-width: 16rem;
    padding: 0.375rem 0.5rem;
    border-radius: 0.375rem;
    background: rgba(0, 0, 0, 0.85);
    color: #fff;
    font-size: 0.8125rem;
    line-height: 1.3;
    white-space: normal;
    z-index: 2;
    /* Out of sight until the icon has the focus or the pointer, still read as its description. */
    clip-path: inset(50%);
    opacity: 0;
    pointer-events: none;
  }
  .quality:focus .quality-description,
  .quality:hover .quality-description {
    clip-path: none;
    opacity: 1;
  }
  @media (forced-colors: active) {
    .quality-description {
      border: 1px solid CanvasText;
      background: Canvas;
      color: CanvasText;
    }
  }
  .quality svg {
    width: 1rem;
    height: 1rem;
    display: block;
  }
  .quality[data-quality='poor'] svg,
  .quality[data-quality='lost'] svg {
    color: #ffb36b;
  }
  @media (forced-colors: active) {
    .quality[data-quality] svg {
      color: CanvasText;
    }
  }
  .menu-area {
    position: absolute;
    top: 0.375rem;
    inset-inline-end: 0.375rem;
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    gap: 0.25rem;
    max-height: calc(100% - 0.75rem);
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
    border: none;
  }
  .menu-button {
    display: grid;
    place-items: center;
    width: 2rem;
    height: 2rem;
    border-radius: 50%;
    background: rgb(0 0 0 / 0.55);
  }
  .menu-button svg,
  .pin svg {
    width: 1.125rem;
    height: 1.125rem;
  }
  .menu {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    /* A small tile scrolls its menu rather than cutting it (tabindex -1: Firefox would make the scroller a tab stop; focusing an item scrolls it into view). */
    min-height: 0;
    overflow-y: auto;
    padding: 0.5rem;
    border-radius: 0.5rem;
    background: var(--_surface);
    color: var(--_text);
    font-size: 0.875rem;
  }
  [role='menu'] {
    display: flex;
    flex-direction: column;
    gap: 0.125rem;
  }
  .pin,
  .moderation-item {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.375rem 0.5rem;
    border-radius: 0.375rem;
    background: transparent;
    text-align: start;
  }
  .moderation-item:hover,
  .pin:hover {
    background: color-mix(in srgb, currentColor 12%, transparent);
  }
  .confirm {
    margin: 0;
    padding: 0.25rem 0.5rem;
    max-width: 16rem;
  }
  .pin[aria-checked='true'] {
    background: var(--_accent);
    color: var(--_accent-text);
  }
  .volume {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }
`;
