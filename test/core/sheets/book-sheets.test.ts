import { sen } from "../../../src/core/money/money";
import type { CreditNote, SalesInvoice } from "../../../src/core/posting/types";
import {
  creditNoteLinesTable,
  CREDIT_NOTE_LINE_COLUMNS,
  invoiceStatus,
  salesInvoicesTable,
  trialBalanceTable,
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
  test.each([
    ["nothing knocked off", 6211, 6211, [], "Open"],
    ["part of it paid", 6211, 1000, ["OR-00001"], "Part paid"],
    ["paid by a payment", 6211, 0, ["OR-00001"], "Paid"],
    ["reversed by its credit note", 6211, 0, ["CN-00001"], "Credited"],
    ["paid and credited", 6211, 0, ["OR-00001", "CN-00002"], "Paid"],
    ["a zero invoice", 0, 0, [], "Paid"],
  ])("%s", (_name, total, open, by, status) => {
    expect(invoiceStatus(invoice("IV-00001", total), { open: sen(open), knockedOffBy: by })).toBe(status);
  });

  test("rows are in document order, with Paid = Amount − Outstanding in major units", () => {
    const table = salesInvoicesTable([invoice("IV-00002", 1000), invoice("IV-00001", 6211)], (docNo) => ({
      open: sen(docNo === "IV-00001" ? 211 : 1000),
      knockedOffBy: docNo === "IV-00001" ? ["OR-00001"] : [],
    }));
    expect(table.rows).toEqual([
      [
        "IV-00001",
        "2026-03-01",
        "300-T0001",
        "O-IV-00001",
        "TikTok order O-IV-00001",
        62.11,
        60,
        2.11,
        "Part paid",
      ],
      ["IV-00002", "2026-03-01", "300-T0001", "O-IV-00002", "TikTok order O-IV-00002", 10, 0, 10, "Open"],
    ]);
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
