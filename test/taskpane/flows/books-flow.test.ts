/**
 * @jest-environment node
 */
import { sen } from "../../../src/core/money/money";
import type { InvoiceLine, SalesInvoice } from "../../../src/core/posting/types";
import { createMemoryWorkbook } from "../../../src/excel/memory-workbook";
import type { KnockOff, Ledger, OutstandingDocument } from "../../../src/ledger";
import {
  BOOK_SHEETS,
  INVOICE_LINES_SHEET,
  PAYMENT_KNOCK_OFFS_SHEET,
  SALES_INVOICES_SHEET,
  TRIAL_BALANCE_SHEET,
  writeBooks,
} from "../../../src/taskpane/flows/books-flow";
import type { AppContext } from "../../../src/taskpane/flows/context";

/** Every book sheet but the trial balance, which is written whatever the workbook forgets. */
const FORGOTTEN_SHEETS = BOOK_SHEETS.filter((sheet) => sheet !== TRIAL_BALANCE_SHEET);

const line = (itemCode: string, unitPrice: number, quantity = 1): InvoiceLine => ({
  itemCode,
  description: itemCode,
  quantity,
  unitPrice: sen(unitPrice),
  amount: sen(unitPrice * quantity),
  account: "500-000",
});

const invoice = (docNo: string, date: string, lines: InvoiceLine[]): SalesInvoice => ({
  sourceKey: `tiktok:S:order:O-${docNo}`,
  shopId: "S",
  orderId: `O-${docNo}`,
  date,
  customerCode: "300-T0001",
  location: "ECOMMERCE",
  reference: "",
  description: `TikTok order O-${docNo}`,
  currency: "MYR",
  lines,
  total: sen(lines.reduce((s, l) => s + l.amount, 0)),
  docNo,
  version: 1,
  postedAt: "2026-04-01T04:00:00.000Z",
});

/** The ledger's pages of invoices: the boundary falls between IV-00002 and IV-00003. */
const PAGES = [
  [
    invoice("IV-00001", "2026-03-01", [line("CAP-RED", 1290, 2), line("TT-COMM", -369)]),
    invoice("IV-00002", "2026-03-02", [line("TEE-S", 4990)]),
  ],
  [invoice("IV-00003", "2026-03-31", [line("BAG", 2500), line("CAP-RED", 1290)])],
];

const balance = (docNo: string, amount: number, open: number): OutstandingDocument => ({
  kind: "invoice",
  docNo,
  date: "2026-03-01",
  customerCode: "300-T0001",
  orderId: `O-${docNo}`,
  description: "",
  amount: sen(amount),
  open: sen(open),
  balance: sen(open),
});

/** A ledger holding PAGES (and two credit notes, counted only) that notes which of its methods the flow calls. */
function recordingLedger() {
  const calls: string[] = [];
  const answer =
    <T>(name: string, value: T) =>
    async () => {
      calls.push(name);
      return value;
    };
  const knockOffs: KnockOff[] = [{ paymentNo: "OR-00001", docNo: "IV-00001", date: "2026-03-20", amount: sen(2000) }];
  const ledger = {
    countInvoices: answer("countInvoices", 3),
    async readInvoices(visit: (page: SalesInvoice[]) => void) {
      calls.push("readInvoices");
      PAGES.forEach(visit);
    },
    countCreditNotes: answer("countCreditNotes", 2),
    listCreditNotes: answer("listCreditNotes", []),
    listPayments: answer("listPayments", []),
    listRefunds: answer("listRefunds", []),
    listDocumentBalances: answer("listDocumentBalances", [balance("IV-00001", 2211, 211), balance("IV-00002", 4990, 4990)]),
    listKnockOffs: answer("listKnockOffs", knockOffs),
    listAccounts: answer("listAccounts", []),
    trialBalance: answer("trialBalance", []),
  } as unknown as Ledger;
  return { ledger, calls };
}

const contextWith = (ledger: Ledger, forget: readonly string[]) => {
  const workbook = createMemoryWorkbook({ forget });
  const ctx: AppContext = { ledger, workbook, linkBaseUrl: "", inExcel: false, now: () => 1775016000 };
  return { ctx, workbook };
};

describe("the books flow", () => {
  test("a workbook that forgets the book sheets gets their counts, and no document is read", async () => {
    const { ledger, calls } = recordingLedger();
    const { ctx, workbook } = contextWith(ledger, FORGOTTEN_SHEETS);
    expect(await writeBooks(ctx)).toEqual({ invoices: 3, creditNotes: 2, difference: "0.00" });
    expect(calls).toEqual(["countInvoices", "countCreditNotes", "listAccounts", "trialBalance"]);
    expect([...workbook.sheets.keys()]).toEqual([TRIAL_BALANCE_SHEET]);
  });

  test("one writeBooks reads the balances and the knock-offs once for all the sheets that show them", async () => {
    const { ledger, calls } = recordingLedger();
    const { ctx, workbook } = contextWith(ledger, []);
    await writeBooks(ctx);
    expect(calls.filter((name) => name === "listDocumentBalances" || name === "listKnockOffs")).toEqual([
      "listDocumentBalances",
      "listKnockOffs",
    ]);
    expect(workbook.sheets.get(PAYMENT_KNOCK_OFFS_SHEET)?.rows.map((r) => [r[0], r[3], r[5], r[6]])).toEqual([
      ["OR-00001", "IV-00001", "O-IV-00001", 20],
    ]);
  });

  test("Sales Invoices and Sales Invoice Lines are written from the ledger's pages of invoices, in the order read", async () => {
    const { ledger, calls } = recordingLedger();
    const { ctx, workbook } = contextWith(ledger, []);
    expect(await writeBooks(ctx)).toEqual({ invoices: 3, creditNotes: 0, difference: "0.00" });
    expect(calls.filter((name) => name.endsWith("Invoices"))).toEqual(["readInvoices"]);
    expect(workbook.sheets.get(SALES_INVOICES_SHEET)?.rows).toEqual([
      ["IV-00001", "2026-03-01", "300-T0001", "O-IV-00001", "TikTok order O-IV-00001", 22.11, 20, 2.11, "Part paid"],
      ["IV-00002", "2026-03-02", "300-T0001", "O-IV-00002", "TikTok order O-IV-00002", 49.9, 0, 49.9, "Open"],
      ["IV-00003", "2026-03-31", "300-T0001", "O-IV-00003", "TikTok order O-IV-00003", 37.9, 37.9, 0, "Paid"],
    ]);
    expect(workbook.sheets.get(INVOICE_LINES_SHEET)?.rows).toEqual([
      ["IV-00001", "2026-03-01", "O-IV-00001", 1, "CAP-RED", "CAP-RED", 2, 12.9, 25.8, "500-000"],
      ["IV-00001", "2026-03-01", "O-IV-00001", 2, "TT-COMM", "TT-COMM", 1, -3.69, -3.69, "500-000"],
      ["IV-00002", "2026-03-02", "O-IV-00002", 1, "TEE-S", "TEE-S", 1, 49.9, 49.9, "500-000"],
      ["IV-00003", "2026-03-31", "O-IV-00003", 1, "BAG", "BAG", 1, 25, 25, "500-000"],
      ["IV-00003", "2026-03-31", "O-IV-00003", 2, "CAP-RED", "CAP-RED", 1, 12.9, 12.9, "500-000"],
    ]);
  });
});
