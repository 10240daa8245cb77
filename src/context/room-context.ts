import { createContext } from '@lit/context';
import type { Room } from 'livekit-client';

/** The `Room` a `<visio-room>` provides to the elements inside it. */
export const roomContext = createContext<Room | undefined>(Symbol('visio-room'));
