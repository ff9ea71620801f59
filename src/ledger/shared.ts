/**
 * One ledger per page: the task pane, custom functions and ribbon commands share the runtime, so they
 * share one connection. Inside Excel the name is prefixed with Office's partition key, because browsers
 * partition storage by top-level site.
 */
import { LedgerInputError } from "./errors";
import { DEFAULT_LEDGER_NAME, openLedger, type Ledger } from "./ledger";

let prefix = "";
let shared: Promise<Ledger> | undefined;
let sharedName: string | undefined;

export function sharedLedgerName(): string {
  return `${prefix}${DEFAULT_LEDGER_NAME}`;
}

/** Call before the first getSharedLedger(); the ledger is then opened under `${prefix}shopbooks`. */
export function setLedgerNamePrefix(namePrefix: string): void {
  if (shared && sharedName !== `${namePrefix}${DEFAULT_LEDGER_NAME}`) {
    throw new LedgerInputError(
      "LEDGER_ALREADY_OPEN",
      `The ledger is already open as "${sharedName}": set the name prefix before the ledger is first used.`,
    );
  }
  prefix = namePrefix;
}

export function getSharedLedger(): Promise<Ledger> {
  if (!shared) {
    const factory = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
    if (!factory) {
      return Promise.reject(
        new Error("This browser offers no IndexedDB storage, so ShopBooks cannot keep its books here."),
      );
    }
    sharedName = sharedLedgerName();
    const opening = openLedger({ factory, name: sharedName });
    shared = opening;
    // A failed open (say, a newer schema) is not cached: the next caller tries again.
    opening.catch(() => {
      if (shared === opening) {
        shared = undefined;
        sharedName = undefined;
      }
    });
  }
  return shared;
}

export async function resetSharedLedgerForTests(): Promise<void> {
  const opening = shared;
  shared = undefined;
  sharedName = undefined;
  prefix = "";
  if (opening) (await opening.catch(() => undefined))?.close();
}
