/**
 * Custom functions (namespace TIKTOK). The build appends `CustomFunctions.associate(...)` for each
 * function here, so they stay top-level named functions; what they answer lives in ledger-functions.ts.
 * Parameters typed `string | number` become "any" in the metadata: Excel then passes a number cell as a
 * number, which is refused for IDs instead of being looked up with lost digits.
 */
import { getSharedLedger } from "../ledger/shared";
import {
  balanceOf,
  invoiceNoOf,
  itemCodeOf,
  orderStatusOf,
  outstandingOf,
  postStatusOf,
  settledOf,
  type CellResult,
} from "./ledger-functions";
import { functionsReader, streamLedgerValue, type FunctionsReader, type StreamInvocation } from "./streaming";

class PreviewFunctionError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

// Outside Excel (preview mode, or offline without office.js) the runtime's pieces may be missing.
const runtime = ((globalThis as { CustomFunctions?: Partial<typeof CustomFunctions> }).CustomFunctions ??=
  {});
runtime.associate ??= () => undefined;
(runtime as { Error?: unknown }).Error ??= PreviewFunctionError;
(runtime as { ErrorCode?: unknown }).ErrorCode ??= { invalidValue: "#VALUE!", notAvailable: "#N/A" };

let reader: Promise<FunctionsReader> | undefined;

function sharedReader(): Promise<FunctionsReader> {
  if (!reader) {
    const opening = getSharedLedger().then((ledger) => functionsReader(ledger));
    reader = opening;
    opening.catch(() => reader === opening && (reader = undefined));
  }
  return reader;
}

function stream(
  compute: (ledger: FunctionsReader) => Promise<CellResult>,
  invocation: StreamInvocation,
): void {
  streamLedgerValue(sharedReader, compute, invocation);
}

type Arg = string | number;

/**
 * TikTok status of an order from the last fetch, e.g. DELIVERED.
 * @customfunction ORDERSTATUS
 * @param orderId Order ID (text)
 * @param invocation Refreshes the value when the books change.
 */
export function orderStatus(
  orderId: string | number,
  invocation: CustomFunctions.StreamingInvocation<string>,
): void {
  stream((ledger) => orderStatusOf(ledger, orderId), invocation);
}

/**
 * Whether an order is posted to the books: Posted or Not Posted.
 * @customfunction POSTSTATUS
 * @param orderId Order ID (text)
 * @param invocation Refreshes the value when the books change.
 */
export function postStatus(
  orderId: string | number,
  invocation: CustomFunctions.StreamingInvocation<string>,
): void {
  stream((ledger) => postStatusOf(ledger, orderId), invocation);
}

/**
 * Number of the sales invoice posted for an order, e.g. IV-00001.
 * @customfunction INVOICENO
 * @param orderId Order ID (text)
 * @param invocation Refreshes the value when the books change.
 */
export function invoiceNo(
  orderId: string | number,
  invocation: CustomFunctions.StreamingInvocation<string>,
): void {
  stream((ledger) => invoiceNoOf(ledger, orderId), invocation);
}

/**
 * Amount still owed on a sales invoice, given its number or its order's ID.
 * @customfunction OUTSTANDING
 * @param docNoOrOrderId Invoice number (IV-00001) or order ID (text)
 * @param invocation Refreshes the value when the books change.
 */
export function outstanding(
  docNoOrOrderId: string | number,
  invocation: CustomFunctions.StreamingInvocation<number>,
): void {
  stream((ledger) => outstandingOf(ledger, docNoOrOrderId), invocation);
}

/**
 * Stock item code a TikTok SKU maps to.
 * @customfunction ITEMCODE
 * @param skuIdOrSellerSku SKU ID (text) or seller SKU
 * @param invocation Refreshes the value when the books change.
 */
export function itemCode(
  skuIdOrSellerSku: string | number,
  invocation: CustomFunctions.StreamingInvocation<string>,
): void {
  stream((ledger) => itemCodeOf(ledger, skuIdOrSellerSku), invocation);
}

/**
 * TRUE once the order's settlement is posted (Payment tab), whatever knocked its invoice off.
 * @customfunction SETTLED
 * @param orderId Order ID (text)
 * @param invocation Refreshes the value when the books change.
 */
export function settled(
  orderId: string | number,
  invocation: CustomFunctions.StreamingInvocation<boolean>,
): void {
  stream((ledger) => settledOf(ledger, orderId), invocation);
}

/**
 * Balance of a GL account (debit positive), up to and including a date when given.
 * @customfunction BALANCE
 * @param accountCode Account code, e.g. 300-000
 * @param [asOfDate] Date cell or text YYYY-MM-DD
 * @param invocation Refreshes the value when the books change.
 */
export function balance(
  accountCode: string | number,
  asOfDate: string | number | undefined,
  invocation: CustomFunctions.StreamingInvocation<number>,
): void {
  stream((ledger) => balanceOf(ledger, accountCode, asOfDate), invocation);
}

/** The functions by their Excel names, for the preview's formula bar. */
export const TIKTOK_FUNCTIONS: Record<
  string,
  { arity: [number, number]; run: (args: Arg[], invocation: StreamInvocation) => void }
> = {
  ORDERSTATUS: { arity: [1, 1], run: ([id], i) => orderStatus(id, i as never) },
  POSTSTATUS: { arity: [1, 1], run: ([id], i) => postStatus(id, i as never) },
  INVOICENO: { arity: [1, 1], run: ([id], i) => invoiceNo(id, i as never) },
  OUTSTANDING: { arity: [1, 1], run: ([ref], i) => outstanding(ref, i as never) },
  ITEMCODE: { arity: [1, 1], run: ([sku], i) => itemCode(sku, i as never) },
  SETTLED: { arity: [1, 1], run: ([id], i) => settled(id, i as never) },
  BALANCE: { arity: [1, 2], run: ([code, asOf], i) => balance(code, asOf, i as never) },
};
