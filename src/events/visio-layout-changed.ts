import type { CallLayout } from '../core/layout.js';
import { VisioEvent } from './visio-event.js';

export interface VisioLayoutChangedDetail {
  /** The `layout` setting: `grid`, `stage` or `auto`. */
  layout: CallLayout;
  /** What shows now: `grid` or `stage`. */
  shown: 'grid' | 'stage';
  /** The pinned participant, if any. */
  pinned: string | null;
}

/** The call switched between grid and stage, or someone was pinned or unpinned. */
export class VisioLayoutChangedEvent extends VisioEvent<VisioLayoutChangedDetail> {
  constructor(detail: VisioLayoutChangedDetail) {
    super('visio-layout-changed', detail);
  }
}
