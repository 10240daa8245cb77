/** One item of a row that may not fit: its width in CSS pixels and how much it matters. */
export interface RowItem {
  width: number;
  /** Higher stays longer; `Infinity` never moves (leave, microphone, camera). */
  priority: number;
}

/**
 * Which items of a row stay in it when `available` pixels are not enough for all: the least
 * important leave first (the later one first when two are equal), and a "more" button of
 * `moreWidth` takes their place. `gap` is the space between two items. Returns one boolean per
 * item, in order: `true` when it stays in the row. Items that never move stay even when they
 * alone overflow.
 */
export function fitRow(items: readonly RowItem[], available: number, moreWidth: number, gap: number): boolean[] {
  const shown = items.map(() => true);
  const width = (extra: number) => {
    const kept = items.filter((_, index) => shown[index]);
    const count = kept.length + extra;
    return kept.reduce((sum, item) => sum + item.width, 0) + extra * moreWidth + Math.max(0, count - 1) * gap;
  };
  if (width(0) <= available) return shown;
  // Least important first; among equals, the one further along the row.
  const order = items
    .map((item, index) => ({ item, index }))
    .filter(({ item }) => item.priority !== Infinity)
    .sort((a, b) => a.item.priority - b.item.priority || b.index - a.index);
  for (const { index } of order) {
    shown[index] = false;
    if (width(1) <= available) break;
  }
  return shown;
}
