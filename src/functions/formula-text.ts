/**
 * The preview's formula bar: `=TIKTOK.ORDERSTATUS("5775…")` or `=TIKTOK.ORDERSTATUS(B2)` read into a
 * function name and its arguments, as Excel would pass them (text, numbers, TRUE/FALSE, or empty), with
 * cell references left for the preview workbook to read.
 */
export type FormulaValue = string | number | boolean | null;

/** A cell in A1 notation (`B2`, `$B$2`, `'TikTok Orders'!B2`): column 0 is A, row 1 the header row. */
export interface CellReference {
  ref: string;
  sheet?: string;
  column: number;
  row: number;
}

export type FormulaArgument = FormulaValue | CellReference;

export type ParsedFormula =
  { ok: true; name: string; args: FormulaArgument[] } | { ok: false; message: string };

export const DEFAULT_EXAMPLE = '=TIKTOK.BALANCE("300-000")';

/** A value to show in messages about an argument of each function. */
const EXAMPLE_ARGUMENT: Record<string, string> = {
  ORDERSTATUS: '"577565762485974647"',
  POSTSTATUS: '"577565762485974647"',
  INVOICENO: '"577565762485974647"',
  SETTLED: '"577565762485974647"',
  OUTSTANDING: '"IV-00001"',
  ITEMCODE: '"TS-MUG-01"',
  BALANCE: '"300-000"',
};

export function isCellReference(arg: FormulaArgument): arg is CellReference {
  return typeof arg === "object" && arg !== null;
}

const CALL = /^=?\s*(TIKTOK\s*\.\s*)?([A-Za-z]+)\s*\(([\s\S]*)\)\s*$/i;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(E[+-]?\d+)?$/i;

function splitArguments(text: string): string[] | undefined {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      if (quoted && text[i + 1] === '"') {
        current += '""';
        i++;
        continue;
      }
      quoted = !quoted;
      current += ch;
    } else if (ch === "," && !quoted) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  if (quoted) return undefined;
  parts.push(current);
  return parts;
}

/** Optional sheet (`Sheet1!` or `'TikTok Orders'!`), then a cell such as B2 or $B$2. */
const REFERENCE = /^(?:(?:'((?:[^']|'')+)'|([A-Za-z_][\w.]*))!)?\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const RANGE = /^(?:(?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?\$?[A-Za-z]{1,3}\$?\d{1,7}:\$?[A-Za-z]{1,3}\$?\d{1,7}$/;

function readReference(text: string): CellReference | undefined {
  const match = REFERENCE.exec(text);
  if (!match) return undefined;
  const [, quoted, plain, letters, digits] = match;
  const row = Number(digits);
  if (row < 1) return undefined;
  const column = [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const sheet = quoted !== undefined ? quoted.replace(/''/g, "'") : plain;
  return { ref: text.replace(/\$/g, "").toUpperCase().replace(/^.*!/, ""), ...(sheet ? { sheet } : {}), column, row };
}

function readArgument(raw: string): FormulaArgument | undefined {
  const text = raw.trim();
  if (text === "") return null;
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"'))
    return text.slice(1, -1).replace(/""/g, '"');
  if (NUMBER.test(text)) return Number(text);
  if (/^(TRUE|FALSE)$/i.test(text)) return text.toUpperCase() === "TRUE";
  return readReference(text);
}

/**
 * Reads a formula. `example` is the call the messages suggest (the preview offers one with a real order
 * ID once orders are fetched).
 */
export function parseFormula(formula: string, known: string[], example = DEFAULT_EXAMPLE): ParsedFormula {
  const call = CALL.exec(formula.trim());
  if (!call) return { ok: false, message: `Write a call such as ${example}.` };
  const name = call[2].toUpperCase();
  if (!known.includes(name)) {
    // Only a name the user wrote with TIKTOK. in front is called TIKTOK.something.
    return call[1]
      ? { ok: false, message: `TIKTOK.${name} is not a ShopBooks function. Try ${known.join(", ")}.` }
      : {
          ok: false,
          message: `${name} is not a ShopBooks function: the preview's formula bar evaluates TIKTOK.* functions only (${known.join(", ")}).`,
        };
  }
  const parts = call[3].trim() === "" ? [] : splitArguments(call[3]);
  if (!parts) return { ok: false, message: "A text argument is missing its closing double quote." };
  const args: FormulaArgument[] = [];
  for (const part of parts) {
    const text = part.trim();
    const value = readArgument(part);
    if (value === undefined) {
      const sample = `=TIKTOK.${name}(${EXAMPLE_ARGUMENT[name] ?? '"text"'})`;
      return {
        ok: false,
        message: RANGE.test(text)
          ? `${text} is a range: the formula bar takes one cell, such as B2, or a value, e.g. ${sample}.`
          : `${text} is not a value or a cell: put text in double quotes, e.g. ${sample}.`,
      };
    }
    args.push(value);
  }
  return { ok: true, name, args };
}
