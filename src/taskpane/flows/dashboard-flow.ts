/**
 * The Dashboard sheet: figures from the books (pure, in core/dashboard) drawn by the workbook — Excel
 * charts inside Excel, SVG in the preview.
 */
import { businessDate } from "../../core/dates/business-date";
import {
  DASHBOARD_SHEET,
  dashboardFigures,
  dashboardSheet,
  type DashboardFigures,
} from "../../core/dashboard/dashboard";
import { cancellationSourceKey } from "../../core/posting/types";
import { defaultStoreSetup, feeMapOf } from "../../ledger";
import type { AppContext } from "./context";

/** Item code → fee bucket, from every linked store's fee items (and the defaults). */
async function feeItemBuckets(ctx: AppContext): Promise<Record<string, string>> {
  const buckets: Record<string, string> = {};
  const setups = [defaultStoreSetup()];
  for (const store of await ctx.ledger.listLinkedStores())
    setups.push(await ctx.ledger.getStoreSetup(store.shopId));
  for (const setup of setups) {
    for (const [bucket, itemCode] of Object.entries(feeMapOf(setup).items)) buckets[itemCode] ??= bucket;
  }
  return buckets;
}

export async function computeDashboard(ctx: AppContext, days = 30): Promise<DashboardFigures> {
  const [invoices, creditNotes, fetched, payments, refunds, knockOffs, feeItems, accounts] = await Promise.all([
    ctx.ledger.listInvoices(),
    ctx.ledger.listCreditNotes(),
    ctx.ledger.listFetchedOrders(),
    ctx.ledger.listPayments(),
    ctx.ledger.listRefunds(),
    ctx.ledger.listKnockOffs(),
    feeItemBuckets(ctx),
    ctx.ledger.listAccounts(),
  ]);
  // Settled: a payment, or a settlement's credit note, closed it.
  const settledDocNos = new Set(knockOffs.filter((k) => (k.payerKind ?? "payment") !== "refund").map((k) => k.docNo));
  return dashboardFigures({
    asOf: businessDate(ctx.now()),
    days,
    invoices,
    creditNotes: creditNotes.map((note) => ({
      ...note,
      reversal: note.sourceKey === cancellationSourceKey(note.shopId, note.orderId),
    })),
    salesAccounts: new Set(accounts.filter((a) => a.type === "income").map((a) => a.code)),
    orders: fetched.map((f) => f.order),
    settledDocNos,
    payments: payments.map((p) => ({ date: p.date, amount: p.amount })),
    refunds: refunds.map((r) => ({ date: r.date, amount: r.amount })),
    feeItems,
  });
}

/** Writes the Dashboard sheet and brings it to the front. */
export async function writeDashboard(ctx: AppContext, days = 30): Promise<DashboardFigures> {
  const figures = await computeDashboard(ctx, days);
  await ctx.workbook.writeChartSheet(DASHBOARD_SHEET, dashboardSheet(figures));
  await ctx.workbook.activate(DASHBOARD_SHEET);
  return figures;
}
