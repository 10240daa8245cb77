import { css } from 'lit';

export const stageStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
    min-height: 0;
  }
  .main {
    flex: 1;
    min-height: 0;
    display: grid;
    place-items: center;
    container-type: size;
  }
  .main visio-tile {
    width: min(100cqw, calc(100cqh * 16 / 9));
    max-height: 100cqh;
    /* In a narrow stage the tile stays high enough to make out a face (its sides are cropped). */
    min-height: min(6rem, 100cqh);
  }
  .strip {
    display: flex;
    gap: var(--_gap);
    overflow-x: auto;
    overscroll-behavior-x: contain;
    scroll-snap-type: x proximity;
    flex: none;
    padding-bottom: 0.25rem;
  }
  .strip visio-tile {
    flex: none;
    /* Never wider than the stage, and as high as a grid tile at least. */
    width: min(var(--visio-stage-strip-tile-width, 10rem), 100%);
    min-height: 6rem;
    scroll-snap-align: start;
  }
`;
