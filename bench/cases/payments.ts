/**
 * Post payments: the generated settlement file's rows posted as payments through the Payment tab's flow
 * (loadSettlement, then postPayments) on a memory workbook and a ledger on fake-indexeddb. The orders the
 * file settles are posted as invoices first (ledger.postOrders). Reports time per phase, the documents
 * created, and peak memory. Runs in a child process of its own (bench/child.ts).
 */
import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { createMemoryWorkbook } from "../../src/excel/memory-workbook";
import { loadSettlement, postPayments } from "../../src/taskpane/flows/payment-flow";
import { generateSettlement } from "../settlement-data";
import { readyLedger } from "../post-orders-core";
import { collectGarbage, currentRssMb, maxRssMb, peakRssMb, resetPeakRss, round, type BenchResult } from "../measure";

const SHOP_ID = "7494000000000000001";

export async function runPaymentsCase(params: Record<string, unknown>): Promise<BenchResult> {
  const rows = Number(params.rows ?? 100_000);
  const log = (line: string) => process.stderr.write(`    payments ${rows}: ${line}\n`);
  const generated = generateSettlement({ rows });
  const bytes = new TextEncoder().encode(generated.text);
  const orders = generated.orders;

  let start = performance.now();
  const ledger = await readyLedger(new IDBFactory(), "bench-payments", SHOP_ID, orders);
  await ledger.saveLinkedStore({
    shopId: SHOP_ID,
    description: "Bench store",
    platform: "TikTok Shop",
    region: "MY",
    shopName: "Bench store",
    shopCipher: "bench",
    sellerName: "Bench",
    accessToken: "bench",
    accessTokenExpiresAt: 0,
    refreshToken: "bench",
    refreshTokenExpiresAt: 0,
    linkedAt: "2026-04-01T00:00:00.000Z",
    status: "Linked",
  });
  const saveMs = performance.now() - start;
  log(`${orders.length} orders saved in ${Math.round(saveMs)} ms`);

  start = performance.now();
  const posted = await ledger.postOrders(SHOP_ID, orders.map((o) => ({ orderId: o.id })));
  const invoicesMs = performance.now() - start;
  const invoices = posted.filter((r) => r.status === "Success").length;
  if (invoices !== orders.length) throw new Error(`Only ${invoices} of ${orders.length} orders were posted as invoices.`);
  log(`${invoices} invoices in ${Math.round(invoicesMs)} ms`);

  collectGarbage();
  const rssBefore = currentRssMb();
  const peakReset = resetPeakRss();
  const ctx = { ledger, workbook: createMemoryWorkbook(), linkBaseUrl: "", inExcel: false, now: () => 1_775_000_000 };
  start = performance.now();
  const view = await loadSettlement(ctx, [{ name: "bench-settlement.csv", bytes }], SHOP_ID);
  const loadMs = performance.now() - start;
  if (!view.canPost) throw new Error(`The generated file cannot be posted: ${view.message}`);
  log(`loaded in ${Math.round(loadMs)} ms, ${view.rowsToPost} rows to post`);

  start = performance.now();
  const run = await postPayments(ctx, view);
  const postMs = performance.now() - start;
  const peakDuringPayments = peakReset ? peakRssMb() : NaN;
  log(`posted in ${Math.round(postMs)} ms`);

  const payments = await ledger.listPayments();
  const refunds = await ledger.listRefunds();
  const creditNotes = await ledger.listCreditNotes();
  const knockOffs = await ledger.listKnockOffs();
  const edited = run.dates.reduce((n, d) => n + d.invoicesEdited, 0);
  const paid = new Map<string, number>();
  for (const p of payments) paid.set(p.date, (paid.get(p.date) ?? 0) + p.amount);
  for (const r of refunds) paid.set(r.date, (paid.get(r.date) ?? 0) - r.amount);
  const payoutsMatchFile = Object.entries(generated.totals).every(([date, total]) => paid.get(date) === total);
  const trial = (await ledger.trialBalance()).reduce((a, l) => a + l.debit - l.credit, 0);
  ledger.close();

  const seconds = (loadMs + postMs) / 1000;
  return {
    case: "post-payments",
    figure: `seconds to Load CSV and Post ${rows.toLocaleString("en")} settlement rows`,
    value: round(seconds, 1),
    target: "every row posted, every payout as the file says, books balanced",
    met: run.rowsPosted === rows && payoutsMatchFile && trial === 0,
    details: {
      rows,
      rowsPosted: run.rowsPosted,
      rowsPerSecond: round(run.rowsPosted / seconds, 1),
      settledDates: run.dates.length,
      documentsCreated: { payments: payments.length, refunds: refunds.length, creditNotes: creditNotes.length },
      invoicesEdited: edited,
      knockOffs: knockOffs.length,
      payoutsMatchFile,
      trialBalanceDifferenceSen: trial,
      loadCsvMs: round(loadMs),
      postMs: round(postMs),
      invoicesFirst: { orders: orders.length, postOrdersMs: round(invoicesMs), saveFetchedMs: round(saveMs) },
      rssBeforeLoadMb: rssBefore,
      peakRssLoadAndPostMb: peakDuringPayments,
      processPeakRssMb: maxRssMb(),
    },
  };
}
