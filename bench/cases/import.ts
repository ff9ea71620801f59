/**
 * Import: a generated N-row Malaysian settlement export read through importSettlement (the chunked API the
 * Payment tab uses), in rows per second, against a bare papaparse parse of the same text; and the peak
 * memory of the import. Runs in a child process of its own (bench/child.ts).
 */
import Papa from "papaparse";
import { importSettlement } from "../../src/core/settlement";
import { generateSettlement } from "../settlement-data";
import { collectGarbage, currentRssMb, maxRssMb, peakRssMb, resetPeakRss, round, type BenchResult } from "../measure";

const yieldToUi = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function runImportCase(params: Record<string, unknown>): Promise<BenchResult> {
  const rows = Number(params.rows ?? 100_000);
  const rounds = Number(params.rounds ?? 2);
  const generated = generateSettlement({ rows });
  const text = generated.text;
  const expected = generated.counts;
  collectGarbage();
  const rssBefore = currentRssMb();
  const peakReset = resetPeakRss();

  const importMs: number[] = [];
  const parseMs: number[] = [];
  let peakDuringImport = 0;
  let accepted = false;
  let readRows = 0;
  let slices = 0;
  for (let r = 0; r < rounds; r++) {
    let start = performance.now();
    const file = await importSettlement(text, {
      file: "bench-settlement.csv",
      currency: "MYR",
      yieldToUi: () => {
        slices++;
        return yieldToUi();
      },
    });
    importMs.push(performance.now() - start);
    if (r === 0) {
      peakDuringImport = peakReset ? peakRssMb() : NaN;
      accepted = file.accepted && file.counts.order === expected.order && file.counts.refund === expected.refund && file.counts.adjustment === expected.adjustment;
      readRows = file.rows.length;
    }
    collectGarbage();

    start = performance.now();
    const parsed = Papa.parse<string[]>(text, { delimiter: ",", header: false, skipEmptyLines: false, dynamicTyping: false });
    parseMs.push(performance.now() - start);
    if (parsed.data.length < rows) throw new Error(`papaparse read ${parsed.data.length} records, fewer than ${rows}.`);
    collectGarbage();
  }

  const best = (list: number[]) => Math.min(...list);
  const rate = rows / (best(importMs) / 1000);
  const baseRate = rows / (best(parseMs) / 1000);
  return {
    case: "import",
    figure: "settlement rows per second (importSettlement)",
    value: Math.round(rate),
    baseline: { figure: "bare papaparse parse of the same text, rows per second", value: Math.round(baseRate) },
    ratio: round(rate / baseRate, 3),
    target: "ratio ≥ 0.5",
    met: accepted && rate / baseRate >= 0.5,
    details: {
      rows,
      rowsRead: readRows,
      counts: expected,
      accepted,
      textMb: round(text.length / 1024 / 1024, 1),
      importMs: importMs.map((m) => round(m)),
      papaparseMs: parseMs.map((m) => round(m)),
      slices: slices / rounds + 1,
      rssBeforeImportMb: rssBefore,
      peakRssDuringImportMb: peakDuringImport,
      importPeakAboveTextMb: round(peakDuringImport - rssBefore, 1),
      processPeakRssMb: maxRssMb(),
    },
  };
}
