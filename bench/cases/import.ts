/**
 * Import: a generated N-row Malaysian settlement export read through importSettlement (the chunked API the
 * Payment tab uses), in rows per second, against a bare papaparse parse of the same text; and the peak
 * memory of the import. Runs in a child process of its own (bench/child.ts).
 */
import Papa from "papaparse";
import { importSettlement } from "../../src/core/settlement";
import { generateSettlement, type GeneratedSettlement } from "../settlement-data";
import { collectGarbage, currentRssMb, maxRssMb, median, peakRssMb, resetPeakRss, round, type BenchResult } from "../measure";

/**
 * The import's figures against papaparse's: the medians of their timed calls, in rows per second. `accepted`:
 * the file was accepted with the rows and kinds it was generated with.
 */
export function importResult(
  name: string,
  where: string,
  rows: number,
  timed: { importMs: number[]; papaparseMs: number[]; accepted: boolean },
  details: Record<string, unknown>,
): BenchResult {
  const rate = rows / (median(timed.importMs) / 1000);
  const baseRate = rows / (median(timed.papaparseMs) / 1000);
  return {
    case: name,
    figure: `settlement rows per second (importSettlement${where})`,
    value: Math.round(rate),
    baseline: { figure: "bare papaparse parse of the same text, rows per second", value: Math.round(baseRate) },
    ratio: round(rate / baseRate, 3),
    target: "ratio ≥ 0.5",
    met: timed.accepted && rate / baseRate >= 0.5,
    details: {
      rows,
      ...details,
      accepted: timed.accepted,
      importMs: timed.importMs.map((m) => round(m)),
      papaparseMs: timed.papaparseMs.map((m) => round(m)),
    },
  };
}

const yieldToUi = () => new Promise<void>((resolve) => setImmediate(resolve));

/** One timed import; nothing of it stays reachable once its figures are taken. */
async function timeImport(
  text: string,
  expected: GeneratedSettlement["counts"],
  measurePeak: boolean,
): Promise<{ ms: number; accepted: boolean; rowsRead: number; slices: number; peakRssMb: number }> {
  let slices = 0;
  const start = performance.now();
  const file = await importSettlement(text, {
    file: "bench-settlement.csv",
    currency: "MYR",
    yieldToUi: () => {
      slices++;
      return yieldToUi();
    },
  });
  const ms = performance.now() - start;
  return {
    ms,
    accepted:
      file.accepted &&
      file.counts.order === expected.order &&
      file.counts.refund === expected.refund &&
      file.counts.adjustment === expected.adjustment,
    rowsRead: file.rows.length,
    slices,
    peakRssMb: measurePeak ? peakRssMb() : NaN,
  };
}

/** One timed bare papaparse parse of the same text. */
function timeParse(text: string, rows: number): number {
  const start = performance.now();
  const parsed = Papa.parse<string[]>(text, { delimiter: ",", header: false, skipEmptyLines: false, dynamicTyping: false });
  const ms = performance.now() - start;
  if (parsed.data.length < rows) throw new Error(`papaparse read ${parsed.data.length} records, fewer than ${rows}.`);
  return ms;
}

export async function runImportCase(params: Record<string, unknown>): Promise<BenchResult> {
  const rows = Number(params.rows ?? 100_000);
  const rounds = Number(params.rounds ?? 2);
  // Only the text and its counts are kept: the orders generated with them are no part of the import, and
  // left in the heap they would be marked by every full collection the import or the parse triggers.
  const { text, counts: expected } = generateSettlement({ rows });
  collectGarbage();
  // The pages the collection freed are returned to the system a moment later: RSS is read after that.
  await new Promise((resolve) => setTimeout(resolve, 200));
  collectGarbage();
  const rssBefore = currentRssMb();
  const peakReset = resetPeakRss();

  const importMs: number[] = [];
  const parseMs: number[] = [];
  let peakDuringImport = NaN;
  let accepted = false;
  let readRows = 0;
  let slices = 0;
  for (let r = 0; r < rounds; r++) {
    const imported = await timeImport(text, expected, r === 0 && peakReset);
    importMs.push(imported.ms);
    slices = imported.slices;
    if (r === 0) {
      peakDuringImport = imported.peakRssMb;
      accepted = imported.accepted;
      readRows = imported.rowsRead;
    }
    collectGarbage();
    parseMs.push(timeParse(text, rows));
    collectGarbage();
  }

  return importResult("import", "", rows, { importMs, papaparseMs: parseMs, accepted }, {
    rowsRead: readRows,
    counts: expected,
    textMb: round(text.length / 1024 / 1024, 1),
    slices: slices + 1,
    rssBeforeImportMb: rssBefore,
    peakRssDuringImportMb: peakDuringImport,
    importPeakAboveTextMb: round(peakDuringImport - rssBefore, 1),
    processPeakRssMb: maxRssMb(),
  });
}
