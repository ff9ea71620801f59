/**
 * Finance: daily statements (202309) and the transactions behind them, per statement and per order, in
 * version 202501 (the 202309 transaction endpoints were retired on 2025-07-01; calling them answers
 * 36009014 like any retired version). Amounts are signed decimal strings, fees negative.
 */
import { formatMoney, sen } from "../../core/money/money";
import type { SettlementAmounts, SettlementTransaction, SkuSettlement, Statement } from "../data/settlements";
import { errors } from "../http/api-error";
import type { ApiRoute } from "../http/router";
import { PageTokens } from "../page-token";
import { oneOf, pageAfter, pageSize } from "./params";

const CURRENCY = "MYR";
const DEFAULT_STATEMENT_PAGE_SIZE = 20;

function m(value: number): string {
  return formatMoney(sen(value));
}

function unixQuery(query: Record<string, string>, name: string): number | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (!/^\d{1,10}$/.test(value)) throw errors.invalidQuery(`'${name}' must be a Unix time in seconds; got "${value}".`);
  return Number(value);
}

function requiredSortField(query: Record<string, string>, field: string): void {
  if (query.sort_field === undefined) throw errors.invalidQuery(`'sort_field' is required; send sort_field=${field}.`);
  if (query.sort_field !== field) throw errors.invalidQuery(`'sort_field' must be ${field}; got "${query.sort_field}".`);
}

type Key = [number, string];
const compareKeys = (direction: number) => (a: Key, b: Key) => direction * (a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));

function wireStatement(s: Statement) {
  return {
    id: s.id,
    statement_time: s.statementTime,
    settlement_amount: m(s.amounts.settlement),
    currency: CURRENCY,
    revenue_amount: m(s.amounts.revenue),
    // South-East Asian statements: settlement = revenue + fees + adjustment, shipping inside the fees.
    fee_amount: m(s.amounts.totalFees),
    adjustment_amount: m(s.amounts.adjustment),
    payment_status: s.paymentStatus,
    payment_id: s.paymentId,
    net_sales_amount: m(s.amounts.revenue),
    shipping_cost_amount: m(s.amounts.sellerShipping),
  };
}

function feeTaxAmount(a: SettlementAmounts): number {
  return a.transactionFee + a.commission + a.affiliate + a.voucherXtra + a.sst + a.platformSupport;
}

function breakdowns(a: SettlementAmounts) {
  return {
    revenue_amount: m(a.revenue),
    revenue_breakdown: {
      subtotal_before_discount_amount: m(a.subtotalBefore),
      refund_subtotal_before_discount_amount: m(a.refundBefore),
      seller_discount_amount: m(a.sellerDiscounts),
      seller_discount_refund_amount: m(a.refundOfSellerDiscounts),
      cod_service_fee_amount: "0.00",
      refund_cod_service_fee_amount: "0.00",
    },
    shipping_cost_amount: m(a.sellerShipping),
    shipping_cost_breakdown: {
      actual_shipping_fee_amount: m(a.actualShipping),
      shipping_fee_discount_amount: m(a.platformShippingDiscount),
      customer_paid_shipping_fee_amount: m(a.customerShipping),
      return_shipping_fee_amount: m(a.actualReturnShipping),
      refunded_customer_paid_shipping_fee_amount: m(a.refundedCustomerShipping),
      shipping_fee_subsidy_amount: m(a.shippingSubsidy),
    },
    fee_tax_amount: m(feeTaxAmount(a)),
    fee_tax_breakdown: {
      fee: {
        transaction_fee_amount: m(a.transactionFee),
        platform_commission_amount: m(a.commission),
        affiliate_commission_amount: m(a.affiliate),
        voucher_xtra_service_fee_amount: m(a.voucherXtra),
        platform_support_fee_amount: m(a.platformSupport),
        credit_card_handling_fee_amount: "0.00",
        affiliate_partner_commission_amount: "0.00",
        affiliate_ads_commission_amount: "0.00",
        sfp_service_fee_amount: "0.00",
        live_specials_fee_amount: "0.00",
        bonus_cashback_service_fee_amount: "0.00",
        flash_sales_service_fee_amount: "0.00",
        dynamic_commission_amount: "0.00",
      },
      tax: { sst_amount: m(a.sst) },
    },
    supplementary_component: {
      customer_payment_amount: m(a.customerPayment),
      customer_refund_amount: m(a.customerRefund),
      platform_discount_amount: m(a.platformDiscounts),
      platform_discount_refund_amount: m(a.refundOfPlatformDiscounts),
      seller_shipping_fee_discount_amount: m(a.sellerShippingFeeDiscount),
    },
  };
}

function wireTransaction(t: SettlementTransaction) {
  return {
    id: t.id,
    type: t.type,
    order_id: t.orderId ?? "0",
    order_create_time: t.orderCreateTime,
    adjustment_id: t.adjustmentId ?? "0",
    adjustment_order_id: t.relatedOrderId ?? "0",
    adjustment_amount: m(t.amounts.adjustment),
    settlement_amount: m(t.amounts.settlement),
    ...breakdowns(t.amounts),
    reserve_amount: "0.00",
  };
}

function wireSkuTransaction(statementId: string, sku: SkuSettlement) {
  return {
    sku_id: sku.skuId,
    sku_name: sku.skuName,
    product_name: sku.productName,
    statement_id: statementId,
    quantity: String(sku.quantity),
    settlement_amount: m(sku.amounts.settlement),
    ...breakdowns(sku.amounts),
  };
}

export const statementsRoute: ApiRoute = {
  kind: "api",
  method: "GET",
  path: "/finance/202309/statements",
  shopCipher: "required",
  scope: "seller.finance.info",
  query: ["sort_field", "sort_order", "statement_time_ge", "statement_time_lt", "payment_status", "page_size", "page_token"],
  handle: ({ state, query, shop }) => {
    requiredSortField(query, "statement_time");
    const sortOrder = oneOf("sort_order", query.sort_order, ["ASC", "DESC"] as const, "ASC");
    const size = query.page_size === undefined ? DEFAULT_STATEMENT_PAGE_SIZE : pageSize(query.page_size);
    const ge = unixQuery(query, "statement_time_ge");
    const lt = unixQuery(query, "statement_time_lt");
    const status = query.payment_status === undefined ? undefined : oneOf("payment_status", query.payment_status, ["PAID", "FAILED", "PROCESSING"] as const, "PAID");
    const matching = shop.settlements.statements.filter(
      (s) => (ge === undefined || s.statementTime >= ge) && (lt === undefined || s.statementTime < lt) && (status === undefined || s.paymentStatus === status),
    );
    const compare = compareKeys(sortOrder === "ASC" ? 1 : -1);
    const keyOf = (s: Statement): Key => [s.statementTime, s.id];
    const sorted = [...matching].sort((a, b) => compare(keyOf(a), keyOf(b)));
    const fingerprint = PageTokens.fingerprint(["statements", shop.shop.id, sortOrder, ge, lt, status]);
    const cursor = openCursor(state.pageTokens, fingerprint, query.page_token);
    const { page, more } = pageAfter(sorted, (s) => (cursor ? compare(keyOf(s), cursor) : 1), size);
    return {
      next_page_token: more ? state.pageTokens.seal(fingerprint, keyOf(page[page.length - 1])) : "",
      total_count: matching.length,
      statements: page.map(wireStatement),
    };
  },
};

export const statementTransactionsRoute: ApiRoute = {
  kind: "api",
  method: "GET",
  path: "/finance/202501/statements/{statement_id}/statement_transactions",
  shopCipher: "required",
  scope: "seller.finance.info",
  query: ["sort_field", "sort_order", "page_size", "page_token"],
  handle: ({ state, query, shop, params }) => {
    requiredSortField(query, "order_create_time");
    const sortOrder = oneOf("sort_order", query.sort_order, ["ASC", "DESC"] as const, "ASC");
    const size = pageSize(query.page_size);
    const statement = shop.settlements.statementsById.get(params.statement_id);
    if (!statement) throw errors.statementNotFound();
    const compare = compareKeys(sortOrder === "ASC" ? 1 : -1);
    const keyOf = (t: SettlementTransaction): Key => [t.orderCreateTime, t.id];
    const sorted = [...statement.transactions].sort((a, b) => compare(keyOf(a), keyOf(b)));
    const fingerprint = PageTokens.fingerprint(["statement-transactions", shop.shop.id, statement.id, sortOrder]);
    const cursor = openCursor(state.pageTokens, fingerprint, query.page_token);
    const { page, more } = pageAfter(sorted, (t) => (cursor ? compare(keyOf(t), cursor) : 1), size);
    const a = statement.amounts;
    return {
      next_page_token: more ? state.pageTokens.seal(fingerprint, keyOf(page[page.length - 1])) : "",
      id: statement.id,
      create_time: statement.statementTime,
      status: "SETTLED",
      currency: CURRENCY,
      payable_amount: m(a.settlement),
      total_reserve_amount: "0.00",
      total_settlement_amount: m(a.settlement),
      total_settlement_breakdown: {
        total_revenue_amount: m(a.revenue),
        total_shipping_cost_amount: m(a.sellerShipping),
        total_fee_tax_amount: m(feeTaxAmount(a)),
        total_adjustment_amount: m(a.adjustment),
      },
      total_count: statement.transactions.length,
      transactions: page.map(wireTransaction),
    };
  },
};

export const orderStatementTransactionsRoute: ApiRoute = {
  kind: "api",
  method: "GET",
  path: "/finance/202501/orders/{order_id}/statement_transactions",
  shopCipher: "required",
  scope: "seller.finance.info",
  query: [],
  handle: ({ shop, params }) => {
    const order = shop.ordersById.get(params.order_id);
    if (!order) throw errors.orderNotFound();
    const settled = shop.settlements.transactionsByOrder.get(order.id) ?? [];
    const total = settled.reduce(
      (sum, t) => ({
        revenue: sum.revenue + t.amounts.revenue,
        fee: sum.fee + feeTaxAmount(t.amounts),
        shipping: sum.shipping + t.amounts.sellerShipping,
        settlement: sum.settlement + t.amounts.settlement,
      }),
      { revenue: 0, fee: 0, shipping: 0, settlement: 0 },
    );
    return {
      order_id: order.id,
      order_create_time: order.create_time,
      currency: CURRENCY,
      revenue_amount: m(total.revenue),
      fee_and_tax_amount: m(total.fee),
      shipping_cost_amount: m(total.shipping),
      settlement_amount: m(total.settlement),
      sku_transactions: settled.flatMap((t) => t.skus.map((sku) => wireSkuTransaction(t.statementId, sku))),
    };
  },
};

function openCursor(tokens: PageTokens, fingerprint: string, token: string | undefined): Key | undefined {
  if (!token) return undefined;
  const cursor = tokens.open(fingerprint, token);
  if (!cursor) throw errors.invalidPageToken();
  return cursor;
}
