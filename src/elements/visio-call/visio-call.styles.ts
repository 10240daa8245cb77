import { css } from 'lit';

export const callStyles = css`
  /*
   * The host page decides the box: its display (block, inline-block, a flex or grid item…) and
   * size win over :host. So nothing inside depends on the host's display: the call and the
   * screens fill the host's padding box from an absolute position (the host is their containing
   * block whatever its display), and only the prejoin stays in the flow, so that a host without
   * a height grows to show it. Without any size from the page, the host is as wide as its
   * container and at least 20rem high.
   */
  :host {
    display: block;
    position: relative;
    box-sizing: border-box;
    height: var(--visio-call-height, 100%);
    min-height: 20rem;
    min-width: min(20rem, 100%);
    background: var(--_bg);
    overflow: hidden;
  }
  :host([hidden]) {
    display: none;
  }
  .call,
  .screen {
    position: absolute;
    inset: 0;
  }
  .call {
    display: flex;
    flex-direction: column;
  }
  visio-prejoin {
    display: block;
    height: 100%;
    box-sizing: border-box;
    overflow-y: auto;
  }
  visio-controls {
    flex: none;
  }
  visio-grid {
    flex: 1;
    min-width: 0;
    padding: var(--_gap);
  }
  /* The layout, and beside it the side panel when one is open. */
  .main {
    position: relative;
    display: flex;
    flex: 1;
    min-height: 0;
    container-type: inline-size;
  }
  /* The grid or stage, with captions and notices over it. */
  .stage-area {
    position: relative;
    display: flex;
    flex: 1;
    min-width: 0;
  }
  [part='panel'] {
    flex: none;
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
    width: min(20rem, 45%);
    overflow-y: auto;
    margin-block: var(--_gap) 0;
    margin-inline: 0 var(--_gap);
    padding: calc(var(--_gap) * 2);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  /* On a narrow call the panel covers the layout instead of squeezing it. */
  @container (max-width: 40rem) {
    [part='panel'] {
      position: absolute;
      inset: var(--_gap) var(--_gap) 0;
      width: auto;
      margin: 0;
      z-index: 3;
      box-shadow: 0 4px 16px rgb(0 0 0 / 0.25);
    }
  }
  .screen {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 1rem;
    padding: 1rem;
    overflow-y: auto;
    text-align: center;
  }
  .screen p {
    margin: 0;
    max-width: 40rem;
  }
  .screen h2 {
    margin: 0;
    font-size: 1.25rem;
  }
  .banner {
    position: absolute;
    top: var(--_gap);
    /* Centred, and as wide as the call allows (with left: 50% it could only take half of it). */
    inset-inline: 0;
    margin-inline: auto;
    width: fit-content;
    display: flex;
    align-items: center;
    gap: var(--_gap);
    max-width: calc(100% - 2rem);
    padding: 0.5rem 0.75rem;
    border-radius: var(--_radius);
    background: var(--_surface);
    box-shadow: 0 2px 12px rgb(0 0 0 / 0.25);
    /* Above the side panel, which covers the call on a narrow one (z-index 3). */
    z-index: 4;
  }
  .banner button {
    min-height: 2rem;
    min-width: 2rem;
    padding: 0 0.75rem;
  }
  .spinner {
    width: 2rem;
    height: 2rem;
    border: 3px solid var(--_text-muted);
    border-top-color: transparent;
    border-radius: 50%;
    animation: spin 1s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }
  /* Hidden (not focusable) for the first 2 s: shown only when a join takes long. Not motion. */
  .late {
    animation: reveal 0s 2s backwards;
  }
  @keyframes reveal {
    from {
      visibility: hidden;
    }
  }
  /* layout */
  visio-stage {
    flex: 1;
    min-height: 0;
    min-width: 0;
    padding: var(--_gap);
  }
  visio-controls button[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_accent-text);
  }
  /* The bar's social buttons, the side panel's header, captions and the toast over the layout. */
  button.toggle[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_accent-text);
  }
  [part='chat-button'] {
    position: relative;
  }
  .badge {
    position: absolute;
    top: -0.25rem;
    inset-inline-end: -0.25rem;
    min-width: 1.25rem;
    padding: 0 0.25rem;
    border-radius: 999px;
    background: var(--_danger);
    color: var(--_danger-text);
    font-size: 0.75rem;
    line-height: 1.25rem;
  }
  .panel-header {
    display: flex;
    align-items: center;
    justify-content: space-between;
  }
  .panel-header h2 {
    margin: 0;
    font-size: 1.125rem;
  }
  [part='panel'] visio-chat {
    flex: 1;
    min-height: 0;
  }
  [part='panel'] visio-participants {
    overflow-y: auto;
  }
  visio-captions {
    position: absolute;
    inset-inline: var(--_gap);
    bottom: var(--_gap);
    z-index: 1;
  }
  .toast {
    position: absolute;
    top: var(--_gap);
    left: 50%;
    transform: translateX(-50%);
    max-width: min(30rem, calc(100% - 4 * var(--_gap)));
    display: flex;
    gap: 0.5rem;
    align-items: center;
    padding: 0.5rem 1rem;
    border-radius: 999px;
    background: var(--_surface);
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.25);
    z-index: 3;
  }
  .toast span {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .toast svg {
    flex: none;
    width: 1.25rem;
    height: 1.25rem;
  }
  /* The persistent notice that the call is recorded or transcribed (a legal duty: never hidden). */
  .recording-notice {
    position: absolute;
    top: var(--_gap);
    inset-inline-start: var(--_gap);
    display: flex;
    gap: 0.5rem;
    align-items: center;
    max-width: calc(100% - 2 * var(--_gap));
    padding: 0.25rem 0.75rem;
    border-radius: 999px;
    background: var(--_surface);
    color: var(--_text);
    font-size: 0.875rem;
    z-index: 2;
  }
  .recording-notice svg {
    flex: none;
    width: 1rem;
    height: 1rem;
    color: var(--_danger);
  }
  .menu-anchor {
    position: relative;
    display: inline-flex;
  }
  .menu {
    position: absolute;
    bottom: calc(100% + 0.5rem);
    inset-inline-start: 0;
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    padding: 0.5rem;
    border-radius: var(--_radius);
    background: var(--_surface);
    box-shadow: 0 2px 12px rgb(0 0 0 / 0.25);
    z-index: 4;
  }
  .menu button {
    white-space: nowrap;
    padding: 0 0.75rem;
    justify-content: flex-start;
  }
`;
