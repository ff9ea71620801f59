/**
 * The Seller Center settlement export (Finance → Settled → Export) of a Malaysian shop: the 55-column
 * "Order details" layout, one row per settlement transaction, built from the same transactions as the
 * finance API, so each settled date's rows add up to that day's statement.
 */
import { formatMoney, sen } from "../../core/money/money";
import type { ShopData } from "../data/world";
import { ADJUSTMENT_TYPES, type AmountKey, type SettlementTransaction } from "../data/settlements";
import { businessDate } from "../../core/dates/business-date";

type Cell = AmountKey | "zero" | ((t: SettlementTransaction) => string);

const text = (f: (t: SettlementTransaction) => string): Cell => f;
const slashDate = (date: string) => date.replace(/-/g, "/");

/** Column names and order exactly as the export writes them ("Ajustment" is TikTok's own spelling). */
export const SETTLEMENT_COLUMNS: readonly (readonly [string, Cell])[] = [
  ["Order/adjustment ID", text((t) => t.adjustmentId ?? t.orderId!)],
  ["Type", text((t) => (t.kind === "adjustment" ? ADJUSTMENT_TYPES[t.type as keyof typeof ADJUSTMENT_TYPES] : "Order"))],
  ["Order created time", text((t) => (t.kind === "adjustment" ? slashDate(t.statementDate) : slashDate(businessDate(t.orderCreateTime))))],
  ["Order settled time", text((t) => slashDate(t.statementDate))],
  ["Currency", text(() => "MYR")],
  ["Total settlement amount", "settlement"],
  ["Total Revenue", "revenue"],
  ["Subtotal after seller discounts", "subtotalAfter"],
  ["Subtotal before discounts", "subtotalBefore"],
  ["Seller discounts", "sellerDiscounts"],
  ["Refund subtotal after seller discounts", "refundAfter"],
  ["Refund subtotal before seller discounts", "refundBefore"],
  ["Refund of seller discounts", "refundOfSellerDiscounts"],
  ["Total Fees", "totalFees"],
  ["Transaction fee", "transactionFee"],
  ["TikTok Shop commission fee", "commission"],
  ["Credit card installment - Handling fee", "zero"],
  ["Seller shipping fee", "sellerShipping"],
  ["Actual shipping fee", "actualShipping"],
  ["Platform shipping fee discount", "platformShippingDiscount"],
  ["Customer shipping fee", "customerShipping"],
  ["Actual return shipping fee", "actualReturnShipping"],
  ["Refunded customer shipping fee", "refundedCustomerShipping"],
  ["Shipping subsidy", "shippingSubsidy"],
  ["Affiliate Commission", "affiliate"],
  ["Affiliate partner commission", "zero"],
  ["Affiliate Shop Ads commission", "zero"],
  ["Affiliate commission deposit", "zero"],
  ["Affiliate commission refund", "zero"],
  ["Affiliate Partner shop ads commission", "zero"],
  ["SFP service fee", "zero"],
  ["Dynamic commission", "zero"],
  ["Bonus cashback service fee", "zero"],
  ["LIVE Specials service fee", "zero"],
  ["SST", "sst"],
  ["Voucher Xtra service fee", "voucherXtra"],
  ["EAMS Program service fee", "zero"],
  ["Brands Crazy Deals/Flash Sale service fee", "zero"],
  ["TikTok PayLater program fee", "zero"],
  ["Campaign resource fee", "zero"],
  ["Platform support fee", "platformSupport"],
  ["Ajustment amount", "adjustment"],
  ["Related order ID", text((t) => (t.kind === "adjustment" ? (t.relatedOrderId ?? "/") : t.orderId!))],
  ["Customer payment", "customerPayment"],
  ["Customer refund", "customerRefund"],
  ["Seller co-funded voucher discount", "zero"],
  ["Refund of seller co-funded voucher discount", "zero"],
  ["Platform discounts", "platformDiscounts"],
  ["Refund of platform discounts", "refundOfPlatformDiscounts"],
  ["Platform co-funded voucher discounts", "zero"],
  ["Refund of platform co-funded voucher discounts", "zero"],
  ["Seller shipping fee discount", "sellerShippingFeeDiscount"],
  ["Estimated package weight (g)", text((t) => (t.packageWeight ? String(t.packageWeight.estimated) : "/"))],
  ["Actual package weight (g)", text((t) => (t.packageWeight ? String(t.packageWeight.actual) : "/"))],
  ["Shopping center items", text((t) => t.items ?? "/")],
];

/** "12.9", "0", "-2.14": the export writes amounts without trailing zeros. */
export function exportAmount(value: number): string {
  const fixed = formatMoney(sen(value));
  return fixed.replace(/\.?0+$/, "") || "0";
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows settled from `from` to `to` (UTC statement dates, inclusive), by date; per date orders, refunds, adjustments. */
export function settlementRows(shop: ShopData, from: string, to: string): SettlementTransaction[] {
  return shop.settlements.statements.filter((s) => s.statementDate >= from && s.statementDate <= to).flatMap((s) => s.transactions);
}

export function settlementCsv(shop: ShopData, from: string, to: string): string {
  const lines = [SETTLEMENT_COLUMNS.map(([name]) => csvCell(name)).join(",")];
  for (const t of settlementRows(shop, from, to)) {
    lines.push(
      SETTLEMENT_COLUMNS.map(([, cell]) => {
        if (cell === "zero") return "0";
        if (typeof cell === "function") return csvCell(cell(t));
        return exportAmount(t.amounts[cell]);
      }).join(","),
    );
  }
  return lines.join("\n") + "\n";
}
