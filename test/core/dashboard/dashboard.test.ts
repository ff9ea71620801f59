import { dayStartEpoch } from "../../../src/core/dates/business-date";
import { sen, type Sen } from "../../../src/core/money/money";
import {
  dashboardFigures,
  dashboardSheet,
  NO_PAYMENTS_NOTE,
  SALES_NOTE,
  type DashboardCreditNote,
  type DashboardInput,
  type DashboardInvoice,
} from "../../../src/core/dashboard/dashboard";
import type { Order } from "../../../src/core/tiktok/types";

const FEE_ITEMS = { "TT-COMMISSION": "Commission", "TT-TRXFEE": "Transaction", "TT-SHIPPING": "Shipping" };

/** The GL account posting gives each item's line (WORKED-EXAMPLE's default codes). */
const ACCOUNT: Record<string, string> = {
  TEE: "500-000",
  CAP: "500-000",
  "TT-RETURN": "510-000",
  "TT-DISCOUNT": "520-TT2",
  "TT-VOUCHER": "520-TT1",
  "TT-SHIPPING": "900-TT1",
  "TT-TRXFEE": "900-TT2",
  "TT-COMMISSION": "900-TT3",
  "TT-ADJUSTMENT": "900-TT6",
};
const SALES_ACCOUNTS = new Set(["500-000", "510-000", "520-000", "520-TT1", "520-TT2"]);

/** An order delivered at noon (KL) on `delivered`, for `total` ringgit. */
function order(id: string, status: string, delivered: string | undefined, total: string): Order {
  return {
    id,
    status,
    delivery_time: delivered ? dayStartEpoch(delivered) + 12 * 3600 : undefined,
    payment: { currency: "MYR", total_amount: total },
  } as unknown as Order;
}

function invoice(docNo: string, orderId: string, date: string, lines: [string, number][]): DashboardInvoice {
  const typed = lines.map(([itemCode, amount]) => ({ itemCode, amount: sen(amount), account: ACCOUNT[itemCode] }));
  return { docNo, orderId, date, lines: typed, total: sen(typed.reduce((a, l) => a + l.amount, 0)) };
}

function creditNote(
  docNo: string,
  against: DashboardInvoice,
  date: string,
  lines: [string, number][],
  reversal = false,
): DashboardCreditNote {
  return { ...invoice(docNo, against.orderId, date, lines), invoiceNo: against.docNo, reversal };
}

function input(overrides: Partial<DashboardInput> = {}): DashboardInput {
  return {
    asOf: "2026-03-31",
    days: 3,
    invoices: [
      invoice("IV-00001", "1", "2026-03-29", [
        ["TEE", 5000],
        ["TT-DISCOUNT", -500],
      ]),
      invoice("IV-00002", "2", "2026-03-31", [
        ["CAP", 1290],
        ["TT-COMMISSION", -129],
        ["TT-TRXFEE", -26],
      ]),
      invoice("IV-00003", "3", "2026-03-31", [
        ["CAP", 1290],
        ["TT-COMMISSION", -129],
      ]),
      invoice("IV-00004", "4", "2026-03-01", [["CAP", 999]]),
    ],
    orders: [
      order("1", "DELIVERED", "2026-03-30", "45.00"),
      order("2", "COMPLETED", "2026-03-20", "12.90"),
      order("3", "DELIVERED", "2026-03-31", "12.90"),
      order("4", "COMPLETED", "2026-01-15", "9.99"),
      order("5", "DELIVERED", "2026-02-20", "20.00"), // fetched, never posted
      order("6", "IN_TRANSIT", undefined, "30.00"),
      order("7", "CANCELLED", undefined, "30.00"),
    ],
    settledDocNos: new Set(["IV-00003"]),
    payments: [],
    feeItems: FEE_ITEMS,
    salesAccounts: SALES_ACCOUNTS,
    ...overrides,
  };
}

describe("daily sales and payouts", () => {
  test("sales per day are invoices' goods less seller discounts, without their fees, over the last days ending today", () => {
    const figures = dashboardFigures(input());
    expect(figures.daily).toEqual([
      { date: "2026-03-29", sales: 4500, payouts: null },
      { date: "2026-03-30", sales: 0, payouts: null },
      { date: "2026-03-31", sales: 2580, payouts: null },
    ]);
    expect(figures.totals.sales).toBe(7080);
  });

  test("an order cancelled after posting is no sale: its reversing credit note takes it off its order's day", () => {
    const lines: [string, number][] = [
      ["TEE", 2090],
      ["TT-DISCOUNT", -180],
    ];
    const cancelled = invoice("IV-00005", "5", "2026-03-29", lines);
    const figures = dashboardFigures(
      input({
        invoices: [...input().invoices, cancelled],
        creditNotes: [creditNote("CN-00001", cancelled, "2026-03-30", lines, true)],
      }),
    );
    expect(figures.daily.map((d) => d.sales)).toEqual([4500, 0, 2580]);
    expect(figures.totals.sales).toBe(7080);
  });

  test("a refund's credit note takes its returned goods and given-back discount off the refund's day; its fees are not sales", () => {
    const [first] = input().invoices;
    const figures = dashboardFigures(
      input({
        creditNotes: [
          creditNote("CN-00001", first, "2026-03-30", [
            ["TEE", 1000],
            ["TT-DISCOUNT", -100],
            ["TT-COMMISSION", -37],
            ["TT-SHIPPING", 490],
          ]),
        ],
      }),
    );
    expect(figures.daily.map((d) => d.sales)).toEqual([4500, -900, 2580]);
    expect(figures.totals.sales).toBe(6180);
  });

  test("a TikTok Adjustment invoice (reimbursements, to the adjustments account) is not a sale, nor is its credit note", () => {
    const adjustment = invoice("IV-00006", "", "2026-03-30", [
      ["TT-ADJUSTMENT", 680],
      ["TT-ADJUSTMENT", 1940],
    ]);
    const deduction: DashboardCreditNote = invoice("CN-00002", "", "2026-03-31", [["TT-ADJUSTMENT", 6000]]);
    const figures = dashboardFigures(
      input({ invoices: [...input().invoices, adjustment], creditNotes: [deduction] }),
    );
    expect(figures.daily.map((d) => d.sales)).toEqual([4500, 0, 2580]);
    expect(figures.totals.sales).toBe(7080);
  });

  test("without payments, payouts and fees are unknown rather than zero", () => {
    const figures = dashboardFigures(input());
    expect([figures.paymentsPosted, figures.fees, figures.totals.payouts, figures.totals.fees]).toEqual([
      false,
      [],
      null,
      null,
    ]);
  });

  test("with payments, payouts are summed by date and fees by bucket", () => {
    const figures = dashboardFigures(
      input({
        payments: [
          { date: "2026-03-31", amount: sen(1135) },
          { date: "2026-03-31", amount: sen(1161) },
        ],
      }),
    );
    expect(figures.daily.map((d) => d.payouts)).toEqual([0, 0, 2296]);
    expect(figures.fees).toEqual([
      { bucket: "Commission", amount: 258 },
      { bucket: "Transaction", amount: 26 },
    ]);
    expect(figures.totals).toMatchObject({ payouts: 2296, fees: 284 });
  });

  test("thirty days by default, across a month end", () => {
    const daily = dashboardFigures(input({ days: undefined, asOf: "2026-03-02" })).daily;
    expect([daily.length, daily[0].date, daily[29].date]).toEqual([30, "2026-02-01", "2026-03-02"]);
  });
});

describe("ageing of delivered orders not yet settled", () => {
  test("orders fall into bands by days since delivery; settled, undelivered and cancelled orders are left out", () => {
    const { ageing, totals } = dashboardFigures(input());
    expect(ageing.map((b) => [b.label, b.orders, b.amount])).toEqual([
      ["0–7 days", 1, 4500], // order 1: invoice total, delivered yesterday
      ["8–14 days", 1, 1135], // order 2: 11 days
      ["15–30 days", 0, 0],
      ["31–60 days", 1, 2000], // order 5: not posted, its order total
      ["Over 60 days", 1, 999], // order 4: 75 days
    ]);
    expect([totals.unsettledOrders, totals.unsettledAmount]).toEqual([4, 8634]);
  });

  test("band edges: 7 days is the first band, 8 the second", () => {
    const orders = [
      order("a", "DELIVERED", "2026-03-24", "1.00"),
      order("b", "DELIVERED", "2026-03-23", "2.00"),
    ];
    const { ageing } = dashboardFigures(input({ invoices: [], orders }));
    expect(ageing.slice(0, 2).map((b) => b.amount)).toEqual([100, 200]);
  });

  test("an order whose total is not an amount is left out rather than guessed", () => {
    const { totals } = dashboardFigures(
      input({ invoices: [], orders: [order("x", "DELIVERED", "2026-03-30", "abc")] }),
    );
    expect(totals.unsettledOrders).toBe(0);
  });
});

describe("the Dashboard sheet", () => {
  test("three blocks whose chart columns come straight after the category", () => {
    const sheet = dashboardSheet(dashboardFigures(input()));
    expect(sheet.subtitle).toBe("As of 2026-03-31: the last 3 days.");
    expect(sheet.blocks.map((b) => [b.title, b.note, b.table.columns.map((c) => c.name), b.chart])).toEqual([
      [
        "Daily sales and payouts",
        `${SALES_NOTE} ${NO_PAYMENTS_NOTE}`,
        ["Date", "Sales", "Payouts"],
        { kind: "column", category: "Date", series: ["Sales", "Payouts"] },
      ],
      [
        "Fees by bucket",
        NO_PAYMENTS_NOTE,
        ["Bucket", "Fees"],
        { kind: "bar", category: "Bucket", series: ["Fees"] },
      ],
      [
        "Delivered, not yet settled, by age",
        "Days since delivery of orders no payment has knocked off yet.",
        ["Age", "Amount", "Orders"],
        { kind: "column", category: "Age", series: ["Amount"] },
      ],
    ]);
    expect(sheet.blocks[0].table.rows).toEqual([
      ["2026-03-29", 45, null],
      ["2026-03-30", 0, null],
      ["2026-03-31", 25.8, null],
    ]);
    expect(sheet.blocks[1].table.rows).toEqual([]);
    expect(sheet.blocks[2].table.rows[0]).toEqual(["0–7 days", 45, 1]);
  });

  test("once payments exist the notes say only what sales are, and payouts are numbers", () => {
    const sheet = dashboardSheet(
      dashboardFigures(input({ payments: [{ date: "2026-03-30", amount: sen(100) as Sen }] })),
    );
    expect(sheet.blocks[0].note).toBe(SALES_NOTE);
    expect(sheet.blocks[0].table.rows.map((r) => r[2])).toEqual([0, 1, 0]);
    expect(sheet.blocks[1].table.rows).toEqual([
      ["Commission", 2.58],
      ["Transaction", 0.26],
    ]);
  });
});
