/**
 * The base of every public event: bubbles, crosses shadow roots, typed `detail`. Requests a host
 * may veto pass `cancelable: true`.
 */
export class VisioEvent<T> extends CustomEvent<T> {
  constructor(type: string, detail: T, options: { cancelable?: boolean } = {}) {
    super(type, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false });
  }
}
