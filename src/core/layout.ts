// Pure layout arithmetic: how many tiles fit, which page shows whom, and in which order. No DOM,
// no livekit-client: the elements feed sizes and participant facts, and render the result.

/** `<visio-call layout>`: always the grid, always the stage, or the stage while a screen is shared. */
export type CallLayout = 'grid' | 'stage' | 'auto';

/**
 * What shows: the stage when asked for or while someone is pinned; with `auto`, also while someone
 * shares a screen. `grid` only stops the automatic switch for screen shares.
 */
export function shownLayout(layout: CallLayout, screenShared: boolean, pinned: boolean): 'grid' | 'stage' {
  if (layout === 'stage' || pinned) return 'stage';
  return layout === 'auto' && screenShared ? 'stage' : 'grid';
}

/** How a grid page is laid out. */
export interface GridSize {
  columns: number;
  rows: number;
  /** Tiles on a full page (`columns × rows` when people do not all fit, else their count). */
  pageSize: number;
}

export interface GridOptions {
  /** Narrowest useful tile, in CSS pixels. Default 160. */
  minTileWidth?: number;
  /** Width / height of a tile. Default 16 / 9. */
  aspectRatio?: number;
  /** Most columns and rows on a page. Default 5 (a 5×5 page on a large screen). */
  maxColumns?: number;
  maxRows?: number;
  /** Space between tiles, in CSS pixels. Default 8. */
  gap?: number;
}

/**
 * Columns and rows for `count` tiles in `width × height`: as many as fit at `minTileWidth` (at
 * most 5×5), then, among the layouts that hold the page's tiles, the one with the largest tiles.
 */
export function gridSize(width: number, height: number, count: number, options: GridOptions = {}): GridSize {
  const { minTileWidth = 160, aspectRatio = 16 / 9, maxColumns = 5, maxRows = 5, gap = 8 } = options;
  const fit = (space: number, tile: number, max: number) => clamp(Math.floor((space + gap) / (tile + gap)), 1, max);
  const columnsThatFit = fit(width, minTileWidth, maxColumns);
  const rowsThatFit = fit(height, minTileWidth / aspectRatio, maxRows);
  const capacity = columnsThatFit * rowsThatFit;
  if (count > capacity) return { columns: columnsThatFit, rows: rowsThatFit, pageSize: capacity };
  const onPage = Math.max(1, count);
  let best: GridSize = { columns: columnsThatFit, rows: rowsThatFit, pageSize: onPage };
  let bestWidth = -1;
  for (let columns = 1; columns <= columnsThatFit; columns++) {
    const rows = Math.ceil(onPage / columns);
    if (rows > rowsThatFit) continue;
    const tileWidth = Math.min((width - gap * (columns - 1)) / columns, ((height - gap * (rows - 1)) / rows) * aspectRatio);
    // Strictly larger tiles only: with a tie, fewer columns (and fewer empty cells) win.
    if (tileWidth > bestWidth + 0.5) {
      bestWidth = tileWidth;
      best = { columns, rows, pageSize: onPage };
    }
  }
  return best;
}

/** One page of `items`. `page` is clamped to the pages there are (0-based). */
export interface Page<T> {
  items: T[];
  page: number;
  pageCount: number;
}

export function paginate<T>(items: readonly T[], pageSize: number, page: number): Page<T> {
  const size = Math.max(1, Math.floor(pageSize));
  const pageCount = Math.max(1, Math.ceil(items.length / size));
  const current = clamp(Math.floor(page), 0, pageCount - 1);
  return { items: items.slice(current * size, (current + 1) * size), page: current, pageCount };
}

/** What ordering needs to know of one participant. */
export interface SpeakerFacts {
  identity: string;
  isLocal: boolean;
  isSpeaking: boolean;
  /** When they last spoke (ms since the epoch), if ever. */
  lastSpokeAt?: number;
  /** Their camera is on (published and not muted), whether or not this page receives it. */
  hasVideo?: boolean;
}

export interface OrderOptions {
  /** Tiles on the first page. */
  pageSize: number;
  /** How long someone who spoke keeps their place on the first page. Default 5 s. */
  holdMs?: number;
  /** Now, in ms since the epoch. */
  now: number;
}

/**
 * The order of tiles, from the previous order: the local participant first, newcomers at the end,
 * and nobody moves, except that a speaker who is not on the first page swaps places with the
 * first-page participant who has been quiet the longest, never with someone who spoke within
 * `holdMs`. So tiles move only when a new voice is heard from another page, and at most one tile
 * per speaker. Then someone with their camera on who is not on the first page swaps places with
 * the last first-page participant whose camera is off (and who is not held): in a large room the
 * first page shows moving pictures, not camera-off placeholders.
 */
export function orderParticipants(previous: readonly string[], participants: readonly SpeakerFacts[], options: OrderOptions): string[] {
  const { pageSize, holdMs = 5_000, now } = options;
  const byIdentity = new Map(participants.map((participant) => [participant.identity, participant]));
  const kept = previous.filter((identity) => byIdentity.has(identity));
  const known = new Set(kept);
  const order = [...kept, ...participants.filter((p) => !known.has(p.identity)).map((p) => p.identity)];
  const local = participants.find((participant) => participant.isLocal);
  if (local) {
    order.splice(order.indexOf(local.identity), 1);
    order.unshift(local.identity);
  }
  const firstPage = Math.max(1, pageSize);
  const held = (identity: string) => {
    const facts = byIdentity.get(identity)!;
    return facts.isLocal || facts.isSpeaking || (facts.lastSpokeAt !== undefined && now - facts.lastSpokeAt < holdMs);
  };
  const speakers = order
    .slice(firstPage)
    .map((identity) => byIdentity.get(identity)!)
    .filter((facts) => facts.isSpeaking)
    .sort((a, b) => (b.lastSpokeAt ?? 0) - (a.lastSpokeAt ?? 0));
  for (const speaker of speakers) {
    const candidates = order.slice(0, firstPage).filter((identity) => !held(identity));
    if (candidates.length === 0) break;
    const quietest = candidates.reduce((a, b) => ((byIdentity.get(a)!.lastSpokeAt ?? 0) <= (byIdentity.get(b)!.lastSpokeAt ?? 0) ? a : b));
    const from = order.indexOf(speaker.identity);
    const to = order.indexOf(quietest);
    order[to] = speaker.identity;
    order[from] = quietest;
  }
  const withVideo = order.slice(firstPage).filter((identity) => byIdentity.get(identity)!.hasVideo);
  for (const identity of withVideo) {
    const cameraOff = order.slice(0, firstPage).filter((other) => !held(other) && !byIdentity.get(other)!.hasVideo);
    const out = cameraOff.at(-1);
    if (out === undefined) break;
    const from = order.indexOf(identity);
    order[order.indexOf(out)] = identity;
    order[from] = out;
  }
  return order;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
