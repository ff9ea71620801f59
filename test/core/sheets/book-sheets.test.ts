import { sen } from "../../../src/core/money/money";
import type { CreditNote, SalesInvoice } from "../../../src/core/posting/types";
import {
  creditNoteLinesTable,
  CREDIT_NOTE_LINE_COLUMNS,
  INVOICE_LINE_COLUMNS,
  invoiceLinesSheet,
  invoiceStatus,
  SALES_INVOICE_COLUMNS,
  salesInvoicesSheet,
  trialBalanceTable,
  type InvoiceStanding,
} from "../../../src/core/sheets/book-sheets";
import { postedState } from "../../../src/core/sheets/order-sheets";

const invoice = (docNo: string, total: number): SalesInvoice => ({
  sourceKey: `k-${docNo}`,
  shopId: "S",
  orderId: `O-${docNo}`,
  date: "2026-03-01",
  customerCode: "300-T0001",
  location: "ECOMMERCE",
  reference: "",
  description: `TikTok order O-${docNo}`,
  currency: "MYR",
  lines: [],
  total: sen(total),
  docNo,
  version: 1,
  postedAt: "2026-03-02T00:00:00.000Z",
});

describe("an invoice's status in Sales Invoices", () => {
  // A payment run edits the invoice of each order it settles: version 2 on.
  const settled = (docNo: string, total: number): SalesInvoice => ({ ...invoice(docNo, total), version: 2 });
  const adjustment = (docNo: string, total: number): SalesInvoice => ({
    ...invoice(docNo, total),
    orderId: "",
    description: "TikTok Adjustment",
  });
  test.each([
    ["nothing knocked off", invoice, 6211, 6211, [], "Open"],
    ["part of it paid", invoice, 6211, 1000, ["OR-00001"], "Part paid"],
    ["paid by a payment", settled, 5349, 0, ["OR-00001"], "Paid"],
    ["reversed by its cancellation's credit note, never settled", invoice, 6211, 0, ["CN-00001"], "Credited"],
    ["settled on a day whose adjustment credit note knocked it off", settled, 5349, 0, ["CN-00002"], "Paid"],
    ["settled on a day whose refund and adjustment credit notes knocked it off", settled, 5349, 0, ["CN-00003", "CN-00004"], "Paid"],
    ["a TikTok Adjustment invoice the day's credit note knocked off", adjustment, 2620, 0, ["CN-00005"], "Paid"],
    ["paid and credited", settled, 6211, 0, ["OR-00001", "CN-00002"], "Paid"],
    ["a zero invoice", invoice, 0, 0, [], "Paid"],
  ])("%s", (_name, make, total, open, by, status) => {
    expect(invoiceStatus(make("IV-00001", total), { open: sen(open), knockedOffBy: by })).toBe(status);
  });
});

describe("the Sales Invoices and Sales Invoice Lines sheets, built a page of invoices at a time", () => {
  const cap = { itemCode: "CAP-RED", description: "Cap, red", quantity: 2, unitPrice: sen(1290), amount: sen(2580), account: "500-000" };
  const withLines = (docNo: string, date: string, lines: SalesInvoice["lines"]): SalesInvoice => ({
    ...invoice(docNo, lines.reduce((s, l) => s + l.amount, 0)),
    date,
    lines,
  });
  // Two pages, as Ledger.readInvoices hands them over: the boundary falls between IV-00002 and IV-00003.
  const pages = [
    [
      withLines("IV-00001", "2026-03-01", [
        cap,
        { itemCode: "TT-COMM", description: "Commission fee", quantity: 1, unitPrice: sen(-369), amount: sen(-369), account: "540-000" },
      ]),
      withLines("IV-00002", "2026-03-02", []),
    ],
    [
      withLines("IV-00003", "2026-03-31", [
        { itemCode: "TEE-S", description: "Tee, S", quantity: 1, unitPrice: sen(4990), amount: sen(4990) },
        cap,
      ]),
    ],
  ];
  const standings: Record<string, InvoiceStanding> = {
    "IV-00001": { open: sen(211), knockedOffBy: ["OR-00001"] },
    "IV-00002": { open: sen(0), knockedOffBy: [] },
    "IV-00003": { open: sen(0), knockedOffBy: ["CN-00001"] },
  };

  test("Sales Invoices has a row per invoice, in the order the pages come, with Paid = Amount − Outstanding in major units", () => {
    const sheet = salesInvoicesSheet((docNo) => standings[docNo]);
    for (const page of pages) sheet.add(page);
    expect(sheet.table.columns).toBe(SALES_INVOICE_COLUMNS);
    expect(sheet.table.columns.map((c) => c.name)).toEqual([
      "Doc No", "Date", "Customer", "Order ID", "Description", "Amount", "Paid", "Outstanding", "Status",
    ]);
    expect(sheet.table.rows).toEqual([
      ["IV-00001", "2026-03-01", "300-T0001", "O-IV-00001", "TikTok order O-IV-00001", 22.11, 20, 2.11, "Part paid"],
      ["IV-00002", "2026-03-02", "300-T0001", "O-IV-00002", "TikTok order O-IV-00002", 0, 0, 0, "Paid"],
      ["IV-00003", "2026-03-31", "300-T0001", "O-IV-00003", "TikTok order O-IV-00003", 75.7, 75.7, 0, "Credited"],
    ]);
  });

  test("Sales Invoice Lines has a row per line, numbered within its invoice, across the page boundary", () => {
    const sheet = invoiceLinesSheet();
    for (const page of pages) sheet.add(page);
    expect(sheet.table.columns).toBe(INVOICE_LINE_COLUMNS);
    expect(sheet.table.columns.map((c) => c.name)).toEqual([
      "Doc No", "Date", "Order ID", "Line", "Item Code", "Description", "Qty", "Unit Price", "Amount", "Account",
    ]);
    expect(sheet.table.rows).toEqual([
      ["IV-00001", "2026-03-01", "O-IV-00001", 1, "CAP-RED", "Cap, red", 2, 12.9, 25.8, "500-000"],
      ["IV-00001", "2026-03-01", "O-IV-00001", 2, "TT-COMM", "Commission fee", 1, -3.69, -3.69, "540-000"],
      ["IV-00003", "2026-03-31", "O-IV-00003", 1, "TEE-S", "Tee, S", 1, 49.9, 49.9, ""],
      ["IV-00003", "2026-03-31", "O-IV-00003", 2, "CAP-RED", "Cap, red", 2, 12.9, 25.8, "500-000"],
    ]);
  });

  test("past IV-99999 the rows are in number order, though the ledger's pages come in the numbers' text order", () => {
    const open = { open: sen(0), knockedOffBy: [] };
    // Text order: IV-10000 < IV-100000 < IV-100001 < IV-10001.
    const textOrder = [["IV-09999", "IV-10000"], ["IV-100000", "IV-100001"], ["IV-10001", "IV-99999"]].map((docNos) =>
      docNos.map((docNo) => withLines(docNo, "2026-03-01", [cap, { ...cap, itemCode: "TEE-S" }])),
    );
    const invoices = salesInvoicesSheet(() => open);
    const lines = invoiceLinesSheet();
    for (const page of textOrder) for (const sheet of [invoices, lines]) sheet.add(page);
    const numberOrder = ["IV-09999", "IV-10000", "IV-10001", "IV-99999", "IV-100000", "IV-100001"];
    expect(invoices.table.rows.map((r) => r[0])).toEqual(numberOrder);
    expect(lines.table.rows.map((r) => `${r[0]}/${r[3]}/${r[4]}`)).toEqual(
      numberOrder.flatMap((docNo) => [`${docNo}/1/CAP-RED`, `${docNo}/2/TEE-S`]),
    );
  });

  test("the rows are the same whether the invoices come in one page or many", () => {
    const whole = [salesInvoicesSheet((docNo) => standings[docNo]), invoiceLinesSheet()];
    const paged = [salesInvoicesSheet((docNo) => standings[docNo]), invoiceLinesSheet()];
    for (const sheet of whole) sheet.add(pages.flat());
    for (const sheet of paged) for (const page of [...pages, []]) sheet.add(page);
    expect(paged.map((s) => s.table)).toEqual(whole.map((s) => s.table));
  });
});

describe("the credit note lines sheet", () => {
  const note = (docNo: string, lines: CreditNote["lines"], invoiceNo?: string): CreditNote => ({
    ...invoice(docNo, lines.reduce((s, l) => s + l.amount, 0)),
    description: `Refund of order O-${docNo}`,
    lines,
    ...(invoiceNo ? { invoiceNo } : {}),
  });

  test("one row per line in document order, naming the invoice credited and the returns the goods came back in", () => {
    const table = creditNoteLinesTable([
      note("CN-00002", [
        { itemCode: "TT-ADJ", description: "Adjustment", quantity: 1, unitPrice: sen(-150), amount: sen(-150), account: "540-000" },
      ]),
      note(
        "CN-00001",
        [
          {
            itemCode: "CAP-RED",
            description: "Cap, red",
            quantity: 1,
            unitPrice: sen(1290),
            amount: sen(1290),
            account: "510-000",
            skuId: "1729",
            returnIds: ["4068649828394187655", "4068649828394187656"],
          },
          { itemCode: "TT-COMM", description: "Commission fee given back", quantity: 1, unitPrice: sen(-73), amount: sen(-73) },
        ],
        "IV-00001",
      ),
    ]);
    expect(table.columns).toBe(CREDIT_NOTE_LINE_COLUMNS);
    expect(table.columns.map((c) => c.name)).toEqual([
      "Doc No", "Date", "Order ID", "Invoice No", "Line", "Item Code", "Description", "Qty", "Unit Price", "Amount", "Account", "Return IDs",
    ]);
    expect(table.rows).toEqual([
      ["CN-00001", "2026-03-01", "O-CN-00001", "IV-00001", 1, "CAP-RED", "Cap, red", 1, 12.9, 12.9, "510-000", "4068649828394187655, 4068649828394187656"],
      ["CN-00001", "2026-03-01", "O-CN-00001", "IV-00001", 2, "TT-COMM", "Commission fee given back", 1, -0.73, -0.73, "", ""],
      ["CN-00002", "2026-03-01", "O-CN-00002", "", 1, "TT-ADJ", "Adjustment", 1, -1.5, -1.5, "540-000", ""],
    ]);
  });

  test("Return IDs is an id column, so long IDs stay text in Excel", () => {
    expect(CREDIT_NOTE_LINE_COLUMNS.find((c) => c.name === "Return IDs")?.kind).toBe("id");
  });
});

describe("the trial balance sheet", () => {
  test("ends with a Total row whose debit and credit agree", () => {
    const { table, difference } = trialBalanceTable([
      { account: "300-000", name: "Trade Debtors", type: "asset", debit: sen(6211), credit: sen(0) },
      { account: "500-000", name: "Sales", type: "income", debit: sen(0), credit: sen(6470) },
      { account: "520-TT2", name: "TikTok Discount", type: "income", debit: sen(259), credit: sen(0) },
    ]);
    expect(table.rows.at(-1)).toEqual(["Total", "", "", 64.7, 64.7]);
    expect(difference).toBe(0);
  });
});

describe("an order row's posting state", () => {
  test.each([
    ["DELIVERED", undefined, undefined, { status: "", invoiceNo: "" }],
    ["DELIVERED", "IV-00001", undefined, { status: "Posted", invoiceNo: "IV-00001" }],
    ["CANCELLED", "IV-00001", undefined, { status: "Cancelled after posting", invoiceNo: "IV-00001" }],
    ["CANCELLED", "IV-00001", "CN-00001", { status: "Posted – reversed by CN-00001", invoiceNo: "IV-00001" }],
  ])("%s with invoice %s and credit note %s", (status, invoiceNo, creditNoteNo, expected) => {
    expect(postedState(status, invoiceNo, creditNoteNo)).toEqual(expected);
  });
});
