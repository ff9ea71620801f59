/**
 * Cells of a settlement export are text. Raw exports write `-12.30`, `0`, `/` (none); a file re-saved by
 * Excel may write `1,234.50`, `1.234,50`, `12,30`, `(5.00)` or `MYR 12.30`. Amounts are read digit by digit.
 */
import { parseMoney, sen, ZERO, type Sen } from "../money/money";

/** Blank, `/` and a lone dash mean "none". */
export function isNone(text: string): boolean {
  const t = text.trim();
  return t === "" || t === "/" || t === "-" || t === "\u2014";
}

/**
 * Why an amount was refused: not a number, more decimals than the currency has, or more minor units than
 * a number holds exactly (2^53 − 1: 90,071,992,547,409.91 with 2 minor digits).
 */
export type AmountReading =
  | { ok: true; value: Sen; thousands?: boolean; decimalComma?: boolean; decorated?: boolean }
  | { ok: false; reason: "format" | "digits" | "size" };

const NOTHING: AmountReading = { ok: true, value: ZERO };
/** 10 ** n without a Math.pow call per cell. */
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const PLAIN = /^(-?)(\d+)(?:\.(\d+))?$/;

/** A plain `-123.45` in integer arithmetic (BigInt only for the rare amount beyond 15 digits). */
function plainAmount(m: RegExpExecArray, raw: string, digits: number): AmountReading {
  const [, sign, whole, fraction = ""] = m;
  const frac = fraction.replace(/0+$/, "");
  if (frac.length > digits) return { ok: false, reason: "digits" };
  if (whole.length > 15) {
    const value = parseMoney(raw, digits);
    return value === undefined ? { ok: false, reason: "size" } : { ok: true, value };
  }
  const units = Number(whole) * 10 ** digits + (frac === "" ? 0 : Number(frac.padEnd(digits, "0")));
  if (!Number.isSafeInteger(units)) return { ok: false, reason: "size" };
  return { ok: true, value: sen(sign === "-" ? -units : units) };
}
const CURRENCY_MARK = /^(?:[A-Z]{3}|RM|Rp|S\$|US\$|\$|₱|฿|₫)\s*|\s*(?:[A-Z]{3}|₫)$/;

/**
 * The common case read without a regular expression or new strings: `-123.45` and the like in
 * `text[start, end)`, as Sen. NaN when the text is anything else (spaces, separators, signs, long numbers,
 * too many decimals, more minor units than a number holds exactly): readAmount reads it then.
 */
export function plainAmountAt(text: string, start: number, end: number, digits: number, decimalComma: boolean): number {
  let i = start;
  const negative = i < end && text.charCodeAt(i) === 45;
  if (negative) i++;
  const wholeStart = i;
  let whole = 0;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    whole = whole * 10 + (c - 48);
  }
  const wholeDigits = i - wholeStart;
  if (wholeDigits === 0 || wholeDigits > 15) return NaN;
  let fraction = 0;
  let fractionDigits = 0;
  if (i < end) {
    if (text.charCodeAt(i) !== 46) return NaN;
    const fractionStart = ++i;
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      fraction = fraction * 10 + (c - 48);
    }
    fractionDigits = i - fractionStart;
    if (i < end || fractionDigits === 0 || fractionDigits > 15) return NaN;
    if (decimalComma && fractionDigits === 3) return NaN;
    while (fractionDigits > 0 && fraction % 10 === 0) {
      fraction /= 10;
      fractionDigits--;
    }
    if (fractionDigits > digits) return NaN;
  }
  const units =
    digits < POW10.length
      ? whole * POW10[digits] + fraction * POW10[digits - fractionDigits]
      : whole * 10 ** digits + fraction * 10 ** (digits - fractionDigits);
  // What sen() does, without a call per cell: a whole number up to 2^53 is safe; -0 is 0.
  return units <= Number.MAX_SAFE_INTEGER ? ((negative && units !== 0 ? -units : units) as Sen) : NaN;
}

/**
 * Reads an amount with `digits` minor digits (2 for MYR, 0 for IDR/VND). `decimalComma` is the file's
 * convention (a `;`-delimited file comes from a locale that writes 12,30): there a lone `.` before three
 * digits groups thousands; elsewhere a lone `,` before three digits does.
 */
export function readAmount(text: string, digits: number, decimalComma = false): AmountReading {
  if (text === "0") return NOTHING;
  const plainValue = plainAmountAt(text, 0, text.length, digits, decimalComma);
  if (plainValue === plainValue) return { ok: true, value: plainValue as Sen };
  const raw = text.trim();
  if (isNone(raw)) return NOTHING;
  const plain = PLAIN.exec(raw);
  if (plain && !(decimalComma && plain[3]?.length === 3)) return plainAmount(plain, raw, digits);
  let t = raw.normalize("NFKC").replace(/[\s\u00a0\u202f']/g, "");
  let decorated = false;
  let negative = false;
  const paren = /^\((.*)\)$/.exec(t);
  if (paren) {
    t = paren[1];
    negative = true;
    decorated = true;
  }
  const stripped = t.replace(CURRENCY_MARK, "");
  if (stripped !== t) decorated = true;
  t = stripped;
  if (/^[+-]/.test(t)) {
    negative = negative !== (t[0] === "-");
    t = t.slice(1);
  } else if (/-$/.test(t)) {
    negative = !negative;
    t = t.slice(0, -1);
    decorated = true;
  }
  if (!/^[\d.,]+$/.test(t) || !/\d/.test(t)) return { ok: false, reason: "format" };

  const lastDot = t.lastIndexOf(".");
  const lastComma = t.lastIndexOf(",");
  let decimalMark: "." | "," | null = null;
  if (lastDot >= 0 && lastComma >= 0) decimalMark = lastDot > lastComma ? "." : ",";
  else {
    const mark = lastDot >= 0 ? "." : lastComma >= 0 ? "," : null;
    if (mark) {
      const count = t.split(mark).length - 1;
      const after = t.length - t.lastIndexOf(mark) - 1;
      const groupingMark = decimalComma ? "." : ",";
      decimalMark = count > 1 || (mark === groupingMark && after === 3) ? null : mark;
    }
  }
  const thousandsMark = decimalMark === "." ? "," : decimalMark === "," ? "." : t.includes(",") ? "," : ".";
  const [whole, frac, ...rest] = decimalMark ? t.split(decimalMark) : [t];
  if (rest.length > 0 || whole === undefined) return { ok: false, reason: "format" };
  const groups = whole.split(thousandsMark);
  const thousands = groups.length > 1;
  if (thousands && !(/^\d{1,3}$/.test(groups[0]) && groups.slice(1).every((g) => /^\d{3}$/.test(g)))) {
    return { ok: false, reason: "format" };
  }
  if (frac !== undefined && !/^\d*$/.test(frac)) return { ok: false, reason: "format" };
  const canonical = `${negative ? "-" : ""}${groups.join("") || "0"}${frac ? `.${frac}` : ""}`;
  const value = parseMoney(canonical, digits);
  if (value === undefined)
    return { ok: false, reason: (frac ?? "").replace(/0+$/, "").length > digits ? "digits" : "size" };
  return { ok: true, value, thousands, decimalComma: decimalMark === ",", decorated };
}

const DIGITS = /^\d+$/;

/** Whether `text[start, end)` is one or more ASCII digits: an ID exactly as exported. */
export function isDigitsAt(text: string, start: number, end: number): boolean {
  if (start >= end) return false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export type IdReading = { ok: true; value: string | null } | { ok: false; reason: "excel" | "format" };

/**
 * IDs are exact digit strings (18–19 digits exceed a float's precision). Excel turns them into `5.78311E+17`
 * or `578311204983317000.0`: those digits are gone, so the ID is refused, never repaired.
 */
export function readId(text: string): IdReading {
  if (DIGITS.test(text)) return { ok: true, value: text };
  let t = text.trim().normalize("NFKC");
  if (t.startsWith("'")) t = t.slice(1);
  if (/^="(.*)"$/.test(t)) t = t.slice(2, -1);
  if (isNone(t)) return { ok: true, value: null };
  if (/^\d+$/.test(t)) return { ok: true, value: t };
  if (/^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$/.test(t) || /^\d+[.,]\d+$/.test(t))
    return { ok: false, reason: "excel" };
  return { ok: false, reason: "format" };
}

/** `2026/03/02`, `2026-03-02`, optionally with a time of day → '2026-03-02'; null for none; undefined when unreadable. */
export function readDate(text: string): string | null | undefined {
  const t = text.trim();
  if (isNone(t)) return null;
  const m = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?.*)?$/.exec(t);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(0);
  probe.setUTCFullYear(y, mo - 1, d);
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d)
    return undefined;
  return `${m[1]}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Type text as a seller reads it: full-width brackets folded, spacing collapsed ("Violation fee (settlement fee)"). */
export function normalizeType(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/\s+/g, " ")
    .replace(/\s*\(\s*/g, " (")
    .replace(/\s*\)/g, ")")
    .trim();
}
