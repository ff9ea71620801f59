/**
 * `shopbooks demo`: the whole main job in one process, through the pane's own flows on an in-memory
 * workbook and a ledger on fake-indexeddb: sandbox + link service, link, fetch products and create
 * missing stock items, fetch and post orders, export the sandbox's settlement file, load it, sync any
 * order it settles without an invoice, post payments, and check that the books reconcile to the sen.
 */
import "fake-indexeddb/auto";
import { writeFile } from "node:fs/promises";
import { IDBFactory } from "fake-indexeddb";
import { addDays, businessDate, dayStartEpoch, isBusinessDate } from "../core/dates/business-date";
import { formatMoney, minorDigits, sen } from "../core/money/money";
import { SETTLEMENT_SHEET } from "../core/sheets/payment-sheets";
import { createMemoryWorkbook, type MemoryWorkbook } from "../excel/memory-workbook";
import type { WorkbookSnapshot } from "../excel/workbook";
import { writeWorkbookXlsx } from "../excel/xlsx-export";
import { openLedger, type Ledger } from "../ledger";
import { BOOK_SHEETS } from "../taskpane/flows/books-flow";
import type { AppContext } from "../taskpane/flows/context";
import { saveAuthorizedStores } from "../taskpane/flows/link-flow";
import { sandboxSellerToken } from "../sandbox/seller-token";
import { postOrders, refreshOrders } from "../taskpane/flows/orders-flow";
import {
  loadSettlement,
  postPayments,
  syncMissingOrders,
  type PaymentRunResult,
  type SettlementView,
} from "../taskpane/flows/payment-flow";
import { fetchProducts, postProductMappings } from "../taskpane/flows/products-flow";
import { intOption, parseArgs, stringOption, UsageError } from "./args";
import { startServices } from "./services";

const USAGE = `Usage: shopbooks demo [--orders N] [--seed S] [--days D] [--end YYYY-MM-DD] [--xlsx FILE] [--json]

Runs the whole job against a sandbox started in this process, with the ledger in memory: link a store,
fetch products (creating stock items for unmapped seller SKUs), fetch and post the orders of the period,
export the sandbox's settlement file, load it, post payments, and check that the books reconcile.
  --orders N   orders in the sandbox shop (default 200)
  --seed S     sandbox seed (default 1): the same seed gives the same books
  --days D     days of orders, ending on --end (default 30)
  --end DATE   last order date, Kuala Lumpur (default 2026-03-31, a fixed date whatever today is,
               so a seed's books are the same on every run)
  --xlsx FILE  write the books (invoices, payments, trial balance, settlement) to an Excel workbook
  --json       print the summary as one JSON object`;

/** Why the demo's period is not the last 30 days: a default end date keeps a seed's books the same. */
const FIXED_PERIOD_NOTE = "a fixed period, so the same seed gives the same books; --end moves it";

export interface DemoOptions {
  orders?: number;
  seed?: number;
  days?: number;
  endDate?: string;
  /**
   * Keep the book sheets the flows write (default true). Without them the workbook holds only what the
   * flows read back: the order sheets and the settlement.
   */
  keepBookSheets?: boolean;
  /** Keep a backup of the ledger taken just before the payments were posted. */
  keepBackup?: boolean;
  /** Progress lines (what is being done). */
  log?: (line: string) => void;
}

export interface DemoSummary {
  orders: number;
  invoices: number;
  creditNotes: number;
  payments: number;
  refunds: number;
  settledOrders: number;
  outstandingOnSettledOrders: string;
  trialBalance: string;
  payoutsMatchFile: boolean;
  settledDates: number;
  settlementRows: number;
}

export interface DemoOutcome {
  summary: DemoSummary;
  ctx: AppContext & { workbook: MemoryWorkbook };
  ledger: Ledger;
  /** The settlement export, as loaded. */
  settlement: { name: string; bytes: Uint8Array };
  view: SettlementView;
  run: PaymentRunResult;
  backupBeforePayments?: string;
}

/** The sheets --xlsx writes: the books and the settlement. */
export const DEMO_BOOK_SHEETS = [...BOOK_SHEETS, SETTLEMENT_SHEET];

export async function runDemo(options: DemoOptions = {}): Promise<DemoOutcome> {
  const log = options.log ?? (() => undefined);
  const endDate = options.endDate ?? "2026-03-31";
  const days = options.days ?? 30;
  if (!isBusinessDate(endDate)) throw new UsageError(`--end takes a date like 2026-03-31.\n\n${USAGE}`);
  if (days < 1) throw new UsageError(`--days takes a whole number of days, at least 1.\n\n${USAGE}`);
  const from = addDays(endDate, -(days - 1));
  // The sandbox's clock stands at noon (Kuala Lumpur) a week after the period, so most orders have settled.
  const now = dayStartEpoch(addDays(endDate, 7)) + 12 * 3600;
  // From there it moves with real time: on a frozen clock the rate limit's second never ends, so a shop
  // needing more than 50 order searches would be refused for good.
  const started = performance.now();
  const sandboxTime = () => now + (performance.now() - started) / 1000;
  // The sandbox's clock (nothing here moves it), read without holding the sandbox.
  const clockNow = () => Math.floor(sandboxTime());

  const ledger = await openLedger({
    factory: new IDBFactory(),
    name: "shopbooks-demo",
    now: () => new Date(clockNow() * 1000).toISOString(),
  });
  try {
    const workbook = createMemoryWorkbook(
      options.keepBookSheets === false ? { forget: BOOK_SHEETS } : {},
    );
    const ctx = { ledger, workbook, linkBaseUrl: "", inExcel: false, now: clockNow };
    // The sandbox (every order of the shop) is let go once the file is loaded and checked.
    const { fetched, settlement, view } = await throughTheSandbox(ctx, {
      seed: options.seed ?? 1,
      orders: options.orders ?? 200,
      days,
      from,
      endDate,
      fixedPeriod: options.endDate === undefined,
      now: sandboxTime,
      log,
    });
    const backupBeforePayments = options.keepBackup ? await ledger.backup() : undefined;

    log("Posting payments…");
    const run = await postPayments(ctx, view);
    const summary = await summarise(ledger, view, fetched);
    return {
      summary,
      ctx,
      ledger,
      settlement,
      view,
      run,
      ...(backupBeforePayments ? { backupBeforePayments } : {}),
    };
  } catch (error) {
    ledger.close();
    throw error;
  }
}

/**
 * The part of the demo that needs the sandbox, started here and closed on the way out: link, products,
 * orders, the settlement export and the orders it settles without an invoice. Returns the file loaded
 * and checked, ready to post.
 */
async function throughTheSandbox(
  ctx: AppContext,
  run: {
    seed: number;
    orders: number;
    days: number;
    from: string;
    endDate: string;
    /** No --end was given: the period is the default one. */
    fixedPeriod: boolean;
    now: () => number;
    log: (line: string) => void;
  },
): Promise<{ fetched: number; settlement: { name: string; bytes: Uint8Array }; view: SettlementView }> {
  const { from, endDate, log } = run;
  const services = await startServices({
    port: 0,
    sandboxPort: 0,
    distDir: "",
    env: {},
    sandbox: { seed: run.seed, orders: run.orders, days: run.days, endDate, now: run.now },
  });
  try {
    const sandbox = services.sandbox!;
    ctx.linkBaseUrl = services.url;
    log("Linking the sandbox store…");
    const token = await sandboxSellerToken(sandbox.url, sandbox.info);
    const { stores } = await saveAuthorizedStores(ctx, "TikTok Shop (sandbox)", token);
    const shopId = stores[0].shopId;

    log("Fetching products and creating stock items for unmapped seller SKUs…");
    await fetchProducts(ctx, shopId);
    await postProductMappings(ctx, { createMissing: true, selectAll: true, shopId });

    log(
      `Fetching the orders of ${from} to ${endDate}` +
        (run.fixedPeriod ? ` (${FIXED_PERIOD_NOTE})` : "") +
        " and posting those whose status posts…",
    );
    const fetched = await refreshOrders(ctx, shopId, { from, to: endDate });
    await postOrders(ctx, { selectAll: true });

    const to = businessDate(sandbox.clock.now());
    log(`Exporting the settlement file of ${from} to ${to}…`);
    const exported = await fetch(
      `${sandbox.url}/sandbox/export/settlement.csv?${new URLSearchParams({ from, to, shop: shopId })}`,
    );
    if (!exported.ok) throw new Error(`The sandbox refused the settlement export (HTTP ${exported.status}).`);
    const settlement = {
      name: `settlement-${from}-${to}.csv`,
      bytes: new Uint8Array(await exported.arrayBuffer()),
    };

    log("Loading the settlement file…");
    let view = await loadSettlement(ctx, [settlement], shopId);
    if (view.missingOrderIds.length > 0) {
      log(`Fetching and posting ${view.missingOrderIds.length} settled orders without an invoice…`);
      view = await syncMissingOrders(ctx, view);
    }
    if (!view.canPost) throw new Error(view.message ?? "The settlement file cannot be posted.");
    return { fetched: fetched.fetched, settlement, view };
  } finally {
    await services.close();
  }
}

/** What the demo checks: every settled order paid, the books balanced, payouts equal to the file's totals. */
export async function summarise(ledger: Ledger, view: SettlementView, orders: number): Promise<DemoSummary> {
  const digits = minorDigits(view.file.currency ?? "MYR");
  const money = (value: number) => formatMoney(sen(value), digits);
  const payments = (await ledger.listPayments()).filter((p) => p.shopId === view.shopId);
  const refunds = (await ledger.listRefunds()).filter((r) => r.shopId === view.shopId);
  const settled = new Set(view.file.rows.filter((r) => r.kind === "order").map((r) => r.id));
  // The documents' balances name each invoice's order: the invoices themselves need not be read.
  let invoices = 0;
  let creditNotes = 0;
  let outstanding = 0;
  for (const d of await ledger.listDocumentBalances()) {
    if (d.kind === "creditNote") creditNotes += 1;
    if (d.kind !== "invoice") continue;
    invoices += 1;
    if (d.orderId !== undefined && settled.has(d.orderId)) outstanding += d.open;
  }
  const trial = (await ledger.trialBalance()).reduce((a, l) => a + l.debit - l.credit, 0);

  const paid = new Map<string, number>();
  for (const p of payments) paid.set(p.date, (paid.get(p.date) ?? 0) + p.amount);
  for (const r of refunds) paid.set(r.date, (paid.get(r.date) ?? 0) - r.amount);
  const totals = view.file.totalsBySettledDate;
  const payoutsMatchFile =
    Object.keys(totals).length > 0 &&
    paid.size === Object.keys(totals).length &&
    Object.entries(totals).every(([date, total]) => paid.get(date) === total);

  return {
    orders,
    invoices,
    creditNotes,
    payments: payments.length,
    refunds: refunds.length,
    settledOrders: settled.size,
    outstandingOnSettledOrders: money(outstanding),
    trialBalance: money(trial),
    payoutsMatchFile,
    settledDates: Object.keys(totals).length,
    settlementRows: view.file.rows.length,
  };
}

/** The book sheets of a workbook, in the order DEMO_BOOK_SHEETS lists them. */
export function bookSheets(snapshot: WorkbookSnapshot): WorkbookSnapshot {
  const byName = new Map(snapshot.sheets.map((s) => [s.name, s]));
  return { sheets: DEMO_BOOK_SHEETS.flatMap((name) => byName.get(name) ?? []) };
}

export interface DemoCommandIo {
  print?: (line: string) => void;
  log?: (line: string) => void;
  writeFile?: (path: string, bytes: Uint8Array) => Promise<void>;
}

export async function runDemoCommand(
  argv: string[],
  io: DemoCommandIo = {},
): Promise<DemoSummary | undefined> {
  const print = io.print ?? ((line: string) => console.log(line));
  // --json is a flag: taken out first so that "--json --orders 50" parses as meant.
  const json = argv.includes("--json");
  const { positional, options } = parseArgs(argv.filter((a) => a !== "--json"));
  if (options.help) {
    print(USAGE);
    return undefined;
  }
  if (positional.length > 0) throw new UsageError(`Unexpected argument "${positional[0]}".\n\n${USAGE}`);
  const known = ["orders", "seed", "days", "end", "xlsx", "help"];
  const unknown = Object.keys(options).find((name) => !known.includes(name));
  if (unknown) throw new UsageError(`Unknown option --${unknown}.\n\n${USAGE}`);
  const xlsx = stringOption(options, "xlsx");
  const outcome = await runDemo({
    orders: intOption(options, "orders", 200),
    seed: intOption(options, "seed", 1),
    days: intOption(options, "days", 30),
    endDate: stringOption(options, "end"),
    // Only --xlsx shows the book sheets.
    keepBookSheets: xlsx !== undefined,
    log: json ? undefined : (io.log ?? ((line) => console.error(line))),
  });
  try {
    if (xlsx) {
      const bytes = await writeWorkbookXlsx(bookSheets(outcome.ctx.workbook.snapshot()));
      await (io.writeFile ?? writeFile)(xlsx, bytes);
    }
  } finally {
    outcome.ledger.close();
  }
  const s = outcome.summary;
  if (json) {
    const { settledDates: _d, settlementRows: _r, ...shown } = s;
    print(JSON.stringify(shown));
  } else {
    print(
      [
        `Orders: ${s.orders}; invoices: ${s.invoices}; credit notes: ${s.creditNotes}; payments: ${s.payments}; refunds: ${s.refunds}.`,
        `Settlement: ${s.settlementRows} rows over ${s.settledDates} settled dates, ${s.settledOrders} orders settled (run ${outcome.run.runId}).`,
        `Outstanding on settled orders: ${s.outstandingOnSettledOrders}. Trial balance difference: ${s.trialBalance}.`,
        `Payouts ${s.payoutsMatchFile ? "match" : "DO NOT match"} the file's totals per settled date.`,
        ...(xlsx ? [`Books written to ${xlsx}.`] : []),
      ].join("\n"),
    );
  }
  return s;
}
