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

/**
 * The text with one kind of line break, and that kind. papaparse splits at the one kind it guesses, so in a
 * file whose lines end in both "\r\n" and "\n" (one edited by hand, or two exports pasted together) the
 * lines of the other kind would run together into one row: such a text is read with "\n" throughout. A
 * text with one kind is returned as it is, uncopied. The kind is what papaparse guesses for any part of
 * the text with a line break in its first megabyte, so a slice is split in place at it.
 */
function uniformLineBreaks(text: string): { text: string; newline: string } {
  let crs = 0;
  let crlfs = 0;
  for (let i = text.indexOf("\r"); i !== -1; i = text.indexOf("\r", i + 1)) {
    crs++;
    if (text.charCodeAt(i + 1) === 10) crlfs++;
  }
  if (crs === 0) return { text, newline: "\n" };
  let lfs = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lfs++;
  if (lfs === 0) return { text, newline: "\r" };
  if (crlfs === crs && lfs === crs) return { text, newline: "\r\n" };
  return { text: text.replace(/\r\n?/g, "\n"), newline: "\n" };
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
  const body = uniformLineBreaks(stripBom(text)).text.replace(/(\r?\n)+$/, "");
  const delimiter = detectDelimiter(body);
  const reader = new SettlementReader(options, delimiter === ";");
  reader.push(parseRecords(body, delimiter));
  return reader.finish();
}

/**
 * Reads `text` in slices that end just after a line break outside quotes. In CSV a quote inside a quoted
 * cell is doubled, so a line break is outside quotes exactly when the quotes before it are even in number.
 * The text is searched with indexOf and never copied: most exports have no quotes at all, and a slice
 * without quotes is split in place (SettlementReader.pushLines) the way papaparse would split it; a slice
 * with quotes goes through papaparse.
 */
export async function importSettlement(given: string, options: ImportOptions): Promise<SettlementFile> {
  const { text, newline } = uniformLineBreaks(given);
  // The text read is text[begin, stop): without its BOM and the line breaks at its end.
  const begin = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let stop = text.length;
  while (stop > begin && text.charCodeAt(stop - 1) === 10) {
    stop--;
    if (stop > begin && text.charCodeAt(stop - 1) === 13) stop--;
  }
  const delimiter = detectDelimiter(text.slice(begin, Math.min(stop, begin + 64 * 1024)));
  const reader = new SettlementReader(options, delimiter === ";");
  const sliceChars = Math.max(1, options.sliceChars ?? 250_000);
  // The first quote not yet passed; whether the quotes before it are even.
  let nextQuote = text.indexOf('"', begin);
  let even = true;
  let start = begin;
  while (start < stop) {
    const firstQuote = nextQuote;
    let end = stop;
    for (
      let i = text.indexOf("\n", Math.max(start, start + sliceChars - 1));
      i !== -1 && i < stop;
      i = text.indexOf("\n", i + 1)
    ) {
      while (nextQuote !== -1 && nextQuote < i) {
        even = !even;
        nextQuote = text.indexOf('"', nextQuote + 1);
      }
      if (even) {
        end = i + 1;
        break;
      }
    }
    let contentEnd = end;
    if (contentEnd > start && text.charCodeAt(contentEnd - 1) === 10) {
      contentEnd--;
      if (contentEnd > start && text.charCodeAt(contentEnd - 1) === 13) contentEnd--;
    }
    // papaparse drops a BOM at the start of what it is given: such a slice goes to papaparse.
    if ((firstQuote === -1 || firstQuote >= contentEnd) && text.charCodeAt(start) !== 0xfeff) {
      reader.pushLines(text, start, contentEnd, delimiter, newline);
    } else {
      const slice = text.slice(start, contentEnd);
      reader.push(slice === "" ? [[""]] : parseRecords(slice, delimiter));
    }
    options.onProgress?.({ rowsRead: reader.rowsRead, fraction: stop === begin ? 1 : (end - begin) / (stop - begin) });
    if (end < stop) await options.yieldToUi?.();
    start = end;
  }
  return reader.finish();
}
