/**
 * @jest-environment node
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { formatMoney } from "../../src/core/money/money";
import { DEMO_BOOK_SHEETS, runDemo, runDemoCommand, type DemoOutcome } from "../../src/cli/demo-command";
import { UsageError } from "../../src/cli/args";
import { createMemoryWorkbook } from "../../src/excel/memory-workbook";
import { writeBooks } from "../../src/taskpane/flows/books-flow";
import { loadSettlement, postPayments, revertPaymentRun } from "../../src/taskpane/flows/payment-flow";

/** Two backups hold the same books, apart from the runs and counters a revert keeps. */
function books(backup: string): string {
  const { stores } = JSON.parse(backup) as { stores: Record<string, unknown> };
  const { runs: _r, counters: _c, ...rest } = stores;
  return JSON.stringify(rest);
}

describe("after a demo of 300 orders", () => {
  let demo: DemoOutcome;
  const logged: string[] = [];
  beforeAll(async () => {
    demo = await runDemo({ orders: 300, seed: 3, keepBackup: true, log: (line) => logged.push(line) });
  });
  afterAll(() => demo?.ledger.close());

  test("the summary reconciles: every settled order paid, trial balance 0.00, payouts as the file says", () => {
    expect(demo.summary).toEqual({
      orders: 300,
      invoices: 243,
      creditNotes: 13,
      payments: 24,
      refunds: 0,
      settledOrders: 206,
      outstandingOnSettledOrders: "0.00",
      trialBalance: "0.00",
      payoutsMatchFile: true,
      settledDates: 24,
      settlementRows: 222,
    });
  });

  test("the fetch line says the period is fixed, and how to move it", () => {
    expect(logged).toContain(
      "Fetching the orders of 2026-03-02 to 2026-03-31 (a fixed period, so the same seed gives the same books; " +
        "--end moves it) and posting those whose status posts…",
    );
  });

  test("every settled order's invoice has 0.00 outstanding", async () => {
    const settled = [...new Set(demo.view.file.rows.filter((r) => r.kind === "order").map((r) => r.id))];
    expect(settled).toHaveLength(206);
    for (const orderId of settled) {
      const invoice = await demo.ledger.getInvoiceByOrder(orderId);
      expect([orderId, invoice && formatMoney((await demo.ledger.outstanding(invoice.docNo))!)]).toEqual([
        orderId,
        "0.00",
      ]);
    }
  });

  test("Σ payments per settled date equals the file's total per date", async () => {
    const paid: Record<string, string> = {};
    for (const p of await demo.ledger.listPayments()) paid[p.date] = formatMoney(p.amount);
    for (const r of await demo.ledger.listRefunds()) paid[r.date] = formatMoney(-r.amount as never);
    const totals = Object.fromEntries(
      Object.entries(demo.view.file.totalsBySettledDate).map(([date, total]) => [date, formatMoney(total)]),
    );
    expect(paid).toEqual(totals);
    expect(demo.run.dates.map((d) => d.settledDate)).toEqual(Object.keys(totals).sort());
  });

  test("importing the same file again posts nothing", async () => {
    const payments = (await demo.ledger.listPayments()).length;
    const view = await loadSettlement(demo.ctx, [demo.settlement]);
    expect([view.canPost, view.rowsToPost, view.rowsAlreadyPosted]).toEqual([false, 0, 222]);
    expect(new Set(demo.ctx.workbook.sheets.get("TikTok Settlement")!.rows.map((r) => r[9]))).toEqual(
      new Set(["Posted"]),
    );
    await expect(postPayments(demo.ctx, view)).rejects.toThrow("Every row of this file was posted before");
    expect((await demo.ledger.listPayments()).length).toBe(payments);
  });

  test("reverting the run returns the ledger to its state before the run, and the file posts again", async () => {
    await revertPaymentRun(demo.ctx, demo.run.runId);
    expect(books(await demo.ledger.backup())).toBe(books(demo.backupBeforePayments!));
    const view = await loadSettlement(demo.ctx, [demo.settlement]);
    expect([view.canPost, view.rowsToPost]).toEqual([true, 222]);
    const again = await postPayments(demo.ctx, view);
    expect(again.dates.map((d) => d.amount)).toEqual(demo.run.dates.map((d) => d.amount));
    expect(again.dates[0].paymentNo).toBe("OR-00025");
  });
});

describe("shopbooks demo on the command line", () => {
  test("--json prints the reconciliation and --xlsx writes the books", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shopbooks-demo-"));
    try {
      const printed: string[] = [];
      const file = join(dir, "books.xlsx");
      await runDemoCommand(["--orders", "60", "--seed", "2", "--json", "--xlsx", file], {
        print: (line) => printed.push(line),
      });
      expect(printed).toHaveLength(1);
      const summary = JSON.parse(printed[0]);
      expect(Object.keys(summary)).toEqual([
        "orders",
        "invoices",
        "creditNotes",
        "payments",
        "refunds",
        "settledOrders",
        "outstandingOnSettledOrders",
        "trialBalance",
        "payoutsMatchFile",
      ]);
      expect([
        summary.orders,
        summary.outstandingOnSettledOrders,
        summary.trialBalance,
        summary.payoutsMatchFile,
      ]).toEqual([60, "0.00", "0.00", true]);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
      expect(book.worksheets.map((s) => s.name)).toEqual(DEMO_BOOK_SHEETS);
      const trial = book.getWorksheet("Trial Balance")!;
      const last = trial.getRow(trial.rowCount);
      expect([last.getCell(1).value, last.getCell(4).value]).toEqual(["Total", last.getCell(5).value]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("without --xlsx the workbook keeps only the sheets the flows read back", async () => {
    const demo = await runDemo({ orders: 40, seed: 2, keepBookSheets: false });
    try {
      expect([...demo.ctx.workbook.sheets.keys()]).toEqual([
        "TikTok Products",
        "TikTok Orders",
        "TikTok Order Lines",
        "TikTok Settlement",
      ]);
      expect([demo.summary.outstandingOnSettledOrders, demo.summary.trialBalance]).toEqual(["0.00", "0.00"]);
      // Forgotten sheets are not built, yet their counts are the same as where the sheets are kept.
      const kept = { ...demo.ctx, workbook: createMemoryWorkbook() };
      const counted = await writeBooks(demo.ctx);
      expect(counted).toEqual(await writeBooks(kept));
      expect(counted.invoices).toBe(kept.workbook.sheets.get("Sales Invoices")?.rows.length);
      expect(counted.creditNotes).toBe(kept.workbook.sheets.get("Credit Notes")?.rows.length);
      expect(demo.ctx.workbook.sheets.has("Sales Invoices")).toBe(false);
    } finally {
      demo.ledger.close();
    }
  });

  test("a bad option says how to use the command", async () => {
    await expect(runDemoCommand(["--orderz", "5"], { print: () => undefined })).rejects.toThrow(UsageError);
    await expect(runDemoCommand(["--orders", "many"], { print: () => undefined })).rejects.toThrow(
      "--orders takes a whole number",
    );
  });
});
