import { VisioEvent } from './visio-event.js';

export interface VisioPinDetail {
  /** Who to pin, or `null` to unpin. */
  identity: string | null;
}

/** The user chose "pin" or "unpin" in a tile's menu. `<visio-call>` shows the pinned tile large. */
export class VisioPinEvent extends VisioEvent<VisioPinDetail> {
  constructor(detail: VisioPinDetail) {
    super('visio-pin', detail);
  }
}
