/**
 * Orders tab and ribbon: Refresh Order (fetch a date range into "TikTok Orders" / "TikTok Order Lines")
 * and Post (ticked orders → sales invoices), with results written back to the sheet.
 */
import type { Order, OrderStatus } from "../../core/tiktok/types";
import type { OrderToPost, PostOrderResult } from "../../ledger";
import { businessDate, dayStartEpoch, localMinute } from "../../core/dates/business-date";
import { CancelledError, RelinkNeededError } from "../../core/tiktok/client";
import {
  CANCELLED_AFTER_POSTING,
  ORDER_COLUMNS,
  ORDER_LINE_COLUMNS,
  ORDER_LINES_SHEET,
  ORDERS_SHEET,
  orderLineRows,
  orderRow,
  type PostAction,
} from "../../core/sheets/order-sheets";
import { isTicked, type CellValue } from "../../excel/workbook";
import { clientForStore, FlowError, requireStore, type AppContext } from "./context";
import { writeBooks } from "./books-flow";
import { postedStates } from "./posted-states";
import { counted } from "./wording";

export interface DateRange {
  from: string;
  to: string;
}

export interface RefreshResult {
  shopId: string;
  fetched: number;
  shown: number;
  /** The Refresh continued one cut short, from this instant ("2026-03-14 09:30", store time). */
  resumedFrom?: string;
}

export type StatusFilter = OrderStatus | "ALL";

/** Remembered for the ribbon's Fetch ("refresh the last range"). */
let lastRefresh: { shopId: string; range: DateRange; filter: StatusFilter } | undefined;

export function lastRefreshRange(): { shopId: string; range: DateRange; filter: StatusFilter } | undefined {
  return lastRefresh;
}

export function validateRange(range: DateRange): void {
  const valid = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`));
  if (!valid(range.from) || !valid(range.to)) throw new FlowError("Pick a From and a To date (YYYY-MM-DD).");
  if (range.from > range.to)
    throw new FlowError(`The From date ${range.from} is after the To date ${range.to}: swap them.`);
}

/** Where a Refresh that was cut short stopped: every order created before `completeBefore` is saved. */
interface FetchProgress {
  ge: number;
  lt: number;
  completeBefore: number;
  /** When it was saved (Unix s): orders saved before it may have changed since. */
  savedAt: number;
}

const progressKey = (shopId: string) => `orderFetch:${shopId}`;
/** Orders updated this long before the mark was saved are read again: clocks differ a little. */
const CLOCK_MARGIN_SECONDS = 300;

function isFetchProgress(value: unknown): value is FetchProgress {
  const p = value as Partial<FetchProgress> | null;
  return (
    !!p &&
    [p.ge, p.lt, p.completeBefore, p.savedAt].every((n) => Number.isSafeInteger(n)) &&
    (p.ge as number) < (p.completeBefore as number) &&
    (p.completeBefore as number) < (p.lt as number)
  );
}

/** The same error with a hint added, keeping the kind of error the pane reacts to (relink, cancel). */
function withHint(error: unknown, hint: string): unknown {
  if (!(error instanceof Error)) return error;
  const message = `${error.message} ${hint}`;
  if (error instanceof RelinkNeededError) return new RelinkNeededError(message, { cause: error });
  if (error instanceof CancelledError) return new CancelledError(message);
  return new FlowError(message, { cause: error });
}

/**
 * Refresh Order: every order created in the range, saved as it arrives. A Refresh cut short (network,
 * Cancel, a closed pane) keeps what it saved, and the next Refresh of the same range continues from there,
 * reading again only the saved orders TikTok has updated since.
 */
export async function refreshOrders(
  ctx: AppContext,
  shopId: string | undefined,
  range: DateRange,
  filter: StatusFilter = "ALL",
  signal?: AbortSignal,
): Promise<RefreshResult> {
  validateRange(range);
  const store = await requireStore(ctx, shopId);
  const { client, auth } = clientForStore(ctx, store);
  const ge = dayStartEpoch(range.from);
  const lt = dayStartEpoch(range.to) + 86400;
  const key = progressKey(store.shopId);
  const left = await ctx.ledger.getSetting(key);
  const resume = isFetchProgress(left) && left.ge === ge && left.lt === lt ? left : undefined;
  let stoppedAt = resume?.completeBefore;
  let orders: Order[];
  try {
    orders = await client.searchOrders(
      auth,
      { createTimeGe: resume?.completeBefore ?? ge, createTimeLt: lt },
      signal,
      async (batch, completeBefore) => {
        if (batch.length > 0) await ctx.ledger.saveFetchedOrders(store.shopId, batch);
        await ctx.ledger.saveSetting(key, { ge, lt, completeBefore, savedAt: Math.floor(ctx.now()) } satisfies FetchProgress);
        stoppedAt = completeBefore;
      },
    );
    if (resume) {
      const changed = await client.searchOrders(
        auth,
        { createTimeGe: ge, createTimeLt: resume.completeBefore, updateTimeGe: resume.savedAt - CLOCK_MARGIN_SECONDS },
        signal,
      );
      if (changed.length > 0) await ctx.ledger.saveFetchedOrders(store.shopId, changed);
      const fresh = new Set(orders.map((o) => o.id));
      const earlier = (await ctx.ledger.listFetchedOrders(store.shopId))
        .map((f) => f.order)
        .filter((o) => o.create_time >= ge && o.create_time < resume.completeBefore && !fresh.has(o.id))
        .sort((a, b) => a.create_time - b.create_time || (a.id < b.id ? -1 : 1));
      orders = [...earlier, ...orders];
    }
  } catch (error) {
    if (stoppedAt !== undefined && stoppedAt > ge)
      throw withHint(error, `The orders created before ${localMinute(stoppedAt)} are saved: Refresh Order with the same dates continues from there.`);
    throw error;
  }
  await ctx.ledger.saveSetting(key, null);
  lastRefresh = { shopId: store.shopId, range, filter };
  const shown = await writeOrderSheets(ctx, store.shopId, orders, filter);
  return {
    shopId: store.shopId,
    fetched: orders.length,
    shown,
    ...(resume ? { resumedFrom: localMinute(resume.completeBefore) } : {}),
  };
}

/** Rewrites the two order sheets from fetched orders, showing one status or all. */
export async function writeOrderSheets(
  ctx: AppContext,
  shopId: string,
  orders: Order[],
  filter: StatusFilter,
): Promise<number> {
  const setup = await ctx.ledger.getStoreSetup(shopId);
  const shown = orders
    .filter((o) => filter === "ALL" || o.status === filter)
    .sort((a, b) => a.create_time - b.create_time || (a.id < b.id ? -1 : 1));
  const rows: CellValue[][] = [];
  const lineRows: CellValue[][] = [];
  // The ledger is read once for all rows (a read per row is a round trip each), and each SKU resolved once.
  const states = await postedStates(ctx, shown);
  const resolved = new Map<string, string | undefined>();
  const resolve = async (skuId: string, sellerSku: string) => {
    const key = `${skuId}\u0000${sellerSku}`;
    if (!resolved.has(key)) resolved.set(key, await ctx.ledger.resolveItemCode(shopId, skuId, sellerSku));
    return resolved.get(key);
  };
  for (const [i, order] of shown.entries()) {
    const state = states[i];
    // A cancelled order still on an invoice is posted (as a credit note) whatever its status's action.
    const postAction: PostAction =
      state.status === CANCELLED_AFTER_POSTING || setup.postActions[order.status] === "Post"
        ? "Post"
        : "Skip";
    rows.push(
      orderRow(order, businessDate(order.create_time, setup.utcOffsetMinutes), { postAction, ...state }),
    );
    const codes = new Map<string, string | undefined>();
    for (const item of order.line_items) {
      if (!codes.has(item.sku_id)) codes.set(item.sku_id, await resolve(item.sku_id, item.seller_sku));
    }
    lineRows.push(...orderLineRows(order, (skuId) => codes.get(skuId)));
  }
  const itemCodes = (await ctx.ledger.listStockItems()).filter((i) => !i.isFee).map((i) => i.code);
  await ctx.workbook.writeTable(ORDERS_SHEET, { columns: ORDER_COLUMNS, rows });
  await ctx.workbook.writeTable(
    ORDER_LINES_SHEET,
    { columns: ORDER_LINE_COLUMNS, rows: lineRows },
    { itemCodes },
  );
  await ctx.workbook.activate(ORDERS_SHEET);
  return shown.length;
}

export interface PostOutcome {
  /** True when no row was ticked: the pane asks whether to select all. */
  nothingTicked: boolean;
  results: PostOrderResult[];
  skipped: string[];
}

/** Orders handed to the ledger at a time: progress and cancel between chunks. */
const POST_CHUNK = 200;

export function statusText(result: PostOrderResult): string {
  if (result.status === "Failed") return `Failed – ${result.reason ?? "Unknown reason"}`;
  if (result.creditNoteNo)
    return result.status === "Success"
      ? `Success – credit note ${result.creditNoteNo}`
      : `Posted – reversed by ${result.creditNoteNo}`;
  return result.status;
}

/**
 * Posts the ticked orders of "TikTok Orders". Orders whose status's post action is Skip are left alone
 * unless `anyStatus` (Post ▾ → Post anyway). `selectAll` posts every row shown.
 */
export async function postOrders(
  ctx: AppContext,
  options: {
    anyStatus?: boolean;
    selectAll?: boolean;
    signal?: AbortSignal;
    onProgress?: (done: number, total: number) => void;
  } = {},
): Promise<PostOutcome> {
  const rows = await ctx.workbook.readTable(ORDERS_SHEET);
  if (!rows)
    throw new FlowError('There is no "TikTok Orders" sheet yet: pick dates and Refresh Order first.');
  const chosen = rows.filter((row) => options.selectAll || isTicked(row["Tick"]));
  if (chosen.length === 0) return { nothingTicked: true, results: [], skipped: [] };

  const itemCodesByOrder = await readItemCodeOverrides(ctx);
  const results: PostOrderResult[] = [];
  const skipped: string[] = [];
  const updates: Record<string, Record<string, CellValue>> = {};
  let runId: string | undefined;
  let done = 0;
  const toPost = new Map<string, OrderToPost[]>();
  let anyNew = false;
  const toSend: string[] = [];
  for (const row of chosen) {
    const orderId = String(row["Order ID"] ?? "");
    const reversal = row["Status"] === CANCELLED_AFTER_POSTING;
    // A row already on an invoice is answered "Posted" whatever its status's action.
    const posted = String(row["Invoice No"] ?? "").trim() !== "" && !reversal;
    if (!options.anyStatus && !reversal && !posted && row["Post Action"] !== "Post") {
      skipped.push(orderId);
      // The tick stays, so Post ▾ Post anyway posts exactly these rows next.
      updates[orderId] = { Status: `Skipped – ${row["TikTok Status"]} is set to Skip (use Post anyway)` };
      options.onProgress?.(++done, chosen.length);
      continue;
    }
    anyNew ||= !posted;
    toSend.push(orderId);
  }
  // Each order goes to its own store; orders are read a slice at a time, not one read each.
  for (let start = 0; start < toSend.length; start += POST_CHUNK) {
    const slice = toSend.slice(start, start + POST_CHUNK);
    const fetched = await ctx.ledger.getFetchedOrders(slice);
    for (const [i, orderId] of slice.entries()) {
      const shopId = fetched[i]?.shopId ?? (await requireStore(ctx)).shopId;
      const orders = toPost.get(shopId) ?? [];
      orders.push({ orderId, itemCodes: itemCodesByOrder.get(orderId) });
      toPost.set(shopId, orders);
    }
  }
  try {
    for (const [shopId, orders] of toPost) {
      if (anyNew)
        runId ??= (await ctx.ledger.beginRun({ kind: "orders", shopId, description: `Post orders (${chosen.length} chosen)` })).runId;
      for (let start = 0; start < orders.length; start += POST_CHUNK) {
        if (options.signal?.aborted) break;
        const chunk = orders.slice(start, start + POST_CHUNK);
        const chunkResults = await ctx.ledger.postOrders(shopId, chunk, runId ? { runId } : {});
        for (let i = 0; i < chunk.length; i++) {
          let result = chunkResults[i];
          if (result.status === "Failed" && result.reason === "Missing Dataset Property") {
            result = await refetchAndPost(ctx, shopId, chunk[i].orderId, { itemCodes: chunk[i].itemCodes, runId });
          }
          results.push(result);
          updates[result.orderId] = { Tick: false, Status: statusText(result), "Invoice No": result.invoiceNo ?? "" };
        }
        done += chunk.length;
        options.onProgress?.(done, chosen.length);
      }
    }
  } finally {
    // Whatever happened, the rows already posted say so.
    await ctx.workbook.updateRows(ORDERS_SHEET, "Order ID", updates);
    if (results.length > 0) await writeBooks(ctx);
  }
  return { nothingTicked: false, results, skipped };
}

/** Item codes typed or picked in "TikTok Order Lines", per order and SKU. */
async function readItemCodeOverrides(ctx: AppContext): Promise<Map<string, Record<string, string>>> {
  const lines = (await ctx.workbook.readTable(ORDER_LINES_SHEET)) ?? [];
  const byOrder = new Map<string, Record<string, string>>();
  for (const line of lines) {
    const code = String(line["Item Code"] ?? "").trim();
    if (!code) continue;
    const orderId = String(line["Order ID"]);
    const codes = byOrder.get(orderId) ?? {};
    codes[String(line["SKU ID"])] = code;
    byOrder.set(orderId, codes);
  }
  return byOrder;
}

/** An order whose details came back incomplete is fetched again once before it fails. */
async function refetchAndPost(
  ctx: AppContext,
  shopId: string,
  orderId: string,
  post: { itemCodes?: Record<string, string>; runId?: string },
): Promise<PostOrderResult> {
  const store = await requireStore(ctx, shopId);
  const { client, auth } = clientForStore(ctx, store);
  const orders = await client.getOrders(auth, [orderId]);
  if (orders.length > 0) await ctx.ledger.saveFetchedOrders(shopId, orders);
  return ctx.ledger.postOrder(shopId, orderId, post);
}

/** Counts for the pane's message after a Post run. */
export function summarise(outcome: PostOutcome): string {
  const count = (status: string) => outcome.results.filter((r) => r.status === status).length;
  const parts = [`${count("Success")} Success`, `${count("Posted")} Posted`, `${count("Failed")} Failed`];
  const notes = outcome.results.filter((r) => r.status === "Success" && r.creditNoteNo).length;
  if (notes) parts.push(`${counted(notes, "credit note")} for orders cancelled after posting`);
  if (outcome.skipped.length) parts.push(`${outcome.skipped.length} skipped by their post action`);
  const failed = outcome.results.filter((r) => r.status === "Failed");
  const byReason = new Map<string, number>();
  for (const r of failed) byReason.set(r.reason ?? "", (byReason.get(r.reason ?? "") ?? 0) + 1);
  const hints = [...byReason].map(([reason, n]) => {
    const orders = counted(n, "order");
    if (reason === "Missing Item Code")
      return `${orders}: Missing Item Code – pick an Item Code in “TikTok Order Lines” (the order is ticked for you), then Post again.`;
    if (reason === "Missing Dataset Property")
      return `${orders}: Missing Dataset Property – TikTok sent incomplete details even after a refetch; Refresh Order, then Post again.`;
    const example = failed.find((r) => (r.reason ?? "") === reason)?.problems[0]?.message ?? reason;
    return `${orders}: ${example}`;
  });
  return [`Posting done: ${parts.join(", ")}.`, ...hints].join(" ");
}
