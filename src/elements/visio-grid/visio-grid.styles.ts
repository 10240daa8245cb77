import { css } from 'lit';

export const gridStyles = css`
  :host {
    display: block;
    min-height: 0;
    container-type: size;
  }
  .grid {
    display: grid;
    gap: var(--_gap);
    width: 100%;
    height: 100%;
    align-content: center;
    grid-template-columns: repeat(var(--_columns, 1), minmax(0, 1fr));
  }
  visio-tile {
    max-height: calc((100cqh - (var(--_rows, 1) - 1) * var(--_gap)) / var(--_rows, 1));
    width: 100%;
    justify-self: center;
  }
`;
