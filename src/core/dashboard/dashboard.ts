/**
 * The Dashboard's figures: daily sales against payouts, fees by bucket, and the ageing of delivered
 * orders nobody has paid for yet. Pure: the caller hands over the books' documents and today's date.
 *
 * Sales are what the trial balance's sales accounts (Sales, Sales Returns, Sales Adjustment: the income
 * accounts) moved by: goods less seller discounts and vouchers, less returns. Fee lines and the "TikTok
 * Adjustment" documents post to expense accounts, so they are not sales. A cancelled order's reversing
 * credit note is set against its invoice's day: the order never was a sale.
 */
import { businessDate, addDays, KUALA_LUMPUR_OFFSET_MINUTES } from "../dates/business-date";
import { minorDigits, parseMoney, sen, toMajor, ZERO, type Sen } from "../money/money";
import type { ChartSheet } from "../sheets/chart-sheet";
import type { CellValue } from "../sheets/table";
import type { Order } from "../tiktok/types";

export interface DashboardInvoice {
  docNo: string;
  orderId: string;
  date: string;
  /** Each line's GL account, as posting filled it in. */
  lines: { itemCode: string; amount: Sen; account?: string }[];
  total: Sen;
}

export interface DashboardCreditNote extends DashboardInvoice {
  /** The invoice it credits (a refund's or a cancellation's). */
  invoiceNo?: string;
  /** It reverses its invoice after TikTok cancelled the order (rather than crediting a return). */
  reversal?: boolean;
}

export interface DashboardInput {
  /** Today, as a business date. */
  asOf: string;
  /** Days shown in the daily chart, ending on asOf (default 30). */
  days?: number;
  invoices: DashboardInvoice[];
  /**
   * Credit notes: a fee line there gives a fee back (or, as a return's shipping, charges one); a line to a
   * sales account takes a sale back.
   */
  creditNotes?: DashboardCreditNote[];
  /** The sales accounts: lines posted to them are sales (the chart's income accounts). */
  salesAccounts: ReadonlySet<string>;
  /** Orders as last fetched. */
  orders: Order[];
  /** Invoices a settlement has closed (knocked off by a payment or a credit note). */
  settledDocNos: ReadonlySet<string>;
  payments: { date: string; amount: Sen }[];
  /** Customer refunds: a settled date whose net was negative pays money back out of the wallet. */
  refunds?: { date: string; amount: Sen }[];
  /** Item code of each fee bucket's invoice line (TT-COMMISSION → Commission). */
  feeItems: Record<string, string>;
  utcOffsetMinutes?: number;
}

export interface DailyFigure {
  date: string;
  /** Net sales of the day: what the sales accounts were credited, less what they were debited. */
  sales: Sen;
  /** null until any payment is posted: unknown, not zero. */
  payouts: Sen | null;
}

export interface AgeBand {
  label: string;
  /** Days since delivery, inclusive; `to` undefined = and older. */
  from: number;
  to?: number;
  orders: number;
  amount: Sen;
}

export interface DashboardFigures {
  asOf: string;
  daily: DailyFigure[];
  /** False while no payment is posted: payouts and fees are then unknown. */
  paymentsPosted: boolean;
  fees: { bucket: string; amount: Sen }[];
  ageing: AgeBand[];
  totals: {
    sales: Sen;
    payouts: Sen | null;
    fees: Sen | null;
    unsettledOrders: number;
    unsettledAmount: Sen;
  };
}

export const AGE_BANDS: { label: string; from: number; to?: number }[] = [
  { label: "0–7 days", from: 0, to: 7 },
  { label: "8–14 days", from: 8, to: 14 },
  { label: "15–30 days", from: 15, to: 30 },
  { label: "31–60 days", from: 31, to: 60 },
  { label: "Over 60 days", from: 61 },
];

const DELIVERED = new Set(["DELIVERED", "COMPLETED"]);

function daysBetween(from: string, to: string): number {
  const ms = (d: string) =>
    Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((ms(to) - ms(from)) / 86_400_000);
}

export function dashboardFigures(input: DashboardInput): DashboardFigures {
  const days = input.days ?? 30;
  const first = addDays(input.asOf, -(days - 1));
  const paymentsPosted = input.payments.length > 0 || (input.refunds ?? []).length > 0;
  const sales = new Map<string, number>();
  const payouts = new Map<string, number>();
  const fees = new Map<string, number>();

  // A fee line on an invoice is negative (a fee charged); on a credit note it is the reverse. Adjustment
  // documents (no order) are not fees: TikTok reports them apart from Total Fees.
  const addFees = (doc: DashboardInvoice, sign: 1 | -1) => {
    if (!doc.orderId) return;
    for (const line of doc.lines) {
      const bucket = input.feeItems[line.itemCode];
      if (bucket !== undefined) fees.set(bucket, (fees.get(bucket) ?? 0) - sign * line.amount);
    }
  };
  const salesOf = (doc: DashboardInvoice): number =>
    doc.lines.reduce((a, l) => (l.account !== undefined && input.salesAccounts.has(l.account) ? a + l.amount : a), 0);
  const addSales = (date: string, amount: number) => {
    if (date >= first && date <= input.asOf) sales.set(date, (sales.get(date) ?? 0) + amount);
  };
  const invoiceDates = new Map<string, string>();
  for (const invoice of input.invoices) {
    addFees(invoice, 1);
    addSales(invoice.date, salesOf(invoice));
    invoiceDates.set(invoice.docNo, invoice.date);
  }
  for (const note of input.creditNotes ?? []) {
    addFees(note, -1);
    const reversed = note.reversal && note.invoiceNo !== undefined ? invoiceDates.get(note.invoiceNo) : undefined;
    addSales(reversed ?? note.date, -salesOf(note));
  }
  for (const payment of input.payments)
    payouts.set(payment.date, (payouts.get(payment.date) ?? 0) + payment.amount);
  for (const refund of input.refunds ?? [])
    payouts.set(refund.date, (payouts.get(refund.date) ?? 0) - refund.amount);

  const daily: DailyFigure[] = [];
  for (let date = first; date <= input.asOf; date = addDays(date, 1)) {
    daily.push({
      date,
      sales: sen(sales.get(date) ?? 0),
      payouts: paymentsPosted ? sen(payouts.get(date) ?? 0) : null,
    });
  }

  const invoiceByOrder = new Map(input.invoices.map((i) => [i.orderId, i]));
  const ageing: AgeBand[] = AGE_BANDS.map((band) => ({ ...band, orders: 0, amount: ZERO }));
  for (const order of input.orders) {
    if (!DELIVERED.has(order.status) || typeof order.delivery_time !== "number") continue;
    const invoice = invoiceByOrder.get(order.id);
    if (invoice && input.settledDocNos.has(invoice.docNo)) continue;
    const amount = invoice
      ? invoice.total
      : parseMoney(order.payment?.total_amount ?? "", minorDigits(order.payment?.currency ?? "MYR"));
    if (amount === undefined) continue;
    const age = daysBetween(
      businessDate(order.delivery_time, input.utcOffsetMinutes ?? KUALA_LUMPUR_OFFSET_MINUTES),
      input.asOf,
    );
    const band = ageing.find((b) => age >= b.from && (b.to === undefined || age <= b.to)) ?? ageing[0];
    band.orders++;
    band.amount = sen(band.amount + amount);
  }

  const feeList = [...fees].map(([bucket, amount]) => ({ bucket, amount: sen(amount) }));
  const sum = (values: number[]) => sen(values.reduce((a, b) => a + b, 0));
  return {
    asOf: input.asOf,
    daily,
    paymentsPosted,
    fees: paymentsPosted ? feeList : [],
    ageing,
    totals: {
      sales: sum(daily.map((d) => d.sales)),
      payouts: paymentsPosted ? sum(daily.map((d) => d.payouts ?? 0)) : null,
      fees: paymentsPosted ? sum(feeList.map((f) => f.amount)) : null,
      unsettledOrders: ageing.reduce((n, b) => n + b.orders, 0),
      unsettledAmount: sum(ageing.map((b) => b.amount)),
    },
  };
}

export const DASHBOARD_SHEET = "Dashboard";
export const NO_PAYMENTS_NOTE = "Payouts and fees appear once payments are posted from the Payment tab.";
export const SALES_NOTE =
  "Sales: goods less seller discounts and returns, as the Sales, Sales Returns and Sales Adjustment accounts show them; cancelled orders, fees and TikTok adjustments are not sales.";

const major = (value: Sen | null): CellValue => (value === null ? null : toMajor(value));

/** The Dashboard sheet: three blocks, each a table and the chart drawn from it. */
export function dashboardSheet(figures: DashboardFigures): ChartSheet {
  const pending = figures.paymentsPosted ? undefined : NO_PAYMENTS_NOTE;
  return {
    title: "ShopBooks Dashboard",
    subtitle: `As of ${figures.asOf}: the last ${figures.daily.length} days.`,
    blocks: [
      {
        title: "Daily sales and payouts",
        note: pending ? `${SALES_NOTE} ${pending}` : SALES_NOTE,
        table: {
          columns: [
            { name: "Date", kind: "date" },
            { name: "Sales", kind: "amount" },
            { name: "Payouts", kind: "amount" },
          ],
          rows: figures.daily.map((d) => [d.date, toMajor(d.sales), major(d.payouts)]),
        },
        chart: { kind: "column", category: "Date", series: ["Sales", "Payouts"] },
      },
      {
        title: "Fees by bucket",
        note: pending ?? (figures.fees.length === 0 ? "The posted payments carried no fees." : undefined),
        table: {
          columns: [
            { name: "Bucket", kind: "text" },
            { name: "Fees", kind: "amount" },
          ],
          rows: figures.fees.map((f) => [f.bucket, toMajor(f.amount)]),
        },
        chart: { kind: "bar", category: "Bucket", series: ["Fees"] },
      },
      {
        title: "Delivered, not yet settled, by age",
        note: "Days since delivery of orders no payment has knocked off yet.",
        table: {
          columns: [
            { name: "Age", kind: "text" },
            { name: "Amount", kind: "amount" },
            { name: "Orders", kind: "quantity" },
          ],
          rows: figures.ageing.map((b) => [b.label, toMajor(b.amount), b.orders]),
        },
        chart: { kind: "column", category: "Age", series: ["Amount"] },
      },
    ],
  };
}
