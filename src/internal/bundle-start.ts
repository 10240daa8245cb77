// The self-contained bundle's first module (src/bundle.ts imports it before anything else): it
// runs before livekit-client and the elements are evaluated. Where `<visio-call>` is already
// defined (a second copy of the library), its elements are joining by themselves.
import { prefetchAutojoinTokens } from './autojoin-prefetch.js';

if (!customElements.get('visio-call')) prefetchAutojoinTokens();
