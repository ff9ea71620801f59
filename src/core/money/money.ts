/**
 * Money is an integer count of minor units (sen for MYR). Decimal strings from TikTok and from
 * settlement files are parsed digit by digit: never through floating point.
 */
export type Sen = number & { readonly __brand: "Sen" };

export class MoneyError extends Error {
  readonly code = "MONEY";
}

/** Minor-unit digits per ISO currency that TikTok Shop settles in. */
const MINOR_DIGITS: Record<string, number> = { IDR: 0, VND: 0, JPY: 0, KRW: 0 };

export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency.toUpperCase()] ?? 2;
}

export function sen(n: number): Sen {
  if (!Number.isSafeInteger(n)) throw new MoneyError(`Not a whole number of minor units: ${n}`);
  return (n === 0 ? 0 : n) as Sen; // normalise -0
}

export const ZERO = 0 as Sen;

/**
 * Parses "1234.5", "-0.01", "+3", "1,234.50" exactly. Returns undefined for anything that is not a
 * plain decimal with at most `digits` decimals, so callers can report the cell.
 */
export function parseMoney(text: string, digits = 2): Sen | undefined {
  const m = /^([+-]?)(\d+|\d{1,3}(?:,\d{3})+)?(?:\.(\d*))?$/.exec(text.trim());
  if (!m || (m[2] === undefined && !m[3])) return undefined;
  const [, sign, whole = "0", frac = ""] = m;
  if (frac.replace(/0+$/, "").length > digits) return undefined;
  const units = BigInt(whole.replace(/,/g, "")) * 10n ** BigInt(digits) + BigInt((frac + "0".repeat(digits)).slice(0, digits) || "0");
  const value = Number(sign === "-" ? -units : units);
  if (!Number.isSafeInteger(value)) return undefined;
  return sen(value);
}

/** Like parseMoney, for values that must be valid (API fields); throws a MoneyError naming the field. */
export function requireMoney(text: string | undefined, field: string, digits = 2): Sen {
  const v = text === undefined || text === "" ? ZERO : parseMoney(text, digits);
  if (v === undefined) throw new MoneyError(`${field} is not a decimal amount: "${text}"`);
  return v;
}

export function formatMoney(value: Sen, digits = 2): string {
  const negative = value < 0;
  const abs = String(Math.abs(value)).padStart(digits + 1, "0");
  const text = digits === 0 ? abs : `${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
  return negative ? `-${text}` : text;
}

export function add(...values: Sen[]): Sen {
  return sen(values.reduce((a, b) => a + b, 0));
}

export function negate(value: Sen): Sen {
  return sen(-value);
}

export function multiply(value: Sen, quantity: number): Sen {
  if (!Number.isSafeInteger(quantity)) throw new MoneyError(`Quantity must be a whole number: ${quantity}`);
  return sen(value * quantity);
}

/** Amount as a number of major units, for Excel cells only (never for arithmetic). */
export function toMajor(value: Sen, digits = 2): number {
  return value / 10 ** digits;
}
