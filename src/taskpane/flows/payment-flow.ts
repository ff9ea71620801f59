/**
 * Payment tab and ribbon: Load CSV (the Seller Center settlement export → "TikTok Settlement", each order
 * row matched to its invoice), the one-step fix for orders without an invoice, Post (one ledger
 * transaction per settled date, all dates under one run), revert a run, and the list of runs.
 */
import { formatMoney, minorDigits, sen } from "../../core/money/money";
import {
  buildPaymentPlan,
  ORDERS_NOT_SYNCED_MESSAGE,
  type PaymentPlan,
  type PlanInvoice,
  type PlannedRow,
} from "../../core/posting/payment-plan";
import { creditedReturnIds, returnedGoodsLines } from "../../core/posting/returned-goods";
import { orderSourceKey } from "../../core/posting/types";
import { AFTER_SALES_PAGE_SIZE, CancelledError } from "../../core/tiktok/client";
import type { ReturnOrder } from "../../core/tiktok/types";
import {
  decodeSettlementBytes,
  importSettlement,
  postedRowKey,
  unionSettlementFiles,
  type SettlementFile,
  type SettlementRow,
} from "../../core/settlement";
import {
  CUSTOMER_PAYMENTS_SHEET,
  SETTLEMENT_SHEET,
  settlementTable,
  type SettlementSheetRow,
} from "../../core/sheets/payment-sheets";
import {
  applyPaymentDate,
  baseRowKey,
  feeMapOf,
  LedgerInputError,
  settledDatesOfRows,
  type LinkedStore,
  type PaymentDateSetup,
  type PostOrderResult,
} from "../../ledger";
import { writeBooks } from "./books-flow";
import { clientForStore, FlowError, requireStore, type AppContext } from "./context";
import { counted, runTime } from "./wording";

export { SETTLEMENT_SHEET, SETTLEMENT_COLUMNS } from "../../core/sheets/payment-sheets";

export interface SettlementView {
  shopId: string;
  /** The file read (the union when several files were loaded together). */
  file: SettlementFile;
  /** What Post would do, against the ledger's invoices and the rows posted before. */
  plan: PaymentPlan;
  /** Orders of the file's order and refund rows that have no invoice yet: the gate. */
  missingOrderIds: string[];
  /** Rows that break their settlement identity: Post is blocked while there are any. */
  brokenRows: number;
  waterfall: PaymentPlan["waterfall"];
  /** The file is accepted, every order has an invoice, no row is broken, and some row is not posted yet. */
  canPost: boolean;
  /** Why Post is not possible (in red when orders are missing), or that everything was posted before. */
  message?: string;
  /** Rows posted by earlier runs (shown "Posted"). */
  rowsAlreadyPosted: number;
  /** Rows Post would post now. */
  rowsToPost: number;
  /** Orders the last one-step fix could not post, with the reason and how to fix it. */
  syncFailures?: { orderId: string; reason: string }[];
  /** TikTok's returns of the refunded orders, by order ID: their credit notes name the returned items. */
  returns?: ReadonlyMap<string, ReturnOrder[]>;
  /** Why returned goods go to the generic returns item (the returns could not be read). */
  returnsNote?: string;
}

type CarriedFromLoad = Pick<SettlementView, "returns" | "returnsNote" | "syncFailures">;

/** What a view keeps from its Load CSV when it is planned again. */
function carried(from: CarriedFromLoad): Pick<SettlementView, "returns" | "returnsNote"> {
  return {
    ...(from.returns ? { returns: from.returns } : {}),
    ...(from.returnsNote ? { returnsNote: from.returnsNote } : {}),
  };
}

export interface PaymentRunDate {
  settledDate: string;
  paymentNo?: string;
  refundNo?: string;
  invoicesEdited: number;
  creditNotes: number;
  creditNoteNos: string[];
  adjustmentDoc?: string;
  /** Received (payment) or paid out (refund), as text in the file's currency. */
  amount: string;
}

export interface PaymentRunResult {
  /** "" when there was nothing left to post. */
  runId: string;
  dates: PaymentRunDate[];
  rowsPosted: number;
  rowsAlreadyPosted: number;
}

export interface PaymentRunSummary {
  runId: string;
  createdAt: string;
  description: string;
  dates: string[];
  reverted: boolean;
  /** Documents the run created, by kind: what Revert deletes. */
  created: { payments: number; refunds: number; creditNotes: number; invoices: number };
  /** Invoices the run edited (fee lines added): Revert puts them back as they were. */
  invoicesEdited: number;
}

let lastView: SettlementView | undefined;

/** The settlement last loaded (or posted) in this pane: what the ribbon's Post on "TikTok Settlement" posts. */
export function lastSettlementView(): SettlementView | undefined {
  return lastView;
}

const yieldToUi = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function storeCurrency(ctx: AppContext): Promise<string> {
  const setting = await ctx.ledger.getSetting("currency");
  return typeof setting === "string" && setting.trim() ? setting.trim().toUpperCase() : "MYR";
}

interface Planned {
  plan: PaymentPlan;
  /** Invoice versions the plan was computed from. */
  versions: Map<string, number>;
  setup: PaymentDateSetup;
  /** Stored source row keys (with their "#n") by run. */
  storedRows: { key: string; runId: string }[];
}

/** Plans the file against the ledger as it is now. */
async function planFor(
  ctx: AppContext,
  shopId: string,
  file: SettlementFile,
  returns?: ReadonlyMap<string, ReturnOrder[]>,
): Promise<Planned> {
  const setup = await ctx.ledger.getStoreSetup(shopId);
  const currency = await storeCurrency(ctx);
  const wanted = new Set(file.rows.filter((r) => r.kind !== "adjustment").map((r) => r.id));
  const open = new Map((await ctx.ledger.listDocumentBalances()).map((d) => [d.docNo, d.open]));
  const settled = new Set<string>();
  for (const run of await ctx.ledger.listRuns())
    if (run.kind === "payment" && !run.revertedAt) for (const e of run.edited) settled.add(e.docNo);
  const invoices = new Map<string, PlanInvoice>();
  const versions = new Map<string, number>();
  // Read a page at a time: only the invoices of the file's orders are kept.
  await ctx.ledger.readInvoices((page) => {
    for (const invoice of page) {
      if (!wanted.has(invoice.orderId) || invoice.sourceKey !== orderSourceKey(shopId, invoice.orderId))
        continue;
      invoices.set(invoice.orderId, {
        docNo: invoice.docNo,
        orderId: invoice.orderId,
        total: invoice.total,
        outstanding: open.get(invoice.docNo) ?? invoice.total,
        lines: invoice.lines,
        settled: settled.has(invoice.docNo),
      });
      versions.set(invoice.docNo, invoice.version);
    }
  });
  const storedRows = (await ctx.ledger.listSourceRows()).map((r) => ({ key: r.key, runId: r.runId }));
  const feeItems = setup.feeItems;
  const returnsItem = feeItems?.returns ?? "TT-RETURN";
  // Returns credited by earlier runs are not credited again; nor, within this plan, by a second refund row.
  const credited = returns?.size
    ? creditedReturnIds((await ctx.ledger.listCreditNotesByOrder([...returns.keys()])).flat())
    : new Set<string>();
  const plan = buildPaymentPlan(
    { rows: file.rows, invoices, postedKeys: storedRows.map((r) => baseRowKey(r.key)) },
    {
      shopId,
      currency,
      feeMap: feeMapOf(setup),
      returnsItem,
      discountItem: setup.discountItem,
      revenueDifferenceItem: setup.discountItem,
      ...(returns
        ? {
            returnedLines: (row: SettlementRow) => {
              const invoice = invoices.get(row.id);
              const orderReturns = returns.get(row.id);
              if (!invoice || !orderReturns) return undefined;
              const lines = returnedGoodsLines(
                orderReturns,
                invoice.lines,
                sen(-row.refundSubtotalBeforeDiscounts),
                credited,
              );
              for (const id of lines?.flatMap((l) => l.returnIds ?? []) ?? []) credited.add(id);
              return lines;
            },
          }
        : {}),
    },
  );
  return {
    plan,
    versions,
    setup: {
      shopId,
      customerCode: setup.customerCode,
      paymentAccount: setup.paymentAccount,
      location: setup.location,
      currency,
    },
    storedRows,
  };
}

function brokenColumn(file: SettlementFile, row: SettlementRow): string {
  const sameFile = (p: SettlementFile["problems"][number]) =>
    p.file === undefined || row.file === undefined || p.file === row.file;
  const problem =
    file.problems.find(
      (p) => p.severity === "error" && p.line !== null && row.sourceLines.includes(p.line) && sameFile(p),
    ) ??
    // Bad settled dates are one problem for all their rows, at the first row.
    (row.settledDate === ""
      ? file.problems.find((p) => (p.code === "BAD_DATE" || p.code === "MISSING_DATE") && sameFile(p))
      : undefined);
  return problem?.column ?? "the row's amounts";
}

/** The sheet's rows: each plan row with its invoice, status and (once posted) its payment. */
async function sheetRows(
  ctx: AppContext,
  file: SettlementFile,
  planned: Planned,
): Promise<SettlementSheetRow[]> {
  const runOfKey = new Map<string, string[]>();
  const occurrence = (key: string) => Number(/#(\d+)$/.exec(key)?.[1] ?? 0);
  for (const { key, runId } of [...planned.storedRows].sort(
    (a, b) => occurrence(a.key) - occurrence(b.key),
  )) {
    const base = baseRowKey(key);
    runOfKey.set(base, [...(runOfKey.get(base) ?? []), runId]);
  }
  const paymentOf = new Map<string, string>();
  for (const doc of [...(await ctx.ledger.listPayments()), ...(await ctx.ledger.listRefunds())])
    if (doc.runId && doc.shopId === planned.setup.shopId)
      paymentOf.set(`${doc.runId}|${doc.date}`, doc.docNo);
  const seen = new Map<string, number>();
  return planned.plan.rows.map((p: PlannedRow) => {
    let status = "";
    let paymentNo: string | null = null;
    if (p.status === "Posted") {
      status = "Posted";
      const n = seen.get(p.key) ?? 0;
      seen.set(p.key, n + 1);
      const runId = runOfKey.get(p.key)?.[n];
      paymentNo = (runId && paymentOf.get(`${runId}|${p.row.settledDate}`)) || null;
    } else if (p.status === "Missing invoice") status = "Missing invoice";
    else if (p.status === "Broken") status = `Broken – ${brokenColumn(file, p.row)}`;
    return { row: p.row, invoiceNo: p.invoiceNo, status, paymentNo };
  });
}

function firstError(problems: { severity: string; message: string }[]): string | undefined {
  return problems.find((p) => p.severity === "error")?.message;
}

/**
 * An invoice a date would knock off by less than nothing: an order whose fees exceed what TikTok paid
 * for it. Its invoice would fall below zero, which the books refuse, so Post is blocked up front.
 */
function negativeSettlement(plan: PaymentPlan, digits: number): string | undefined {
  for (const date of plan.dates) {
    const byInvoice = new Map<string, number>();
    for (const k of date.payment.knockOffs)
      if (k.docNo) byInvoice.set(k.docNo, (byInvoice.get(k.docNo) ?? 0) + k.amount);
    for (const [docNo, amount] of byInvoice) {
      if (amount >= 0) continue;
      const orderId = date.invoiceEdits.find((e) => e.docNo === docNo)?.orderId ?? "";
      return `Order ${orderId} (invoice ${docNo}) settled on ${date.settledDate} at ${formatMoney(sen(amount), digits)}: its fees exceed its revenue, and an invoice cannot go below zero. Post is blocked: check the order in Seller Center and book it by hand.`;
    }
  }
  return undefined;
}

/** Re-plans the view's file against the ledger, rewrites the sheet and remembers the view. */
async function refreshView(
  ctx: AppContext,
  shopId: string,
  file: SettlementFile,
  extra: CarriedFromLoad = {},
): Promise<SettlementView> {
  const planned = await planFor(ctx, shopId, file, extra.returns);
  const { plan } = planned;
  const missingOrderIds = [
    ...new Set(plan.rows.filter((r) => r.status === "Missing invoice").map((r) => r.row.id)),
  ];
  const brokenRows = plan.rows.filter((r) => r.status === "Broken").length;
  const rowsAlreadyPosted = plan.rows.filter((r) => r.status === "Posted").length;
  const rowsToPost = plan.dates.reduce((n, d) => n + d.rowKeys.length, 0);
  const negative = negativeSettlement(plan, minorDigits(file.currency ?? planned.setup.currency));
  const canPost =
    file.accepted &&
    missingOrderIds.length === 0 &&
    brokenRows === 0 &&
    !plan.blocked &&
    !negative &&
    plan.dates.length > 0;

  let message: string | undefined;
  if (missingOrderIds.length > 0) {
    message = ORDERS_NOT_SYNCED_MESSAGE;
    const failures = extra.syncFailures ?? [];
    if (failures.length > 0)
      message += ` ${counted(failures.length, "order")} could not be posted: order ${failures[0].orderId} – ${failures[0].reason}`;
  } else if (!file.accepted) message = firstError(file.problems);
  else if (plan.blocked) message = firstError(plan.problems);
  else if (negative) message = negative;
  else if (plan.dates.length === 0)
    message =
      file.rows.length === 0
        ? "The file has no settlement rows: export Settled records for a period with settlements."
        : "Every row of this file was posted before (they show Posted): there is nothing new to post.";

  const digits = minorDigits(file.currency ?? planned.setup.currency);
  await ctx.workbook.writeTable(
    SETTLEMENT_SHEET,
    settlementTable(await sheetRows(ctx, file, planned), digits),
    {
      links: { "Payment No": { sheet: CUSTOMER_PAYMENTS_SHEET, keyColumn: "Doc No" } },
    },
  );
  const view: SettlementView = {
    shopId,
    file,
    plan,
    missingOrderIds,
    brokenRows,
    waterfall: plan.waterfall,
    canPost,
    ...(message ? { message } : {}),
    rowsAlreadyPosted,
    rowsToPost,
    ...(extra.syncFailures?.length ? { syncFailures: extra.syncFailures } : {}),
    ...carried(extra),
  };
  lastView = view;
  return view;
}

/**
 * Load CSV: reads the files (in slices, yielding to the pane), plans them against the ledger and writes
 * the "TikTok Settlement" sheet. Several files are read as one; a row in more than one counts once.
 */
export async function loadSettlement(
  ctx: AppContext,
  files: { name: string; bytes: Uint8Array }[],
  shopId?: string,
  onProgress?: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<SettlementView> {
  if (files.length === 0) throw new FlowError("Choose the settlement CSV exported from Seller Center.");
  const store = await requireStore(ctx, shopId);
  const setup = await ctx.ledger.getStoreSetup(store.shopId);
  const currency = await storeCurrency(ctx);
  const read: SettlementFile[] = [];
  for (const [i, f] of files.entries()) {
    const text = decodeSettlementBytes(f.bytes);
    read.push(
      await importSettlement(text, {
        file: f.name,
        currency,
        feeMap: feeMapOf(setup),
        yieldToUi,
        onProgress: (p) => onProgress?.((i + p.fraction) / files.length),
      }),
    );
  }
  onProgress?.(1);
  const file = unionSettlementFiles(read);
  const view = await refreshView(ctx, store.shopId, file, await readReturns(ctx, store, file, signal));
  await ctx.workbook.activate(SETTLEMENT_SHEET);
  return view;
}

const DETAIL_BATCH = 50;

/**
 * TikTok's returns of the orders the file refunds, so that their credit notes name the returned items
 * (WORKED-EXAMPLE §5). Best effort: without them the returned goods go to the generic returns item.
 */
async function readReturns(
  ctx: AppContext,
  store: LinkedStore,
  file: SettlementFile,
  signal?: AbortSignal,
): Promise<CarriedFromLoad> {
  const posted = new Set((await ctx.ledger.listSourceRows()).map((r) => baseRowKey(r.key)));
  const refunds = file.rows.filter((r) => r.kind === "refund" && !posted.has(postedRowKey(store.shopId, r)));
  const orderIds = [...new Set(refunds.map((r) => r.id))];
  if (orderIds.length === 0) return {};
  const generic = "Returned goods of the refunds are booked to the generic returns item";
  if (store.status === "Relink needed")
    return {
      returnsNote: `${generic}: Relink ${store.description || store.shopName} on the Link tab, then Load CSV again before you Post, to name the returned items.`,
    };
  const { client, auth } = clientForStore(ctx, store, { maxAttempts: 3 });
  const returns = new Map<string, ReturnOrder[]>();
  let read = 0;
  try {
    for (; read < orderIds.length; read += AFTER_SALES_PAGE_SIZE) {
      const batch = orderIds.slice(read, read + AFTER_SALES_PAGE_SIZE);
      for (const r of await client.searchReturns(auth, { orderIds: batch }, signal)) {
        const ofOrder = returns.get(r.order_id);
        if (ofOrder) ofOrder.push(r);
        else returns.set(r.order_id, [r]);
      }
    }
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    const why = error instanceof Error ? error.message : String(error);
    const which = read === 0 ? "" : ` for ${orderIds.length - read} of ${counted(orderIds.length, "refunded order")}`;
    return {
      returns,
      returnsNote: `${generic}${which}: TikTok's returns could not be read (${why}). Load CSV again before you Post, once TikTok can be reached, to name the returned items.`,
    };
  }
  return { returns };
}

/**
 * The one-step fix: fetches exactly the orders the file settles that have no invoice, saves and posts
 * them (whatever their status: TikTok settled them), then checks the file again.
 */
export async function syncMissingOrders(
  ctx: AppContext,
  view: SettlementView,
  signal?: AbortSignal,
): Promise<SettlementView> {
  const ids = view.missingOrderIds;
  if (ids.length === 0) return refreshView(ctx, view.shopId, view.file, carried(view));
  const store = await requireStore(ctx, view.shopId);
  const { client, auth } = clientForStore(ctx, store);
  const fetched = new Set<string>();
  for (let start = 0; start < ids.length; start += DETAIL_BATCH) {
    if (signal?.aborted) break;
    const orders = await client.getOrders(auth, ids.slice(start, start + DETAIL_BATCH), signal);
    await ctx.ledger.saveFetchedOrders(store.shopId, orders);
    for (const order of orders) fetched.add(order.id);
  }
  const failures: { orderId: string; reason: string }[] = [];
  const posted: PostOrderResult[] = [];
  let runId: string | undefined;
  for (const orderId of ids) {
    if (signal?.aborted) break;
    if (!fetched.has(orderId)) {
      failures.push({
        orderId,
        reason: `TikTok did not return it for store ${store.shopName || store.shopId}: check the file is this store's export.`,
      });
      continue;
    }
    runId ??= (
      await ctx.ledger.beginRun({
        kind: "orders",
        shopId: store.shopId,
        description: `Orders settled in ${view.file.file}`,
      })
    ).runId;
    const result = await ctx.ledger.postOrder(store.shopId, orderId, { runId });
    posted.push(result);
    if (result.status === "Failed") failures.push({ orderId, reason: syncFailureReason(result) });
  }
  if (posted.some((r) => r.status !== "Failed")) await writeBooks(ctx);
  return refreshView(ctx, view.shopId, view.file, { ...carried(view), syncFailures: failures });
}

function syncFailureReason(result: PostOrderResult): string {
  const problem = result.problems[0];
  if (result.reason === "Missing Item Code" && problem?.skuId)
    return `SKU ${problem.skuId}${problem.sellerSku ? ` (${problem.sellerSku})` : ""} has no item code: map it on the Products tab (Fetch, tick, Post; or create missing stock items), then fetch and post these orders again.`;
  return problem?.message ?? result.reason ?? "not posted";
}

function describeFailure(error: unknown, settledDate: string): string {
  if (error instanceof LedgerInputError) {
    if (error.code === "ROW_POSTED")
      return `a row of ${settledDate} was posted meanwhile by another run. Load the file again: posted rows show Posted.`;
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Post: "Posting Payment / Editing Invoice for TikTok Fees". Plans the file again against the ledger as
 * it is now (rows posted meanwhile are left out), then posts each settled date as one transaction under
 * one run. A date that fails stops the run; the dates before it stay posted and can be reverted together.
 */
export async function postPayments(
  ctx: AppContext,
  view: SettlementView,
  onProgress?: (done: number, total: number) => void,
): Promise<PaymentRunResult> {
  if (!view.canPost) throw new FlowError(view.message ?? "This settlement file cannot be posted.");
  // The plan posted is gone by the time the sheets are rewritten: it is as large as the file.
  const posting = await postPlan(ctx, view, onProgress);
  await refreshView(ctx, view.shopId, view.file, carried(view));
  if (posting.kind === "blocked") throw new FlowError(posting.message);
  if (posting.kind === "nothing")
    return { runId: "", dates: [], rowsPosted: 0, rowsAlreadyPosted: posting.rowsAlreadyPosted };
  if (posting.result.dates.length > 0) await writeBooks(ctx);
  if (posting.thrown) throw posting.error;
  if (posting.failure) throw new FlowError(posting.failure);
  return posting.result;
}

type Posting =
  | { kind: "blocked"; message: string }
  | { kind: "nothing"; rowsAlreadyPosted: number }
  | { kind: "posted"; result: PaymentRunResult; failure?: string; thrown: boolean; error?: unknown };

/**
 * Plans and posts the dates. What goes wrong once the run has begun is handed back, to be raised after the
 * sheets are rewritten; a failure before (planning, beginning the run) is raised at once.
 */
async function postPlan(
  ctx: AppContext,
  view: SettlementView,
  onProgress?: (done: number, total: number) => void,
): Promise<Posting> {
  const planned = await planFor(ctx, view.shopId, view.file, view.returns);
  const { plan } = planned;
  const rowsAlreadyPosted = plan.rows.filter((r) => r.status === "Posted").length;
  if (plan.blocked)
    return { kind: "blocked", message: firstError(plan.problems) ?? "This settlement file cannot be posted." };
  if (plan.dates.length === 0) return { kind: "nothing", rowsAlreadyPosted };
  const digits = minorDigits(view.file.currency ?? planned.setup.currency);
  const run = await ctx.ledger.beginRun({
    kind: "payment",
    shopId: view.shopId,
    description: `TikTok settlement ${view.file.file}`,
  });
  const storedRows = new Set(planned.storedRows.map((r) => r.key));
  const dates: PaymentRunDate[] = [];
  let rowsPosted = 0;
  let failure: string | undefined;
  const result = () => ({ runId: run.runId, dates, rowsPosted, rowsAlreadyPosted });
  try {
    for (const date of plan.dates) {
      try {
        const posted = await applyPaymentDate(ctx.ledger, run.runId, date, planned.setup, {
          planVersions: planned.versions,
          storedRows,
        });
        dates.push({
          settledDate: posted.settledDate,
          ...(posted.paymentNo ? { paymentNo: posted.paymentNo } : {}),
          ...(posted.refundNo ? { refundNo: posted.refundNo } : {}),
          invoicesEdited: posted.invoicesEdited.length,
          creditNotes: posted.creditNotes.length,
          creditNoteNos: posted.creditNotes,
          ...(posted.adjustmentDoc ? { adjustmentDoc: posted.adjustmentDoc } : {}),
          amount: formatMoney(posted.amount, digits),
        });
        rowsPosted += posted.sourceRows.length;
      } catch (error) {
        if (!(error instanceof LedgerInputError)) throw error;
        failure =
          `Posted ${dates.length} of ${counted(plan.dates.length, "settled date")} (run ${run.runId}); ` +
          `${date.settledDate} and the dates after it were not posted: ${describeFailure(error, date.settledDate)}`;
        break;
      }
      onProgress?.(dates.length, plan.dates.length);
    }
  } catch (error) {
    return { kind: "posted", result: result(), thrown: true, error };
  }
  return { kind: "posted", result: result(), thrown: false, ...(failure ? { failure } : {}) };
}

/** How many settled dates of a run got a customer payment, and how many a refund. */
function paymentsAndRefunds(result: PaymentRunResult): { payments: number; refunds: number } {
  return {
    payments: result.dates.filter((d) => d.paymentNo).length,
    refunds: result.dates.filter((d) => d.refundNo).length,
  };
}

/** One line for the pane or the ribbon after Post. */
export function describePaymentRun(result: PaymentRunResult): string {
  if (result.dates.length === 0)
    return result.rowsAlreadyPosted === 1
      ? "Nothing to post: the file's 1 row was posted before."
      : `Nothing to post: all ${result.rowsAlreadyPosted} rows of the file were posted before.`;
  const { payments, refunds } = paymentsAndRefunds(result);
  const edited = result.dates.reduce((n, d) => n + d.invoicesEdited, 0);
  const parts = [
    counted(payments, "payment"),
    ...(refunds ? [counted(refunds, "refund")] : []),
    `${counted(edited, "invoice")} edited for TikTok fees`,
  ];
  const already = result.rowsAlreadyPosted ? `, ${result.rowsAlreadyPosted} already Posted` : "";
  return `Posting Payment done (${result.runId}): ${counted(result.rowsPosted, "row")} posted${already}; ${parts.join(", ")}.`;
}

/** The Payment tab's line after its Post. */
export function describePostNotice(result: PaymentRunResult): string {
  const { payments, refunds } = paymentsAndRefunds(result);
  return (
    `Posting done: ${counted(result.rowsPosted, "row")} posted, ${result.rowsAlreadyPosted} already Posted; ` +
    counted(payments, "customer payment") +
    (refunds ? `, ${counted(refunds, "customer refund")}.` : ".")
  );
}

/** The Payment tab's line after Load CSV. */
export function describeLoad(view: SettlementView, names: string[]): string {
  const files = names.join(", ");
  if (!view.file.accepted) return `${files} cannot be posted: see the problems below.`;
  const { counts } = view.file;
  const rows =
    `${counted(counts.order, "order row")}, ${counted(counts.refund, "refund row")} and ` +
    counted(counts.adjustment, "adjustment row");
  return `Loaded ${files}: ${rows}${postedBefore(view.rowsAlreadyPosted, view.rowsToPost)}`;
}

/** The end of the Load CSV line: what of the file was posted before. */
function postedBefore(before: number, toPost: number): string {
  if (before === 0) return ".";
  if (toPost > 0) return `; ${counted(before, "row")} ${before === 1 ? "was" : "were"} posted before and will be left alone.`;
  return before === 1
    ? "; it was posted before, so there is nothing to post."
    : `; all ${before} were posted before, so there is nothing to post.`;
}

/** The gate's line under the red message: how many orders of the file have no invoice. */
export function describeMissingOrders(missing: number): string {
  return `${counted(missing, "order")} in the file ${missing === 1 ? "has" : "have"} no invoice (empty Invoice No in “TikTok Settlement”).`;
}

/** The gate's one-step fix. */
export function syncButtonLabel(missing: number): string {
  return missing === 1 ? "Fetch and post this order" : `Fetch and post these ${missing} orders`;
}

/** After the one-step fix. */
export function describeSync(view: SettlementView): string {
  const missing = view.missingOrderIds.length;
  return missing
    ? `${counted(missing, "order")} still ${missing === 1 ? "has" : "have"} no invoice: see Status in “TikTok Settlement”.`
    : "Every order row now has an invoice. Check the payout and press Post.";
}

/** Under the waterfall, while rows break their settlement identity. */
export function describeBrokenRows(broken: number): string {
  return `${counted(broken, "row")} ${broken === 1 ? "breaks its" : "break their"} settlement identity: Post stays blocked. Re-download the file from Seller Center.`;
}

function listed(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

/** What Revert undoes, asked before it does. */
export function describeRevertQuestion(run: PaymentRunSummary): { title: string; text: string } {
  const { payments, refunds, creditNotes, invoices } = run.created;
  const created = [
    ...(payments ? [counted(payments, "customer payment")] : []),
    ...(refunds ? [counted(refunds, "customer refund")] : []),
    ...(creditNotes ? [counted(creditNotes, "credit note")] : []),
    ...(invoices ? [counted(invoices, "adjustment invoice")] : []),
  ];
  const undone = [
    ...(created.length ? [`deletes the ${listed(created)} it created`] : []),
    ...(run.invoicesEdited
      ? [`puts the ${counted(run.invoicesEdited, "invoice")} it edited back as ${run.invoicesEdited === 1 ? "it was" : "they were"} (without its TikTok fee lines)`]
      : []),
  ];
  const days = run.dates;
  const which =
    days.length > 3 ? `its ${days.length} settled dates (${days[0]} to ${days.at(-1)})` : listed(days);
  const dates = days.length ? ` The settlement rows of ${which} can then be posted again.` : "";
  return {
    title: `Revert the payment run of ${runTime(run.createdAt)}?`,
    text: `This ${undone.length ? listed(undone) : "undoes the run"}.${dates}`,
  };
}

/** After Revert. */
export function describeReverted(run: PaymentRunSummary): string {
  return `Reverted the payment run of ${runTime(run.createdAt)}: its documents are gone and its invoices are back as they were.`;
}

/** Undoes a payment run: its invoices go back to their earlier version, what it created goes, its rows are free. */
export async function revertPaymentRun(ctx: AppContext, runId: string): Promise<void> {
  const run = await ctx.ledger.getRun(runId);
  if (!run || run.kind !== "payment")
    throw new FlowError(`There is no payment run ${runId}: pick one from the list of payment runs.`);
  try {
    await ctx.ledger.revertRun(runId);
  } catch (error) {
    if (error instanceof LedgerInputError) throw new FlowError(error.message);
    throw error;
  }
  await writeBooks(ctx);
  await refreshLastSettlement(ctx);
}

/**
 * The settlement last loaded, planned again against the ledger as it is now (after a revert or a restore)
 * and its sheet rewritten; nothing when no settlement is shown.
 */
export async function refreshLastSettlement(ctx: AppContext): Promise<SettlementView | undefined> {
  if (!lastView || !(await ctx.workbook.readTable(SETTLEMENT_SHEET))) return undefined;
  return refreshView(ctx, lastView.shopId, lastView.file, carried(lastView));
}

/** Payment runs that posted something, newest first. */
export async function listPaymentRuns(ctx: AppContext): Promise<PaymentRunSummary[]> {
  return (await ctx.ledger.listRuns())
    .filter((run) => run.kind === "payment" && (run.sourceRows.length > 0 || run.created.length > 0))
    .sort((a, b) => (a.runId < b.runId ? 1 : -1))
    .map((run) => {
      const made = (kind: string) => run.created.filter((d) => d.kind === kind).length;
      return {
        runId: run.runId,
        createdAt: run.startedAt,
        description: run.description,
        dates: settledDatesOfRows(run.sourceRows),
        reverted: !!run.revertedAt,
        created: {
          payments: made("payment"),
          refunds: made("refund"),
          creditNotes: made("creditNote"),
          invoices: made("invoice"),
        },
        invoicesEdited: new Set(run.edited.map((e) => e.docNo)).size,
      };
    });
}
