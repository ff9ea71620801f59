/**
 * What TikTok pays the seller: settlement transactions (an order's first settlement, a later refund of
 * some of its units, adjustments), grouped into daily statements, and the return requests behind the
 * refunds. One source for the finance API and the Seller Center export, so both agree to the sen.
 *
 * Amounts are integer sen, signed as they affect the seller (revenue positive, fees negative, a fee given
 * back on a refund positive). Parents are always computed from their children, so the Malaysian
 * "Order details" identities hold by construction:
 *   settlement = revenue + total fees + adjustment
 *   revenue = subtotal after seller discounts + refund subtotal after seller discounts
 *   subtotal after = subtotal before + seller discounts (negative)
 *   total fees = transaction fee + commission + seller shipping fee + affiliate + voucher xtra + SST + platform support fee
 *   seller shipping fee = its six shipping children
 */
import { requireMoney } from "../../core/money/money";
import type { IdAllocator, Random } from "../random";
import type { SandboxLineItem, SandboxOrder } from "./orders";
import type { SandboxProduct } from "./products";

const DAY = 86400;
const HOUR = 3600;

/** Malaysian fee rates, in basis points. */
export const TRANSACTION_FEE_BP = 216;
export const SST_BP = 800;
export const VOUCHER_XTRA_BP = 300;
export const PLATFORM_SUPPORT_FEE_SEN = 50;
const COMMISSION_BP = [400, 500, 600, 700, 800] as const;
const AFFILIATE_BP = [500, 800, 1000, 1200] as const;

export const AMOUNT_KEYS = [
  "subtotalBefore",
  "sellerDiscounts",
  "subtotalAfter",
  "refundBefore",
  "refundOfSellerDiscounts",
  "refundAfter",
  "revenue",
  "transactionFee",
  "commission",
  "sellerShipping",
  "actualShipping",
  "platformShippingDiscount",
  "customerShipping",
  "actualReturnShipping",
  "refundedCustomerShipping",
  "shippingSubsidy",
  "affiliate",
  "voucherXtra",
  "sst",
  "platformSupport",
  "totalFees",
  "adjustment",
  "settlement",
  "customerPayment",
  "customerRefund",
  "platformDiscounts",
  "refundOfPlatformDiscounts",
  "sellerShippingFeeDiscount",
] as const;
export type AmountKey = (typeof AMOUNT_KEYS)[number];
/** Signed sen per column of the settlement tree. */
export type SettlementAmounts = Record<AmountKey, number>;

export function zeroAmounts(): SettlementAmounts {
  return Object.fromEntries(AMOUNT_KEYS.map((k) => [k, 0])) as SettlementAmounts;
}

/** Fills in every parent from its children. */
export function completeAmounts(a: SettlementAmounts): SettlementAmounts {
  a.subtotalAfter = a.subtotalBefore + a.sellerDiscounts;
  a.refundAfter = a.refundBefore + a.refundOfSellerDiscounts;
  a.revenue = a.subtotalAfter + a.refundAfter;
  a.sellerShipping =
    a.actualShipping + a.platformShippingDiscount + a.customerShipping + a.actualReturnShipping + a.refundedCustomerShipping + a.shippingSubsidy;
  a.totalFees = a.transactionFee + a.commission + a.sellerShipping + a.affiliate + a.voucherXtra + a.sst + a.platformSupport;
  a.settlement = a.revenue + a.totalFees + a.adjustment;
  return a;
}

export function sumAmounts(parts: readonly SettlementAmounts[]): SettlementAmounts {
  const total = zeroAmounts();
  for (const part of parts) for (const key of AMOUNT_KEYS) total[key] += part[key];
  return total;
}

/** One SKU's share of an order or refund settlement. */
export interface SkuSettlement {
  skuId: string;
  skuName: string;
  productName: string;
  /** Units settled (or refunded) in this transaction. */
  quantity: number;
  amounts: SettlementAmounts;
}

export const ADJUSTMENT_TYPES = {
  LOGISTICS_REIMBURSEMENT: "Logistics reimbursement",
  DEDUCTIONS_INCURRED_BY_SELLER: "Deductions incurred by seller",
  GMV_PAYMENT_FOR_ADS: "GMV Payment for TikTok Ads",
  PLATFORM_REIMBURSEMENT: "Platform reimbursement",
} as const;
export type AdjustmentType = keyof typeof ADJUSTMENT_TYPES;

export interface SettlementTransaction {
  /** The finance API's transaction id. */
  id: string;
  kind: "order" | "refund" | "adjustment";
  /** "ORDER" or an adjustment type of the finance API. */
  type: "ORDER" | AdjustmentType;
  /** 'YYYY-MM-DD', the UTC date of the statement (= "Order settled time" of the export). */
  statementDate: string;
  statementTime: number;
  /** Set when the statements are cut. */
  statementId: string;
  /** Order rows and refunds: the order. */
  orderId?: string;
  /** Adjustments: their 19-digit id starting with 7, and the order they concern, if any. */
  adjustmentId?: string;
  relatedOrderId?: string;
  /** Orders: the order's create_time; adjustments: their statement time. */
  orderCreateTime: number;
  amounts: SettlementAmounts;
  skus: SkuSettlement[];
  /** Order rows only. */
  packageWeight?: { estimated: number; actual: number };
  /** "SKU * qty; SKU * qty;" as Seller Center lists the order's items (orders and refunds). */
  items?: string;
}

export interface Statement {
  id: string;
  /** 00:00 UTC of statementDate: statements are cut daily at midnight UTC. */
  statementTime: number;
  statementDate: string;
  paymentId: string;
  paymentStatus: "PAID" | "PROCESSING";
  amounts: SettlementAmounts;
  transactions: SettlementTransaction[];
}

export const RETURN_REASONS = [
  "Wrong size",
  "Item does not match description",
  "Damaged item",
  "Received wrong item",
  "Changed my mind",
] as const;

export interface ReturnRecord {
  returnId: string;
  orderId: string;
  returnType: "RETURN_AND_REFUND" | "REFUND";
  returnStatus: string;
  reason: string;
  createTime: number;
  updateTime: number;
  /** The units (line items) returned, with their return line ids. */
  lines: { returnLineItemId: string; line: SandboxLineItem }[];
  buyerUserId: string;
}

export interface ShopSettlements {
  transactions: SettlementTransaction[];
  statements: Statement[];
  statementsById: Map<string, Statement>;
  transactionsByOrder: Map<string, SettlementTransaction[]>;
  returns: ReturnRecord[];
}

/** The instant a statement covering `t` is cut: the next 00:00 UTC. */
export function statementTimeAfter(t: number): number {
  return (Math.floor(t / DAY) + 1) * DAY;
}

export function utcDate(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().slice(0, 10);
}

/** Round-half-up percentage of a non-negative sen amount. */
function share(amount: number, bp: number): number {
  return Math.floor((amount * bp + 5000) / 10000);
}

function money(text: string | undefined, field: string): number {
  return requireMoney(text, field);
}

interface LineFees {
  transactionFee: number;
  commission: number;
  affiliate: number;
  voucherXtra: number;
  sst: number;
}

interface OrderPlan {
  settleAt: number;
  affiliateBp: number;
  voucherXtra: boolean;
  extraShipping: number;
  weight: { estimated: number; actual: number };
  returnPlan?: {
    type: "RETURN_AND_REFUND" | "REFUND";
    createAt: number;
    refundAt: number;
    lineIds: Set<string>;
    returnShipping: number;
    reason: string;
  };
  rejected?: { createAt: number; reason: string };
}

/**
 * Settlements of one shop. Delivered and completed orders settle 2–6 days after delivery; about one in
 * twelve later has some units returned and refunded, settled on a later statement. Only statements cut
 * by `cutoff` exist; the random draws do not depend on it, so a later clock only reveals more.
 */
export function generateSettlements(
  random: Random,
  ids: IdAllocator,
  products: readonly SandboxProduct[],
  orders: readonly SandboxOrder[],
  window: { start: number; end: number },
): ShopSettlements {
  const cutoff = window.end;
  const commissionBp = new Map<string, number>();
  for (const product of products) commissionBp.set(product.id, random.pick(COMMISSION_BP));

  const transactions: SettlementTransaction[] = [];
  const returns: ReturnRecord[] = [];
  for (const order of orders) {
    if ((order.status !== "DELIVERED" && order.status !== "COMPLETED") || order.delivery_time === undefined) continue;
    const plan = planOrder(random, order);
    const lineFees = new Map<string, LineFees>();
    const statementTime = statementTimeAfter(plan.settleAt);
    // A refund settles after its order, so only settled orders need their fees per line.
    if (statementTime <= cutoff) transactions.push(orderSettlement(ids.next("72", 19), order, plan, commissionBp, lineFees, statementTime));
    const rp = plan.returnPlan;
    if (rp && rp.createAt <= cutoff) {
      const refundStatement = statementTimeAfter(rp.refundAt);
      const settled = refundStatement <= cutoff;
      const status = settled
        ? "RETURN_OR_REFUND_REQUEST_COMPLETE"
        : rp.refundAt <= cutoff
          ? "RETURN_OR_REFUND_REQUEST_SUCCESS"
          : rp.type === "REFUND"
            ? "RETURN_OR_REFUND_REQUEST_PENDING"
            : cutoff - rp.createAt < 2 * DAY
              ? "AWAITING_BUYER_SHIP"
              : "BUYER_SHIPPED_ITEM";
      const returned = order.line_items.filter((l) => rp.lineIds.has(l.id));
      returns.push({
        returnId: ids.next("40", 19),
        orderId: order.id,
        returnType: rp.type,
        returnStatus: status,
        reason: rp.reason,
        createTime: rp.createAt,
        updateTime: rp.refundAt <= cutoff ? rp.refundAt : rp.createAt + HOUR,
        lines: returned.map((line) => ({ returnLineItemId: ids.next("40", 19), line })),
        buyerUserId: order.user_id,
      });
      if (settled) transactions.push(refundSettlement(ids.next("72", 19), order, rp, returned, lineFees, refundStatement));
    }
    if (plan.rejected && plan.rejected.createAt <= cutoff) {
      const decided = plan.rejected.createAt + DAY;
      const first = order.line_items.find((l) => !l.is_gift) ?? order.line_items[0];
      returns.push({
        returnId: ids.next("40", 19),
        orderId: order.id,
        returnType: "RETURN_AND_REFUND",
        returnStatus: decided <= cutoff ? "REFUND_OR_RETURN_REQUEST_REJECT" : "RETURN_OR_REFUND_REQUEST_PENDING",
        reason: plan.rejected.reason,
        createTime: plan.rejected.createAt,
        updateTime: decided <= cutoff ? decided : plan.rejected.createAt,
        lines: [{ returnLineItemId: ids.next("40", 19), line: first }],
        buyerUserId: order.user_id,
      });
    }
  }

  transactions.push(...adjustments(random, ids, transactions, window));

  const byDate = new Map<number, SettlementTransaction[]>();
  for (const t of transactions) {
    const list = byDate.get(t.statementTime) ?? [];
    list.push(t);
    byDate.set(t.statementTime, list);
  }
  const times = [...byDate.keys()].sort((a, b) => a - b);
  const statements = times.map((time, i): Statement => {
    const list = byDate.get(time)!.sort(compareTransactions);
    const id = ids.next("72", 19);
    for (const t of list) t.statementId = id;
    return {
      id,
      statementTime: time,
      statementDate: utcDate(time),
      paymentId: ids.next("34", 19),
      // The newest statement is still being paid out.
      paymentStatus: i === times.length - 1 && cutoff - time < DAY ? "PROCESSING" : "PAID",
      amounts: sumAmounts(list.map((t) => t.amounts)),
      transactions: list,
    };
  });
  const transactionsByOrder = new Map<string, SettlementTransaction[]>();
  for (const s of statements) {
    for (const t of s.transactions) {
      if (!t.orderId) continue;
      const list = transactionsByOrder.get(t.orderId) ?? [];
      list.push(t);
      transactionsByOrder.set(t.orderId, list);
    }
  }
  returns.sort((a, b) => a.createTime - b.createTime || (a.returnId < b.returnId ? -1 : 1));
  return {
    transactions: statements.flatMap((s) => s.transactions),
    statements,
    statementsById: new Map(statements.map((s) => [s.id, s])),
    transactionsByOrder,
    returns,
  };
}

/** Order rows, then refunds, then adjustments; each by the order's creation, then id. */
export function compareTransactions(a: SettlementTransaction, b: SettlementTransaction): number {
  const rank = { order: 0, refund: 1, adjustment: 2 } as const;
  return rank[a.kind] - rank[b.kind] || a.orderCreateTime - b.orderCreateTime || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function planOrder(random: Random, order: SandboxOrder): OrderPlan {
  const delivered = order.delivery_time!;
  const settleAt = delivered + random.int(2 * DAY, 6 * DAY);
  const affiliateBp = random.chance(0.22) ? random.pick(AFFILIATE_BP) : 0;
  const voucherXtra = random.chance(0.12);
  const extraShipping = random.chance(0.3) ? random.int(1, 3) * 10 : 0;
  const estimated = random.int(15, 200) * 10;
  const weight = { estimated, actual: Math.max(10, estimated + random.int(-3, 3) * 10) };
  const plan: OrderPlan = { settleAt, affiliateBp, voucherXtra, extraShipping, weight };

  const paidLines = order.line_items.filter((l) => !l.is_gift);
  if (random.chance(0.08) && paidLines.length > 0) {
    const type = random.chance(0.6) ? "RETURN_AND_REFUND" : "REFUND";
    const createAt = delivered + random.int(1 * DAY, 5 * DAY);
    const refundAt = Math.max(settleAt + random.int(1 * DAY, 4 * DAY), createAt + random.int(2 * DAY, 6 * DAY));
    const count = paidLines.length === 1 ? 1 : random.int(1, paidLines.length);
    const lineIds = new Set(random.shuffle(paidLines.map((l) => l.id)).slice(0, count));
    const returnShipping = type === "RETURN_AND_REFUND" ? random.pick([490, 520, 650, 890]) : 0;
    plan.returnPlan = { type, createAt, refundAt, lineIds, returnShipping, reason: random.pick(RETURN_REASONS) };
  } else if (random.chance(0.02)) {
    plan.rejected = { createAt: delivered + random.int(1 * DAY, 4 * DAY), reason: random.pick(RETURN_REASONS) };
  }
  return plan;
}

interface SkuGroup {
  skuId: string;
  skuName: string;
  productName: string;
  lines: SandboxLineItem[];
}

function groupBySku(lines: readonly SandboxLineItem[]): SkuGroup[] {
  const groups = new Map<string, SkuGroup>();
  for (const line of lines) {
    const group = groups.get(line.sku_id) ?? { skuId: line.sku_id, skuName: line.sku_name, productName: line.product_name, lines: [] };
    group.lines.push(line);
    groups.set(line.sku_id, group);
  }
  return [...groups.values()];
}

export function shoppingCenterItems(lines: readonly SandboxLineItem[]): string {
  return groupBySku(lines)
    .map((g) => `${g.skuId} * ${g.lines.length};`)
    .join(" ");
}

/** Fees charged per unit, so a refund of some units gives back exactly what they were charged. */
function feesOfLines(order: SandboxOrder, plan: OrderPlan, commissionBp: Map<string, number>, out: Map<string, LineFees>): void {
  for (const line of order.line_items) {
    const original = money(line.original_price, "original_price");
    const after = original - money(line.seller_discount, "seller_discount");
    const sale = money(line.sale_price, "sale_price");
    const transactionFee = share(sale, TRANSACTION_FEE_BP);
    const commission = share(after, commissionBp.get(line.product_id) ?? COMMISSION_BP[0]);
    const affiliate = plan.affiliateBp ? share(after, plan.affiliateBp) : 0;
    const voucherXtra = plan.voucherXtra ? share(after, VOUCHER_XTRA_BP) : 0;
    // SST is charged on TikTok's own fees, not on what affiliates earn.
    const sst = share(transactionFee + commission + voucherXtra, SST_BP);
    out.set(line.id, { transactionFee, commission, affiliate, voucherXtra, sst });
  }
}

function orderSettlement(
  id: string,
  order: SandboxOrder,
  plan: OrderPlan,
  commissionBp: Map<string, number>,
  lineFees: Map<string, LineFees>,
  statementTime: number,
): SettlementTransaction {
  feesOfLines(order, plan, commissionBp, lineFees);
  const p = order.payment;
  const shippingFee = money(p.shipping_fee, "shipping_fee");
  const skus = groupBySku(order.line_items).map((group, index): SkuSettlement => {
    const a = zeroAmounts();
    for (const line of group.lines) {
      const fees = lineFees.get(line.id)!;
      a.subtotalBefore += money(line.original_price, "original_price");
      a.sellerDiscounts -= money(line.seller_discount, "seller_discount");
      a.platformDiscounts += money(line.platform_discount, "platform_discount");
      a.customerPayment += money(line.sale_price, "sale_price");
      a.transactionFee -= fees.transactionFee;
      a.commission -= fees.commission;
      a.affiliate -= fees.affiliate;
      a.voucherXtra -= fees.voucherXtra;
      a.sst -= fees.sst;
    }
    if (index === 0) {
      // Order-level amounts ride on the first SKU.
      const shippingTransactionFee = share(shippingFee, TRANSACTION_FEE_BP);
      a.actualShipping = -(money(p.original_shipping_fee, "original_shipping_fee") + plan.extraShipping);
      a.platformShippingDiscount = money(p.shipping_fee_platform_discount, "shipping_fee_platform_discount");
      a.customerShipping = shippingFee;
      a.sellerShippingFeeDiscount = -money(p.shipping_fee_seller_discount, "shipping_fee_seller_discount");
      a.customerPayment += shippingFee;
      a.transactionFee -= shippingTransactionFee;
      a.sst -= share(shippingTransactionFee, SST_BP);
      a.platformSupport = -PLATFORM_SUPPORT_FEE_SEN;
    }
    return { skuId: group.skuId, skuName: group.skuName, productName: group.productName, quantity: group.lines.length, amounts: completeAmounts(a) };
  });
  return {
    id,
    kind: "order",
    type: "ORDER",
    statementDate: utcDate(statementTime),
    statementTime,
    statementId: "",
    orderId: order.id,
    orderCreateTime: order.create_time,
    amounts: sumAmounts(skus.map((s) => s.amounts)),
    skus,
    packageWeight: plan.weight,
    items: shoppingCenterItems(order.line_items),
  };
}

function refundSettlement(
  id: string,
  order: SandboxOrder,
  plan: NonNullable<OrderPlan["returnPlan"]>,
  returned: readonly SandboxLineItem[],
  lineFees: Map<string, LineFees>,
  statementTime: number,
): SettlementTransaction {
  const skus = groupBySku(returned).map((group, index): SkuSettlement => {
    const a = zeroAmounts();
    for (const line of group.lines) {
      const fees = lineFees.get(line.id)!;
      a.refundBefore -= money(line.original_price, "original_price");
      a.refundOfSellerDiscounts += money(line.seller_discount, "seller_discount");
      a.refundOfPlatformDiscounts -= money(line.platform_discount, "platform_discount");
      a.customerRefund -= money(line.sale_price, "sale_price");
      a.transactionFee += fees.transactionFee;
      a.commission += fees.commission;
      a.affiliate += fees.affiliate;
      a.voucherXtra += fees.voucherXtra;
      a.sst += fees.sst;
    }
    if (index === 0) a.actualReturnShipping = -plan.returnShipping;
    return { skuId: group.skuId, skuName: group.skuName, productName: group.productName, quantity: group.lines.length, amounts: completeAmounts(a) };
  });
  return {
    id,
    kind: "refund",
    type: "ORDER",
    statementDate: utcDate(statementTime),
    statementTime,
    statementId: "",
    orderId: order.id,
    orderCreateTime: order.create_time,
    amounts: sumAmounts(skus.map((s) => s.amounts)),
    skus,
    items: shoppingCenterItems(order.line_items),
  };
}

/** About one adjustment every four statement days: reimbursements, deductions, ad payments. */
function adjustments(
  random: Random,
  ids: IdAllocator,
  settled: readonly SettlementTransaction[],
  window: { start: number; end: number },
): SettlementTransaction[] {
  const out: SettlementTransaction[] = [];
  const orderRows = settled.filter((t) => t.kind === "order").sort((a, b) => a.statementTime - b.statementTime || (a.id < b.id ? -1 : 1));
  for (let time = statementTimeAfter(window.start); time <= window.end; time += DAY) {
    if (!random.chance(0.25)) continue;
    let type = random.weighted<AdjustmentType>([
      ["LOGISTICS_REIMBURSEMENT", 35],
      ["DEDUCTIONS_INCURRED_BY_SELLER", 25],
      ["GMV_PAYMENT_FOR_ADS", 20],
      ["PLATFORM_REIMBURSEMENT", 20],
    ]);
    const earlier = orderRows.filter((t) => t.statementTime < time);
    const pick = random.next();
    let related: string | undefined;
    if (type === "PLATFORM_REIMBURSEMENT") {
      if (earlier.length > 0) related = earlier[Math.floor(pick * earlier.length)].orderId;
      else type = "LOGISTICS_REIMBURSEMENT";
    }
    const amount =
      type === "LOGISTICS_REIMBURSEMENT"
        ? random.int(50, 250) * 10
        : type === "DEDUCTIONS_INCURRED_BY_SELLER"
          ? -random.int(20, 150) * 10
          : type === "GMV_PAYMENT_FOR_ADS"
            ? -random.int(20, 150) * 100
            : random.int(10, 100) * 10;
    const a = zeroAmounts();
    a.adjustment = amount;
    out.push({
      id: ids.next("72", 19),
      kind: "adjustment",
      type,
      statementDate: utcDate(time),
      statementTime: time,
      statementId: "",
      adjustmentId: ids.next("74", 19),
      ...(related ? { relatedOrderId: related } : {}),
      orderCreateTime: time,
      amounts: completeAmounts(a),
      skus: [],
    });
  }
  return out;
}
