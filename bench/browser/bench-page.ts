/**
 * The page side of the browser benchmarks, built by webpack as the add-in is: the post-orders comparison
 * on the page's own IndexedDB, and the settlement import against a bare papaparse parse.
 */
import Papa from "papaparse";
import { importSettlement } from "../../src/core/settlement";
import type { Order } from "../../src/core/tiktok/types";
import { postOrdersFigures, type PostOrdersFigures } from "../post-orders-core";

export interface ImportFigures {
  rows: number;
  accepted: boolean;
  importMs: number[];
  papaparseMs: number[];
  /** Records papaparse read in its last call (the header, the rows). */
  papaparseRecords: number;
}

declare global {
  interface Window {
    benchPostOrders(name: string): Promise<PostOrdersFigures>;
    benchImport(rounds: number): Promise<ImportFigures>;
  }
}

/**
 * A turn for the page between slices, without the 4 ms a nested setTimeout costs: a message through one
 * channel made once (a channel per turn would time the making of 100 channels and their ports as import).
 */
const turns = new MessageChannel();
let resumeImport: (() => void) | null = null;
turns.port1.onmessage = () => {
  const resume = resumeImport;
  resumeImport = null;
  resume?.();
};
function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    resumeImport = resolve;
    turns.port2.postMessage(null);
  });
}

window.benchPostOrders = async (name: string) => {
  const { shopId, orders } = (await (await fetch("/orders.json")).json()) as { shopId: string; orders: Order[] };
  return postOrdersFigures(window.indexedDB, name, shopId, orders);
};

/** One timed import; nothing of it stays reachable once its figures are taken. */
async function timeImport(text: string): Promise<{ ms: number; rows: number; accepted: boolean }> {
  const start = performance.now();
  const file = await importSettlement(text, { file: "bench-settlement.csv", currency: "MYR", yieldToUi: yieldToPage });
  return { ms: performance.now() - start, rows: file.rows.length, accepted: file.accepted };
}

/** One timed bare papaparse parse of the same text. */
function timeParse(text: string): { ms: number; records: number } {
  const start = performance.now();
  const parsed = Papa.parse<string[]>(text, { delimiter: ",", header: false, skipEmptyLines: false, dynamicTyping: false });
  return { ms: performance.now() - start, records: parsed.data.length };
}

window.benchImport = async (rounds: number) => {
  const text = await (await fetch("/settlement.csv")).text();
  const figures: ImportFigures = { rows: 0, accepted: false, importMs: [], papaparseMs: [], papaparseRecords: 0 };
  // Each timed call starts on a collected heap (as in the Node case): otherwise it also collects what the
  // call before it left.
  const collect = () => (window as { gc?: () => void }).gc?.();
  for (let r = 0; r < rounds; r++) {
    collect();
    const imported = await timeImport(text);
    figures.importMs.push(imported.ms);
    figures.rows = imported.rows;
    figures.accepted = imported.accepted;
    collect();
    const parsed = timeParse(text);
    figures.papaparseMs.push(parsed.ms);
    figures.papaparseRecords = parsed.records;
  }
  return figures;
};
