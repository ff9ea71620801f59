/**
 * Many requests of one transaction answered together, on bare IndexedDB requests: in a loop of hundreds a
 * promise and two listeners per request (what idb's wrappers add) cost a browser more than the request.
 */
import { unwrap } from "idb";

type Wrapped = Parameters<typeof unwrap>[0];

/** The bare IDBObjectStore (or IDBIndex, IDBTransaction) under an idb wrapper. */
export function bare<T>(wrapped: unknown): T {
  return unwrap(wrapped as Wrapped) as unknown as T;
}

/**
 * Resolves with the requests' results once the last one has succeeded (a transaction answers its requests
 * in the order they were made). The first failure (which aborts the transaction) rejects with that
 * request's error, after `onFailure` hears its place in `requests` (-1: not one of them). All of `requests`
 * belong to `tx`.
 */
export function settled<T = unknown>(
  tx: IDBTransaction,
  requests: IDBRequest[],
  onFailure?: (index: number) => void,
): Promise<T[]> {
  if (requests.length === 0) return Promise.resolve([]);
  return new Promise<T[]>((resolve, reject) => {
    const last = requests[requests.length - 1];
    const stop = () => {
      tx.removeEventListener("error", failed);
      tx.removeEventListener("abort", aborted);
      last.removeEventListener("success", done);
    };
    const done = () => {
      stop();
      resolve(requests.map((r) => r.result as T));
    };
    // A request's error reaches its transaction; the first one is the cause, the rest follow the abort.
    const failed = (event: Event) => {
      stop();
      const request = event.target as IDBRequest;
      onFailure?.(requests.indexOf(request));
      reject(request.error ?? tx.error);
    };
    const aborted = () => {
      stop();
      onFailure?.(-1);
      reject(tx.error ?? new DOMException("The transaction was aborted.", "AbortError"));
    };
    tx.addEventListener("error", failed);
    tx.addEventListener("abort", aborted);
    last.addEventListener("success", done);
  });
}
