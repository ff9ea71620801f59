/**
 * Settlement rows → what a payment run posts (PRODUCT §5.2, WORKED-EXAMPLE §4–6), per settled date:
 * fee lines added to each settled order's invoice, a credit note per refund row, one "TikTok Adjustment"
 * document for the date's adjustment rows, and one customer payment (or refund) for the date's net total.
 * Pure: the ledger numbers and writes the documents; each settled date is one of its transactions.
 */
import { formatMoney, minorDigits, sen, ZERO, type Sen } from "../money/money";
import type { SettlementProblem, SettlementRow } from "../settlement/types";
import { postedRowKey } from "../settlement/union";
import type { FeeBucket, FeeMap } from "./fee-map";
import type { InvoiceLine } from "./types";

/** The store's invoice of an order, as the ledger holds it now. */
export interface PlanInvoice {
  docNo: string;
  orderId: string;
  total: Sen;
  outstanding: Sen;
  lines: InvoiceLine[];
  /** An earlier payment run already added this order's fee lines (its first settlement is booked). */
  settled?: boolean;
}

export interface PaymentPlanContext {
  shopId: string;
  /** The store's currency: rows in another one block the run. */
  currency: string;
  feeMap: FeeMap;
  /** Generic returned-goods item when the returned SKU is not known (TT-RETURN). */
  returnsItem: string;
  /** Reverses the seller discount of returned goods (TT-DISCOUNT). */
  discountItem: string;
  /** Item of the "Revenue difference" line (file revenue ≠ invoice product total). */
  revenueDifferenceItem: string;
  /** Fills each line's account when given (else the ledger fills it from the item). */
  accountOfItem?: (itemCode: string) => string | undefined;
  /**
   * Returned goods of a refund row from TikTok's returns data (positive amounts at the price before
   * seller discounts, with the returns account). Used when they add up to the row's refund subtotal
   * before discounts; otherwise one generic returns line carries the amount.
   */
  returnedLines?: (row: SettlementRow) => InvoiceLine[] | undefined;
}

export interface PaymentPlanInput {
  /** The accepted rows of one file (or one union of files) for this store. */
  rows: readonly SettlementRow[];
  /** The store's invoices by order ID. */
  invoices: ReadonlyMap<string, PlanInvoice>;
  /** Keys of rows posted before (postedRowKey), as a multiset: a key twice means the row was posted twice. */
  postedKeys: Iterable<string>;
}

export type PlannedRowStatus = "Posted" | "To post" | "Missing invoice" | "Broken";

export interface PlannedRow {
  row: SettlementRow;
  key: string;
  status: PlannedRowStatus;
  invoiceNo: string | null;
}

export interface InvoiceEdit {
  docNo: string;
  orderId: string;
  rowKey: string;
  sourceLines: number[];
  /** Lines appended to the invoice: one per non-zero fee bucket (fees negative), then any revenue difference. */
  lines: InvoiceLine[];
  totalBefore: Sen;
  /** Equals the row's settlement amount on an order's first settlement. */
  totalAfter: Sen;
  revenueDifference: Sen;
  /** The file's revenue differs from the invoice: shown to the seller. */
  flagged: boolean;
}

export interface PlannedDocument {
  /** Names the document inside the plan (knock-offs refer to it) until the ledger numbers it. */
  ref: string;
  kind: "invoice" | "creditNote";
  date: string;
  description: string;
  reference: string;
  /** A refund's credit note is against the order's invoice. */
  againstDocNo: string | null;
  orderId: string | null;
  lines: InvoiceLine[];
  total: Sen;
  rowKeys: string[];
  sourceLines: number[];
}

/** Part of a payment applied to a document: an invoice (by docNo) or a document of this plan (by ref). */
export interface PlannedKnockOff {
  docNo?: string;
  ref?: string;
  amount: Sen;
}

export interface PlannedPayment {
  /** "refund" when the date's net is negative: the store pays the credit back out. */
  kind: "payment" | "refund";
  date: string;
  description: string;
  /** Money received (payment) or paid out (refund); never negative. */
  amount: Sen;
  /** Invoices the payment pays. */
  knockOffs: PlannedKnockOff[];
  /** Credit notes the payment applies. Σ knockOffs − Σ credits = amount (payment) or −amount (refund). */
  credits: PlannedKnockOff[];
}

export interface SettledDatePlan {
  settledDate: string;
  invoiceEdits: InvoiceEdit[];
  creditNotes: PlannedDocument[];
  adjustment: PlannedDocument | null;
  payment: PlannedPayment;
  /** Σ settlement amount of the date's rows posted by this run. */
  netTotal: Sen;
  rowKeys: string[];
}

/** Per settled date, for the pane before posting: revenue → fees by bucket → shipping → adjustments → refunds → payout. */
export interface PayoutWaterfall {
  settledDate: string;
  revenue: Sen;
  /** Fees of order and refund rows by bucket, without Shipping and Adjustment (shown on their own). */
  fees: Partial<Record<FeeBucket, Sen>>;
  shipping: Sen;
  /** Adjustment rows plus adjustments on order rows. */
  adjustments: Sen;
  /** Revenue of refund rows (negative). */
  refunds: Sen;
  payout: Sen;
  /** Rows whose identity is broken: posting is blocked while there are any. */
  brokenLines: number[];
}

export interface PlanProblem extends SettlementProblem {
  orderIds?: string[];
}

export interface PaymentPlan {
  rows: PlannedRow[];
  /** Empty while the run is blocked. */
  dates: SettledDatePlan[];
  waterfall: PayoutWaterfall[];
  problems: PlanProblem[];
  blocked: boolean;
}

export const ORDERS_NOT_SYNCED_MESSAGE = "Please sync all orders before posting payment.";

/** Invoice line order, as WORKED-EXAMPLE writes it. */
const LINE_ORDER: FeeBucket[] = [
  "Transaction",
  "Commission",
  "Affiliate",
  "Service",
  "Shipping",
  "Adjustment",
  "Other fees",
];

const LINE_DESCRIPTION: Record<FeeBucket, string> = {
  Transaction: "TikTok transaction fee",
  Commission: "TikTok commission",
  Shipping: "TikTok shipping fee",
  Affiliate: "Affiliate commission",
  Service: "TikTok service fees",
  Adjustment: "TikTok adjustment",
  "Other fees": "Other TikTok fees",
};

function byDate<T>(items: readonly T[], dateOf: (t: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(dateOf(item)) ?? [];
    list.push(item);
    groups.set(dateOf(item), list);
  }
  return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

const total = (lines: readonly InvoiceLine[]): Sen => sen(lines.reduce((a, l) => a + l.amount, 0));

export function buildPaymentPlan(input: PaymentPlanInput, ctx: PaymentPlanContext): PaymentPlan {
  const digits = minorDigits(ctx.currency);
  const money = (v: number) => formatMoney(sen(v), digits);
  const line = (itemCode: string, description: string, amount: Sen, quantity = 1): InvoiceLine => {
    const account = ctx.accountOfItem?.(itemCode);
    return { itemCode, description, quantity, unitPrice: amount, amount, ...(account ? { account } : {}) };
  };

  const posted = new Map<string, number>();
  for (const key of input.postedKeys) posted.set(key, (posted.get(key) ?? 0) + 1);
  const rows: PlannedRow[] = input.rows.map((row) => {
    const key = postedRowKey(ctx.shopId, row);
    const invoiceNo = row.kind === "adjustment" ? null : (input.invoices.get(row.id)?.docNo ?? null);
    const times = posted.get(key) ?? 0;
    if (times > 0) {
      posted.set(key, times - 1);
      return { row, key, status: "Posted", invoiceNo };
    }
    if (!row.valid) return { row, key, status: "Broken", invoiceNo };
    if (row.kind !== "adjustment" && invoiceNo === null)
      return { row, key, status: "Missing invoice", invoiceNo };
    return { row, key, status: "To post", invoiceNo };
  });

  const problems: PlanProblem[] = [];
  const missing = rows.filter((r) => r.status === "Missing invoice");
  if (missing.length > 0) {
    const orderIds = [...new Set(missing.map((r) => r.row.id))];
    problems.push({
      severity: "error",
      line: missing[0].row.sourceLines[0] ?? null,
      column: "Invoice No",
      code: "ORDERS_NOT_SYNCED",
      message: ORDERS_NOT_SYNCED_MESSAGE,
      orderIds,
    });
  }
  const broken = rows.filter((r) => r.status === "Broken");
  if (broken.length > 0) {
    problems.push({
      severity: "error",
      line: broken[0].row.sourceLines[0] ?? null,
      column: null,
      code: "ROWS_DO_NOT_ADD_UP",
      message: `Rows ${broken.map((r) => r.row.sourceLines.join("+")).join(", ")} of the file do not add up, so nothing is posted: see the file's problems, download it again from Seller Center and load it again.`,
    });
  }
  const otherCurrency = rows.filter((r) => r.status !== "Posted" && r.row.currency !== ctx.currency);
  if (otherCurrency.length > 0) {
    problems.push({
      severity: "error",
      line: otherCurrency[0].row.sourceLines[0] ?? null,
      column: "Currency",
      code: "OTHER_CURRENCY",
      message: `The file is in ${otherCurrency[0].row.currency} but the store books in ${ctx.currency}: load this store's own settlement file.`,
    });
  }

  const waterfall = byDate(input.rows, (r) => r.settledDate).map(([settledDate, dateRows]) => {
    const w: PayoutWaterfall = {
      settledDate,
      revenue: ZERO,
      fees: {},
      shipping: ZERO,
      adjustments: ZERO,
      refunds: ZERO,
      payout: ZERO,
      brokenLines: [],
    };
    for (const row of dateRows) {
      w.payout = sen(w.payout + row.settlementAmount);
      if (!row.valid) w.brokenLines.push(...row.sourceLines);
      if (row.kind === "adjustment") {
        w.adjustments = sen(w.adjustments + row.settlementAmount);
        continue;
      }
      if (row.kind === "refund") w.refunds = sen(w.refunds + row.revenue);
      else w.revenue = sen(w.revenue + row.revenue);
      for (const [b, v] of Object.entries(row.feeBuckets) as [FeeBucket, Sen][]) {
        if (b === "Shipping") w.shipping = sen(w.shipping + v);
        else if (b === "Adjustment") w.adjustments = sen(w.adjustments + v);
        else w.fees[b] = sen((w.fees[b] ?? 0) + v);
      }
    }
    return w;
  });

  const blocked = problems.some((p) => p.severity === "error");
  if (blocked) return { rows, dates: [], waterfall, problems, blocked };

  // Invoices change as the run goes: a later row of the same order sees the earlier edits.
  const state = new Map<string, { total: Sen; outstanding: Sen; settled: boolean }>();
  const invoiceState = (inv: PlanInvoice) => {
    let s = state.get(inv.docNo);
    if (!s) {
      s = { total: inv.total, outstanding: inv.outstanding, settled: inv.settled === true };
      state.set(inv.docNo, s);
    }
    return s;
  };

  const toPost = rows.filter((r) => r.status === "To post");
  const dates: SettledDatePlan[] = byDate(toPost, (r) => r.row.settledDate).map(([settledDate, dateRows]) => {
    const plan: SettledDatePlan = {
      settledDate,
      invoiceEdits: [],
      creditNotes: [],
      adjustment: null,
      payment: {
        kind: "payment",
        date: settledDate,
        description: `TikTok settlement ${settledDate}`,
        amount: ZERO,
        knockOffs: [],
        credits: [],
      },
      netTotal: ZERO,
      rowKeys: dateRows.map((r) => r.key),
    };
    const { knockOffs, credits } = plan.payment;
    for (const { row, key } of dateRows) {
      plan.netTotal = sen(plan.netTotal + row.settlementAmount);
      if (row.kind === "adjustment") continue;
      const inv = input.invoices.get(row.id) as PlanInvoice;
      const s = invoiceState(inv);
      const feeLines = LINE_ORDER.filter((b) => (row.feeBuckets[b] ?? 0) !== 0).map((b) =>
        line(ctx.feeMap.items[b], LINE_DESCRIPTION[b], row.feeBuckets[b] as Sen),
      );

      if (row.kind === "order") {
        // The first settlement replaces the invoice's total by what TikTok paid; a later one adds to it.
        const revenueDifference = s.settled ? row.revenue : sen(row.revenue - s.total);
        const lines = [...feeLines];
        if (revenueDifference !== 0)
          lines.push(line(ctx.revenueDifferenceItem, "Revenue difference", revenueDifference));
        const totalBefore = s.total;
        const totalAfter = sen(totalBefore + total(lines));
        s.outstanding = sen(s.outstanding + totalAfter - totalBefore);
        s.total = totalAfter;
        s.settled = true;
        plan.invoiceEdits.push({
          docNo: inv.docNo,
          orderId: row.id,
          rowKey: key,
          sourceLines: row.sourceLines,
          lines,
          totalBefore,
          totalAfter,
          revenueDifference,
          flagged: revenueDifference !== 0,
        });
        knockOffs.push({ docNo: inv.docNo, amount: row.settlementAmount });
        s.outstanding = sen(s.outstanding - row.settlementAmount);
        if (s.outstanding < 0) {
          problems.push({
            severity: "error",
            line: row.sourceLines[0] ?? null,
            column: null,
            code: "INVOICE_ALREADY_PAID",
            message: `Invoice ${inv.docNo} (order ${row.id}) has ${money(s.outstanding + row.settlementAmount)} outstanding after its TikTok fees, but TikTok settled ${money(row.settlementAmount)}: a payment or credit note already knocks it off. Remove that knock-off, then Post again.`,
            orderIds: [row.id],
          });
        }
        continue;
      }

      // Refund: returned goods, the seller discount given back, any revenue on the row, fees given back.
      const returned = ctx.returnedLines?.(row);
      const goods =
        returned && returned.length > 0 && total(returned) === -row.refundSubtotalBeforeDiscounts
          ? [
              ...returned,
              ...(row.refundOfSellerDiscounts !== 0
                ? [
                    line(
                      ctx.discountItem,
                      "Seller discount on returned goods",
                      sen(-row.refundOfSellerDiscounts),
                    ),
                  ]
                : []),
            ]
          : row.refundSubtotalAfterDiscounts !== 0
            ? [
                line(
                  ctx.returnsItem,
                  `Returned goods, order ${row.id}`,
                  sen(-row.refundSubtotalAfterDiscounts),
                ),
              ]
            : [];
      const lines = [
        ...goods,
        ...(row.subtotalAfterDiscounts !== 0
          ? [line(ctx.revenueDifferenceItem, "Revenue difference", sen(-row.subtotalAfterDiscounts))]
          : []),
        ...feeLines.map((l) => ({ ...l, unitPrice: sen(-l.unitPrice), amount: sen(-l.amount) })),
      ];
      const ref = `credit-note:${settledDate}:${row.id}:${plan.creditNotes.length + 1}`;
      const doc: PlannedDocument = {
        ref,
        kind: "creditNote",
        date: settledDate,
        description: `TikTok refund ${row.id}`,
        reference: row.id,
        againstDocNo: inv.docNo,
        orderId: row.id,
        lines,
        total: total(lines),
        rowKeys: [key],
        sourceLines: row.sourceLines,
      };
      plan.creditNotes.push(doc);
      credits.push({ ref, amount: doc.total });
    }

    const adjustmentRows = dateRows.filter((r) => r.row.kind === "adjustment");
    if (adjustmentRows.length > 0) {
      const sum = sen(adjustmentRows.reduce((a, r) => a + r.row.settlementAmount, 0));
      const kind = sum < 0 ? "creditNote" : "invoice";
      const sign = kind === "creditNote" ? -1 : 1;
      const lines = adjustmentRows.map(({ row }) =>
        line(ctx.feeMap.items.Adjustment, `${row.type} ${row.id}`, sen(sign * row.settlementAmount)),
      );
      const ref = `adjustment:${settledDate}`;
      plan.adjustment = {
        ref,
        kind,
        date: settledDate,
        description: "TikTok Adjustment",
        reference: `TikTok adjustments ${settledDate}`,
        againstDocNo: null,
        orderId: null,
        lines,
        total: total(lines),
        rowKeys: adjustmentRows.map((r) => r.key),
        sourceLines: adjustmentRows.flatMap((r) => r.row.sourceLines),
      };
      if (kind === "invoice") knockOffs.push({ ref, amount: plan.adjustment.total });
      else credits.push({ ref, amount: plan.adjustment.total });
    }

    plan.payment.kind = plan.netTotal < 0 ? "refund" : "payment";
    plan.payment.amount = sen(Math.abs(plan.netTotal));
    if (plan.payment.kind === "refund")
      plan.payment.description = `TikTok settlement ${settledDate} (refund)`;
    return plan;
  });

  const stillBlocked = problems.some((p) => p.severity === "error");
  return { rows, dates: stillBlocked ? [] : dates, waterfall, problems, blocked: stillBlocked };
}
