/**
 * Settlement export text → SettlementFile. `parseSettlement` reads at once; `importSettlement` reads in
 * slices and awaits `yieldToUi` between them, so a 100,000-row file never freezes a task pane.
 */
import Papa from "papaparse";
import { SettlementReader, type ReaderOptions } from "./reader";
import type { ImportProgress, SettlementFile } from "./types";

export interface ImportOptions extends ReaderOptions {
  /** Characters per slice (about 1,000 rows of a 55-column export per 250,000). */
  sliceChars?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** Awaited between slices: give the UI a turn (e.g. `() => new Promise((r) => setTimeout(r, 0))`). */
  yieldToUi?: () => Promise<void>;
}

const DELIMITERS = [",", ";", "\t"] as const;

/** The file's bytes as text: UTF-8 (a BOM is dropped), or UTF-16 when it starts with a UTF-16 BOM (Excel's "Unicode text"). */
export function decodeSettlementBytes(bytes: Uint8Array): string {
  const encoding =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? "utf-16le"
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? "utf-16be"
        : "utf-8";
  return stripBom(new TextDecoder(encoding).decode(bytes));
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The delimiter that splits the widest of the first lines into the most cells (the header is the widest row). */
export function detectDelimiter(text: string): string {
  const lines = text.slice(0, 64 * 1024).split(/\r?\n/, 60);
  let best: string = ",";
  let bestCount = 0;
  for (const d of DELIMITERS) {
    for (const line of lines) {
      const count = line.split(d).length - 1;
      if (count > bestCount) {
        best = d;
        bestCount = count;
      }
    }
  }
  return best;
}

function parseRecords(text: string, delimiter: string): string[][] {
  if (text === "") return [];
  const result = Papa.parse<string[]>(text, {
    delimiter,
    header: false,
    skipEmptyLines: false,
    dynamicTyping: false,
  });
  return result.data;
}

export function parseSettlement(text: string, options: ReaderOptions): SettlementFile {
  const body = stripBom(text).replace(/(\r?\n)+$/, "");
  const delimiter = detectDelimiter(body);
  const reader = new SettlementReader(options, delimiter === ";");
  reader.push(parseRecords(body, delimiter));
  return reader.finish();
}

/**
 * Where each slice ends: just after a line break that is outside quotes. In CSV a quote inside a quoted
 * cell is doubled, so a line break is outside quotes exactly when the quotes before it are even in number.
 * The text is searched with indexOf, not read character by character: most exports have no quotes at all.
 */
function* slices(text: string, sliceChars: number): Generator<[number, number]> {
  let start = 0;
  // Whether the quotes before `end` are even in number; `nextQuote` is the first quote not yet counted.
  let nextQuote = text.indexOf('"');
  let even = true;
  const quotesEvenUpTo = (end: number): boolean => {
    while (nextQuote !== -1 && nextQuote < end) {
      even = !even;
      nextQuote = text.indexOf('"', nextQuote + 1);
    }
    return even;
  };
  while (start < text.length) {
    let end = text.length;
    for (let i = text.indexOf("\n", Math.max(start, start + sliceChars - 1)); i !== -1; i = text.indexOf("\n", i + 1)) {
      if (quotesEvenUpTo(i)) {
        end = i + 1;
        break;
      }
    }
    yield [start, end];
    start = end;
  }
}

export async function importSettlement(text: string, options: ImportOptions): Promise<SettlementFile> {
  const body = stripBom(text).replace(/(\r?\n)+$/, "");
  const delimiter = detectDelimiter(body);
  const reader = new SettlementReader(options, delimiter === ";");
  const sliceChars = Math.max(1, options.sliceChars ?? 250_000);
  for (const [start, end] of slices(body, sliceChars)) {
    const slice = body.slice(start, end).replace(/\r?\n$/, "");
    reader.push(slice === "" ? [[""]] : parseRecords(slice, delimiter));
    options.onProgress?.({ rowsRead: reader.rowsRead, fraction: body.length === 0 ? 1 : end / body.length });
    if (end < body.length) await options.yieldToUi?.();
  }
  return reader.finish();
}
