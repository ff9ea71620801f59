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
}

declare global {
  interface Window {
    benchPostOrders(name: string): Promise<PostOrdersFigures>;
    benchImport(rounds: number): Promise<ImportFigures>;
  }
}

/** A turn for the page between slices, without the 4 ms a nested setTimeout costs. */
function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
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
function timeParse(text: string): number {
  const start = performance.now();
  Papa.parse<string[]>(text, { delimiter: ",", header: false, skipEmptyLines: false, dynamicTyping: false });
  return performance.now() - start;
}

window.benchImport = async (rounds: number) => {
  const text = await (await fetch("/settlement.csv")).text();
  const figures: ImportFigures = { rows: 0, accepted: false, importMs: [], papaparseMs: [] };
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
    figures.papaparseMs.push(timeParse(text));
  }
  return figures;
};
