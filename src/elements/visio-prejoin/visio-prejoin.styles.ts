import { css } from 'lit';

export const prejoinStyles = css`
  :host {
    display: block;
    /* Less padding in a very narrow box, where every pixel goes to the preview. */
    padding: min(1rem, 4%);
    container-type: inline-size;
  }
  .prejoin {
    display: grid;
    gap: 1rem;
    max-width: 48rem;
    margin: 0 auto;
    grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
    align-items: start;
  }
  @container (max-width: 36rem) {
    .prejoin {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  h2 {
    margin: 0;
    font-size: 1.25rem;
  }
  .preview {
    position: relative;
    aspect-ratio: 16 / 9;
    /* In a narrow box the preview stays high enough to see oneself (its sides are cropped). */
    width: 100%;
    min-height: 6rem;
    border-radius: var(--_radius);
    background: var(--_tile-bg);
    overflow: hidden;
    display: flex;
    align-items: center;
    justify-content: center;
    color: #fff;
  }
  video {
    width: 100%;
    height: 100%;
    object-fit: cover;
    transform: scaleX(-1);
  }
  video[hidden] {
    display: none;
  }
  .meter {
    height: 0.5rem;
    border-radius: 999px;
    background: var(--_surface);
    overflow: hidden;
    margin-top: var(--_gap);
  }
  /* --_level (0 to 1) is set through CSSOM: a style attribute would break under a strict CSP. */
  .level {
    width: calc(var(--_level, 0) * 100%);
    height: 100%;
    background: var(--_speaking);
    transition: width 0.1s linear;
  }
  .toggles {
    display: flex;
    gap: var(--_gap);
    justify-content: center;
    margin-top: var(--_gap);
  }
  button[aria-pressed='false'] {
    background: var(--_danger);
    color: var(--_danger-text);
  }
  .side {
    display: flex;
    flex-direction: column;
    gap: 0.75rem;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }
  .field label {
    font-size: 0.875rem;
    color: var(--_text-muted);
  }
  /*
   * The join button stays in sight while the form scrolls in a short box (a host page giving the
   * call 600 px, a phone): it sticks to the bottom, and a band of the background hides what scrolls
   * behind it. The band is 12 px above and on the sides (the gap over the button: in the flow it
   * covers nothing else) and 16 px below, the most the box's padding can be. What follows the
   * button (the pre-call check) is positioned too, so that it paints over the band's last 4 px.
   */
  [part='join-button'] {
    position: sticky;
    bottom: 0;
    box-shadow:
      0 0 0 0.75rem var(--_bg),
      0 0.25rem 0 0.75rem var(--_bg);
  }
  [part='join-button'] ~ * {
    position: relative;
  }
  input {
    font: inherit;
    min-height: 2.75rem;
    padding: 0 0.75rem;
    border: 1px solid var(--_text-muted);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  input[readonly] {
    border-style: dashed;
  }
  .error {
    margin: 0;
    padding: 0.5rem 0.75rem;
    border-inline-start: 4px solid var(--_danger);
    background: var(--_surface);
  }
  @media (prefers-reduced-motion: reduce) {
    .level {
      transition: none;
    }
  }
`;
