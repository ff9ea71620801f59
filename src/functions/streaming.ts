/**
 * TIKTOK functions are streaming functions: each cell sets its value now and again whenever the books
 * change (Fetch, Post, delete, revert, restore), so no manual recalculation is needed. Errors go through
 * setResult: a streaming function's exceptions are ignored by Excel.
 */
import type { Ledger } from "../ledger";
import { notAvailable, type CellResult, type FunctionsLedger } from "./ledger-functions";

export interface ChangeSource {
  /** Calls the listener after each change of the books; returns a function that stops listening. */
  onChange(listener: () => void): () => void;
}

/** What a streaming function gets from Excel (method syntax: any StreamingInvocation<T> fits). */
export interface StreamInvocation {
  setResult(value: CellResult): void;
  onCanceled?: () => void;
}

function sameResult(a: CellResult | undefined, b: CellResult): boolean {
  if (typeof a !== "object" || typeof b !== "object") return a === b;
  return a.code === b.code && a.message === b.message;
}

/**
 * Sets the cell to `compute(ledger)` now and after every change (only when the answer changed), until
 * Excel cancels the invocation. A late answer never overwrites a newer one.
 */
export function streamLedgerValue<L extends ChangeSource>(
  getLedger: () => Promise<L>,
  compute: (ledger: L) => Promise<CellResult>,
  invocation: StreamInvocation,
): void {
  let canceled = false;
  let unsubscribe: (() => void) | undefined;
  let latest = 0;
  let shown: CellResult | undefined;

  const publish = (result: CellResult) => {
    if (canceled || sameResult(shown, result)) return;
    shown = result;
    invocation.setResult(result);
  };
  const failed = (error: unknown) =>
    notAvailable(`The books could not be read: ${error instanceof Error ? error.message : String(error)}`);

  invocation.onCanceled = () => {
    canceled = true;
    unsubscribe?.();
    unsubscribe = undefined;
  };

  getLedger().then(
    (ledger) => {
      if (canceled) return;
      const refresh = () => {
        const ticket = ++latest;
        compute(ledger).then(
          (result) => ticket === latest && publish(result),
          (error) => ticket === latest && publish(failed(error)),
        );
      };
      unsubscribe = ledger.onChange(refresh);
      refresh();
    },
    (error) => publish(failed(error)),
  );
}

export type FunctionsReader = FunctionsLedger & ChangeSource;

/**
 * The ledger as the functions read it: change signals are gathered for `quietMs` (a Post of 500 orders
 * is 500 writes, not 500 refreshes of every cell), and whole-book reads (stock items, accounts, trial
 * balances) are shared by all cells until the next change.
 */
export function functionsReader(ledger: Ledger, quietMs = 100): FunctionsReader {
  const listeners = new Set<() => void>();
  let generation = 0;
  let cache = new Map<string, Promise<unknown>>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let detach: (() => void) | undefined;

  const flush = () => {
    timer = undefined;
    for (const listener of [...listeners]) listener();
  };
  const changed = () => {
    generation++;
    cache = new Map();
    if (timer === undefined) timer = setTimeout(flush, quietMs);
  };
  const shared = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    // Unwatched, changes go unseen: nothing may be kept.
    if (!detach) return read();
    const hit = cache.get(key) as Promise<T> | undefined;
    if (hit) return hit;
    const at = generation;
    const reading = read();
    cache.set(key, reading);
    reading.catch(() => at === generation && cache.delete(key));
    return reading;
  };

  return {
    onChange(listener) {
      listeners.add(listener);
      detach ??= ledger.onChange(changed);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          detach?.();
          detach = undefined;
          cache = new Map();
        }
      };
    },
    getFetchedOrder: (orderId) => ledger.getFetchedOrder(orderId),
    getInvoice: (docNo) => ledger.getInvoice(docNo),
    getInvoiceByOrder: (orderId) => ledger.getInvoiceByOrder(orderId),
    outstanding: (docNo) => ledger.outstanding(docNo),
    listKnockOffs: (docNo) => ledger.listKnockOffs(docNo),
    listStockItems: () => shared("stockItems", () => ledger.listStockItems()),
    listAccounts: () => shared("accounts", () => ledger.listAccounts()),
    trialBalance: (asOf) => shared(`trialBalance:${asOf ?? ""}`, () => ledger.trialBalance(asOf)),
  };
}
