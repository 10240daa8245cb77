import type { Track } from 'livekit-client';
import { nothing, type ElementPart } from 'lit';
import { AsyncDirective, directive, PartType, type PartInfo } from 'lit/async-directive.js';

/**
 * `<video ${attachTrack(track)}>`: plays a LiveKit track in the element, and detaches it when the
 * track changes or the element leaves the page. Attaching through livekit-client lets adaptive
 * stream see the element's size and visibility, even inside a shadow root.
 */
class AttachTrackDirective extends AsyncDirective {
  private track?: Track;
  private element?: HTMLMediaElement;

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('attachTrack() goes on a <video> or <audio> element.');
  }

  render(_track: Track | undefined) {
    return nothing;
  }

  override update(part: ElementPart, [track]: [Track | undefined]) {
    this.element = part.element as HTMLMediaElement;
    if (track !== this.track) {
      this.detach();
      this.track = track;
      if (this.isConnected) this.attach();
    }
    return nothing;
  }

  protected override disconnected(): void {
    this.detach();
  }

  protected override reconnected(): void {
    this.attach();
  }

  private attach(): void {
    const { track, element } = this;
    if (!track || !element) return;
    if (element.isConnected) {
      track.attach(element);
      return;
    }
    // Lit fills in a new template before it puts it in the page. Attached then, the video would be
    // out of the viewport for livekit-client's adaptive stream, which would ask the server to stop
    // sending it, and to start again a frame later (Firefox). Lit puts the template in the page in
    // the same task, so a microtask later it is there.
    queueMicrotask(() => {
      if (this.track === track && this.element === element && this.isConnected) track.attach(element);
    });
  }

  private detach(): void {
    if (this.track && this.element) this.track.detach(this.element);
  }
}

export const attachTrack = directive(AttachTrackDirective);
