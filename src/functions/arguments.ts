/**
 * Arguments of the TIKTOK functions as Excel passes them: a cell's value as it is. IDs must arrive as
 * text — a number means the ID sat in a number cell and has lost its last digits (5.78E+17), so it is
 * refused with #VALUE! rather than looked up and answered wrongly.
 */
import { isBusinessDate } from "../core/dates/business-date";
import { serialToDate } from "../excel/sheet-safety";

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export const ORDER_ID_NOT_TEXT = "Order IDs must be text: format the column as Text and re-enter the ID.";

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (message: string): Parsed<never> => ({ ok: false, message });

/** Text in scientific notation, as Excel shows an ID that became a number ("5.78E+17"). */
const SCIENTIFIC = /^\d+(\.\d+)?E\+?\d+$/i;
/** Largest count of digits a number cell keeps exactly. */
const EXACT_DIGITS = 15;

function isBlank(raw: unknown): boolean {
  return raw === null || raw === undefined || (typeof raw === "string" && raw.trim() === "");
}

export function parseOrderId(raw: unknown): Parsed<string> {
  if (isBlank(raw)) return bad("Give an order ID: the 18–19 digits of a TikTok order, as text.");
  if (typeof raw !== "string") return bad(ORDER_ID_NOT_TEXT);
  const text = raw.trim();
  if (SCIENTIFIC.test(text)) return bad(ORDER_ID_NOT_TEXT);
  if (!/^\d+$/.test(text)) return bad(`"${text}" is not an order ID: order IDs are digits only.`);
  return ok(text);
}

/**
 * A code the seller may have typed into a General cell (seller SKU, account code): short whole numbers
 * are still exact there, so they are taken as their digits; longer ones have lost precision.
 */
export function parseCode(raw: unknown, what: string): Parsed<string> {
  if (isBlank(raw)) return bad(`Give ${what}.`);
  if (typeof raw === "number") {
    if (Number.isSafeInteger(raw) && raw >= 0 && String(raw).length < EXACT_DIGITS) return ok(String(raw));
    return bad(
      `The ${what.replace(/^(a|an) /, "")} arrived as a number and may have lost digits: format the column as Text and re-enter it.`,
    );
  }
  if (typeof raw !== "string") return bad(`Give ${what} as text.`);
  const text = raw.trim();
  if (SCIENTIFIC.test(text)) {
    return bad(
      `"${text}" looks like a number that lost digits: format the column as Text and re-enter the ${what.replace(/^(a|an) /, "")}.`,
    );
  }
  return ok(text);
}

/** An invoice number (IV-00001) or an order ID. */
export function parseDocOrOrder(raw: unknown): Parsed<{ orderId: string } | { docNo: string }> {
  if (isBlank(raw)) return bad("Give an invoice number (e.g. IV-00001) or an order ID.");
  if (typeof raw !== "string") return bad(ORDER_ID_NOT_TEXT);
  const text = raw.trim();
  if (SCIENTIFIC.test(text)) return bad(ORDER_ID_NOT_TEXT);
  return ok(/^\d+$/.test(text) ? { orderId: text } : { docNo: text });
}

/** Last date Excel's serial numbers reach (9999-12-31). */
const MAX_SERIAL = 2_958_465;

/** An optional as-of date: omitted, a date cell (serial number) or text YYYY-MM-DD. */
export function parseAsOfDate(raw: unknown): Parsed<string | undefined> {
  if (isBlank(raw)) return ok(undefined);
  const problem = `The as-of date must be a date cell or text like 2024-05-31.`;
  if (typeof raw === "number") {
    if (!Number.isFinite(raw) || raw < 1 || raw > MAX_SERIAL) return bad(problem);
    return ok(serialToDate(raw));
  }
  if (typeof raw !== "string") return bad(problem);
  const text = raw.trim();
  return isBusinessDate(text) ? ok(text) : bad(`"${text}" is not a date. ${problem}`);
}
