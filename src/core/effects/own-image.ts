/**
 * The user's own background image, kept in this browser's IndexedDB (database
 * `visio-elements`, store `background`) so that it is there for the next call. It is never sent
 * anywhere: only the processed camera picture leaves the device.
 */
const DATABASE = 'visio-elements';
const STORE = 'background';
const KEY = 'own';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
    request.onblocked = () => reject(new Error('IndexedDB is blocked'));
  });
}

async function transact<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = act(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result as T);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
    });
  } finally {
    db.close();
  }
}

/** Keeps `image` as the own background image (replacing the previous one). */
export function saveOwnImage(image: Blob): Promise<void> {
  return transact<unknown>('readwrite', (store) => store.put(image, KEY)).then(() => undefined);
}

/** The own background image kept earlier, if any. */
export async function loadOwnImage(): Promise<Blob | undefined> {
  const value = await transact<unknown>('readonly', (store) => store.get(KEY));
  return value instanceof Blob ? value : undefined;
}
