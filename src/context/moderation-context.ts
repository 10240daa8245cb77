import { createContext } from '@lit/context';
import type { ModerationAction } from '../core/moderation.js';

/**
 * What the local participant may do to others in the call around an element (a host, with a
 * backend that offers it): `<visio-call>` provides it; tiles and the participant list show these
 * items in their menus and fire `visio-moderate-request`. Empty (or absent) for everyone else.
 */
export const moderationContext = createContext<readonly ModerationAction[]>(Symbol('visio-moderation'));
