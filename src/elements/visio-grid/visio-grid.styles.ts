import { css } from 'lit';

export const gridStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
  }
  .grid {
    flex: 1;
    min-height: 0;
    container-type: size;
    display: grid;
    gap: var(--_gap);
    width: 100%;
    align-content: center;
    grid-template-columns: repeat(var(--_columns, 1), minmax(0, 1fr));
  }
  visio-tile {
    --_cell-height: calc((100cqh - (var(--_rows, 1) - 1) * var(--_gap)) / var(--_rows, 1));
    max-height: var(--_cell-height);
    /* In a narrow column a tile stays high enough to make out a face (the picture's sides are
       cropped), as long as the rows fit. */
    min-height: min(6rem, var(--_cell-height));
    /* No wider than the picture at the row's height: a short, wide call centres its tiles
       instead of cropping faces. */
    width: min(100%, calc(var(--_cell-height) * var(--visio-tile-aspect-ratio, 16 / 9)));
    justify-self: center;
  }
  .pages {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: var(--_gap);
    padding-top: var(--_gap);
    color: var(--_text);
  }
  .pages button {
    min-height: 2.25rem;
    min-width: 2.25rem;
    padding: 0;
  }
  /* Previous and next point the way the pages turn: mirrored right to left. */
  :host(:dir(rtl)) .pages svg {
    transform: scaleX(-1);
  }
`;
