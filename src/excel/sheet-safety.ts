/**
 * Pure helpers shared by the workbook adapters: literal text, Excel date serials, chunking of large writes.
 */
import type { CellValue } from "../core/sheets/table";

/** Leading characters that make Excel read a typed value as a formula (or DDE), per OWASP's CSV-injection list. */
const FORMULA_TRIGGER = /^[=+\-@\t\r\0]/;

/**
 * Text Excel will keep as literal text: a leading apostrophe marks it as text and is not part of the value.
 * A string that already starts with an apostrophe gets one more, or Excel would swallow the original.
 */
export function literalText(text: string): string {
  return FORMULA_TRIGGER.test(text) || text.startsWith("'") ? `'${text}` : text;
}

/**
 * Undoes `literalText` on a value read back, for hosts that keep the apostrophe in text-formatted cells.
 * Only an apostrophe in front of a formula trigger (or another apostrophe) is removed.
 */
export function readLiteralText(text: string): string {
  return text.startsWith("'") && (FORMULA_TRIGGER.test(text.slice(1)) || text.startsWith("''"))
    ? text.slice(1)
    : text;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Days between Excel's day zero (1899-12-30, which absorbs the 1900 leap-year bug) and 1970-01-01. */
const EPOCH_OFFSET = 25569;
const DAY_MS = 86_400_000;

/** "2024-05-01" → 45413; undefined when the text is not a real calendar date. */
export function dateToSerial(iso: string): number | undefined {
  const match = ISO_DATE.exec(iso);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day)
    return undefined;
  return ms / DAY_MS + EPOCH_OFFSET;
}

/** 45413 → "2024-05-01" (time of day, if any, is dropped). */
export function serialToDate(serial: number): string {
  return new Date(Math.round((Math.floor(serial) - EPOCH_OFFSET) * DAY_MS)).toISOString().slice(0, 10);
}

/** Length in UTF-8 bytes of a string, without allocating an encoded copy. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Size in bytes of rows as JSON, which is what travels to Excel. */
export function jsonBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value));
}

export interface ChunkLimits {
  maxRows: number;
  maxBytes: number;
  /** Bytes that travel with each row besides its values (e.g. its number formats). */
  extraBytesPerRow?: number;
}

/**
 * Splits rows into consecutive chunks of at most `maxRows` rows and `maxBytes` bytes of JSON each
 * (a single row larger than `maxBytes` travels alone).
 */
export function chunkRows<T extends CellValue[]>(rows: T[], limits: ChunkLimits): T[][] {
  if (limits.maxRows < 1 || limits.maxBytes < 1)
    throw new Error("Chunk limits must be at least one row and one byte.");
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 2; // the enclosing brackets
  for (const row of rows) {
    const rowBytes = jsonBytes(row) + 1 + (limits.extraBytesPerRow ?? 0); // + the separating comma
    if (current.length > 0 && (current.length >= limits.maxRows || bytes + rowBytes > limits.maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 2;
    }
    current.push(row);
    bytes += rowBytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
