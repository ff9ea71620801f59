/**
 * What each TIKTOK function answers, read from the books. Unknown IDs give #N/A, bad arguments #VALUE!,
 * each with a message saying what to do. Amounts come back in major units (cells), computed from sen.
 */
import { sen, toMajor } from "../core/money/money";
import { settlementPosted } from "../core/posting/settlement-posted";
import type { Ledger } from "../ledger";
import { parseAsOfDate, parseCode, parseDocOrOrder, parseOrderId, type Parsed } from "./arguments";

/** The part of the ledger the functions read. */
export type FunctionsLedger = Pick<
  Ledger,
  | "getFetchedOrder"
  | "getInvoice"
  | "getInvoiceByOrder"
  | "outstanding"
  | "listKnockOffs"
  | "listStockItems"
  | "listAccounts"
  | "trialBalance"
>;

export type CellResult = string | number | boolean | CustomFunctions.Error;

export function notAvailable(message: string): CustomFunctions.Error {
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, message);
}

export function invalidValue(message: string): CustomFunctions.Error {
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, message);
}

async function withArgument<T>(
  parsed: Parsed<T>,
  answer: (value: T) => Promise<CellResult>,
): Promise<CellResult> {
  return parsed.ok ? answer(parsed.value) : invalidValue(parsed.message);
}

const unknownOrder = (orderId: string) =>
  notAvailable(`No order ${orderId} in the books: fetch it on the Orders tab.`);

/** TikTok status from the last fetch (DELIVERED, …). */
export function orderStatusOf(
  ledger: Pick<FunctionsLedger, "getFetchedOrder">,
  raw: unknown,
): Promise<CellResult> {
  return withArgument(parseOrderId(raw), async (orderId) => {
    const order = await ledger.getFetchedOrder(orderId);
    return order ? order.status : unknownOrder(orderId);
  });
}

/**
 * "Posted" once the order has an invoice, "Not Posted" while it is only fetched; an invoiced order TikTok
 * cancelled is "Cancelled after posting" until Post reverses it, then "Credited".
 */
export function postStatusOf(ledger: FunctionsLedger, raw: unknown): Promise<CellResult> {
  return withArgument(parseOrderId(raw), async (orderId) => {
    const [invoice, order] = await Promise.all([
      ledger.getInvoiceByOrder(orderId),
      ledger.getFetchedOrder(orderId),
    ]);
    if (invoice) {
      if (order?.creditNoteNo) return "Credited";
      return order?.status === "CANCELLED" ? "Cancelled after posting" : "Posted";
    }
    return order ? "Not Posted" : unknownOrder(orderId);
  });
}

export function invoiceNoOf(ledger: FunctionsLedger, raw: unknown): Promise<CellResult> {
  return withArgument(parseOrderId(raw), async (orderId) => {
    const invoice = await ledger.getInvoiceByOrder(orderId);
    if (invoice) return invoice.docNo;
    return (await ledger.getFetchedOrder(orderId))
      ? notAvailable(`Order ${orderId} has no invoice yet: tick it in TikTok Orders and Post.`)
      : unknownOrder(orderId);
  });
}

/** What is still owed on an invoice (given by its number or its order's ID). */
export function outstandingOf(ledger: FunctionsLedger, raw: unknown): Promise<CellResult> {
  return withArgument(parseDocOrOrder(raw), async (ref) => {
    let invoice;
    if ("orderId" in ref) {
      invoice = await ledger.getInvoiceByOrder(ref.orderId);
      if (!invoice) {
        return (await ledger.getFetchedOrder(ref.orderId))
          ? notAvailable(`Order ${ref.orderId} has no invoice yet, so nothing is outstanding on it.`)
          : unknownOrder(ref.orderId);
      }
    } else {
      invoice = (await ledger.getInvoice(ref.docNo)) ?? (await ledger.getInvoice(ref.docNo.toUpperCase()));
      if (!invoice) return notAvailable(`No invoice ${ref.docNo} in the books.`);
    }
    const left = await ledger.outstanding(invoice.docNo);
    return toMajor(left ?? invoice.total);
  });
}

/** The stock item a SKU maps to: by SKU ID, then by seller SKU, then a seller SKU that is itself an item code. */
export function itemCodeOf(ledger: FunctionsLedger, raw: unknown): Promise<CellResult> {
  return withArgument(parseCode(raw, "a SKU ID or seller SKU"), async (key) => {
    const items = await ledger.listStockItems();
    const found =
      items.find((i) => i.altCodes.some((a) => a.skuId === key)) ??
      items.find((i) => i.altCodes.some((a) => a.sellerSku === key)) ??
      items.find((i) => i.code === key);
    return found
      ? found.code
      : notAvailable(`SKU ${key} is not mapped to a stock item: map it on the Products tab.`);
  });
}

/**
 * TRUE once a payment run has posted the order's settlement, whatever then knocked its invoice off (the
 * day's payment, or the day's credit notes on a date whose net is negative). A fetched order that is not
 * invoiced, or an invoice no settlement has reached (one its cancellation's credit note reversed), is FALSE.
 */
export function settledOf(ledger: FunctionsLedger, raw: unknown): Promise<CellResult> {
  return withArgument(parseOrderId(raw), async (orderId) => {
    const invoice = await ledger.getInvoiceByOrder(orderId);
    if (!invoice) return (await ledger.getFetchedOrder(orderId)) ? false : unknownOrder(orderId);
    return settlementPosted(invoice);
  });
}

/** Debit-positive balance of a GL account, up to and including the as-of date when given. */
export async function balanceOf(
  ledger: FunctionsLedger,
  rawAccount: unknown,
  rawAsOf: unknown,
): Promise<CellResult> {
  const account = parseCode(rawAccount, "an account code");
  if (!account.ok) return invalidValue(account.message);
  const asOf = parseAsOfDate(rawAsOf);
  if (!asOf.ok) return invalidValue(asOf.message);
  const accounts = await ledger.listAccounts();
  const known =
    accounts.find((a) => a.code === account.value) ??
    accounts.find((a) => a.code.toUpperCase() === account.value.toUpperCase());
  if (!known) return notAvailable(`No account ${account.value} in the chart of accounts: see the Setup tab.`);
  const line = (await ledger.trialBalance(asOf.value)).find((l) => l.account === known.code);
  return toMajor(sen(line ? line.debit - line.credit : 0));
}
