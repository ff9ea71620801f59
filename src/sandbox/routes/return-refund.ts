/** Returns and cancellations search (POST /return_refund/202309/returns/search and …/cancellations/search). */
import { formatMoney, requireMoney, sen } from "../../core/money/money";
import type { CancellationRecord } from "../data/cancellations";
import type { SandboxLineItem } from "../data/orders";
import type { ReturnRecord } from "../data/settlements";
import { errors } from "../http/api-error";
import type { ApiRoute } from "../http/router";
import { PageTokens } from "../page-token";
import { jsonBody, oneOf, pageAfter, stringField, stringList, unixTime } from "./params";

const CURRENCY = "MYR";

export const RETURN_TYPES = ["REFUND", "RETURN_AND_REFUND", "REPLACEMENT"] as const;
export const RETURN_STATUSES = [
  "RETURN_OR_REFUND_REQUEST_PENDING",
  "REFUND_OR_RETURN_REQUEST_REJECT",
  "AWAITING_BUYER_SHIP",
  "BUYER_SHIPPED_ITEM",
  "REJECT_RECEIVE_PACKAGE",
  "RETURN_OR_REFUND_REQUEST_SUCCESS",
  "RETURN_OR_REFUND_REQUEST_CANCEL",
  "RETURN_OR_REFUND_REQUEST_COMPLETE",
  "REPLACEMENT_REQUEST_PENDING",
  "REPLACEMENT_REQUEST_REJECT",
  "REPLACEMENT_REQUEST_REFUND_SUCCESS",
  "REPLACEMENT_REQUEST_CANCEL",
  "REPLACEMENT_REQUEST_COMPLETE",
  "AWAITING_BUYER_RESPONSE",
] as const;
export const CANCEL_TYPES = ["CANCEL", "BUYER_CANCEL"] as const;
export const CANCEL_STATUSES = [
  "CANCELLATION_REQUEST_PENDING",
  "CANCELLATION_REQUEST_SUCCESS",
  "CANCELLATION_REQUEST_CANCEL",
  "CANCELLATION_REQUEST_COMPLETE",
] as const;

function amount(text: string | undefined): number {
  return requireMoney(text, "amount");
}

function m(value: number): string {
  return formatMoney(sen(value));
}

function refundAmount(subtotal: number, shipping: number) {
  return {
    currency: CURRENCY,
    refund_total: m(subtotal + shipping),
    refund_subtotal: m(subtotal),
    refund_shipping_fee: m(shipping),
    refund_tax: "0.00",
    retail_delivery_fee: "0.00",
    buyer_service_fee: "0.00",
  };
}

function lineIdentity(line: SandboxLineItem) {
  return { order_line_item_id: line.id, sku_id: line.sku_id, sku_name: line.sku_name, product_name: line.product_name, seller_sku: line.seller_sku };
}

function wireReturn(r: ReturnRecord) {
  const lines = r.lines.map(({ returnLineItemId, line }) => ({
    return_line_item_id: returnLineItemId,
    ...lineIdentity(line),
    refund_amount: refundAmount(amount(line.sale_price), 0),
  }));
  return {
    return_id: r.returnId,
    order_id: r.orderId,
    return_type: r.returnType,
    return_status: r.returnStatus,
    role: "BUYER",
    return_reason: r.reason.toLowerCase().replace(/[^a-z]+/g, "_"),
    return_reason_text: r.reason,
    create_time: r.createTime,
    update_time: r.updateTime,
    refund_amount: refundAmount(r.lines.reduce((sum, { line }) => sum + amount(line.sale_price), 0), 0),
    return_line_items: lines,
    seller_next_action_response: [],
  };
}

function wireCancellation(c: CancellationRecord) {
  const p = c.order.payment;
  return {
    cancel_id: c.cancelId,
    order_id: c.orderId,
    cancel_type: c.cancelType,
    cancel_status: "CANCELLATION_REQUEST_COMPLETE",
    role: c.role,
    cancel_reason: c.reason.toLowerCase().replace(/[^a-z]+/g, "_"),
    cancel_reason_text: c.reason,
    create_time: c.createTime,
    update_time: c.updateTime,
    // Nothing is refunded for an order that was never paid.
    refund_amount: c.paid ? refundAmount(amount(p.sub_total), amount(p.shipping_fee)) : refundAmount(0, 0),
    cancel_line_items: c.lines.map(({ cancelLineItemId, line }) => ({ cancel_line_item_id: cancelLineItemId, ...lineIdentity(line) })),
    seller_next_action_response: [],
  };
}

function enumList<T extends string>(body: Record<string, unknown>, name: string, allowed: readonly T[]): T[] | undefined {
  const values = stringList(body, name, 100, () => errors.invalidBody(`'${name}' takes at most 100 values.`));
  const wrong = values?.find((v) => !(allowed as readonly string[]).includes(v));
  if (wrong !== undefined) throw errors.invalidBody(`'${name}' values must be among ${allowed.join(", ")}; got "${wrong}".`);
  return values as T[] | undefined;
}

function idList(body: Record<string, unknown>, name: string): string[] | undefined {
  return stringList(body, name, 100, () => errors.invalidBody(`'${name}' takes at most 100 ids.`));
}

/** page_size: absent → the default; otherwise a whole number within [min, max]. */
function boundedPageSize(value: string | undefined, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,3}$/.test(value) || Number(value) < min || Number(value) > max) {
    throw errors.invalidQuery(`'page_size' must be a whole number from ${min} to ${max}; got "${value}".`);
  }
  return Number(value);
}

interface Searchable {
  id: string;
  create_time: number;
  update_time: number;
}

function search<T extends Searchable>(
  items: readonly T[],
  query: Record<string, string>,
  filters: Record<string, unknown>,
  name: string,
  shopId: string,
  size: number,
  tokens: PageTokens,
): { page: T[]; next: string } {
  const sortField = oneOf("sort_field", query.sort_field, ["create_time", "update_time"] as const, "create_time");
  const sortOrder = oneOf("sort_order", query.sort_order, ["ASC", "DESC"] as const, "ASC");
  const direction = sortOrder === "ASC" ? 1 : -1;
  const keyOf = (item: T): [number, string] => [item[sortField], item.id];
  const compare = (a: [number, string], b: [number, string]) => direction * (a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const sorted = [...items].sort((a, b) => compare(keyOf(a), keyOf(b)));
  const fingerprint = PageTokens.fingerprint([name, shopId, sortField, sortOrder, filters]);
  let cursor: [number, string] | undefined;
  if (query.page_token) {
    cursor = tokens.open(fingerprint, query.page_token);
    if (!cursor) throw errors.invalidPageToken();
  }
  const { page, more } = pageAfter(sorted, (item) => (cursor ? compare(keyOf(item), cursor) : 1), size);
  return { page, next: more ? tokens.seal(fingerprint, keyOf(page[page.length - 1])) : "" };
}

function inRange(value: number, ge: number | undefined, lt: number | undefined): boolean {
  return (ge === undefined || value >= ge) && (lt === undefined || value < lt);
}

const RETURN_FIELDS = [
  "return_ids",
  "order_ids",
  "buyer_user_ids",
  "return_types",
  "return_status",
  "seller_proposed_return_type",
  "arbitration_status",
  "create_time_ge",
  "create_time_lt",
  "update_time_ge",
  "update_time_lt",
  "locale",
];

export const returnSearchRoute: ApiRoute = {
  kind: "api",
  method: "POST",
  path: "/return_refund/202309/returns/search",
  shopCipher: "required",
  scope: "seller.return_refund.basic",
  query: ["page_size", "page_token", "sort_field", "sort_order"],
  handle: ({ state, query, body, shop }) => {
    const size = boundedPageSize(query.page_size, 10, 50, 10);
    const filters = jsonBody(body, RETURN_FIELDS, { create_time_le: "Use create_time_lt (exclusive).", update_time_le: "Use update_time_lt (exclusive)." });
    const returnIds = idList(filters, "return_ids");
    const orderIds = idList(filters, "order_ids");
    const buyers = idList(filters, "buyer_user_ids");
    const types = enumList(filters, "return_types", RETURN_TYPES);
    const statuses = enumList(filters, "return_status", RETURN_STATUSES);
    enumList(filters, "seller_proposed_return_type", RETURN_TYPES);
    stringList(filters, "arbitration_status", 100, () => errors.invalidBody("'arbitration_status' takes at most 100 values."));
    stringField(filters, "locale");
    const createGe = unixTime(filters, "create_time_ge");
    const createLt = unixTime(filters, "create_time_lt");
    const updateGe = unixTime(filters, "update_time_ge");
    const updateLt = unixTime(filters, "update_time_lt");
    // Arbitration is not simulated: a filter on it matches nothing.
    const arbitration = filters.arbitration_status !== undefined && (filters.arbitration_status as string[]).length > 0;
    const matching = shop.settlements.returns
      .filter(
        (r) =>
          !arbitration &&
          (returnIds === undefined || returnIds.includes(r.returnId)) &&
          (orderIds === undefined || orderIds.includes(r.orderId)) &&
          (buyers === undefined || buyers.includes(r.buyerUserId)) &&
          (types === undefined || types.includes(r.returnType)) &&
          (statuses === undefined || statuses.includes(r.returnStatus as (typeof RETURN_STATUSES)[number])) &&
          inRange(r.createTime, createGe, createLt) &&
          inRange(r.updateTime, updateGe, updateLt),
      )
      .map((r) => ({ id: r.returnId, create_time: r.createTime, update_time: r.updateTime, record: r }));
    const { page, next } = search(matching, query, filters, "returns", shop.shop.id, size, state.pageTokens);
    return { next_page_token: next, total_count: matching.length, return_orders: page.map((p) => wireReturn(p.record)) };
  },
};

const CANCEL_FIELDS = [
  "cancel_ids",
  "order_ids",
  "buyer_user_ids",
  "cancel_types",
  "cancel_status",
  "create_time_ge",
  "create_time_lt",
  "update_time_ge",
  "update_time_lt",
  "locale",
];

export const cancellationSearchRoute: ApiRoute = {
  kind: "api",
  method: "POST",
  path: "/return_refund/202309/cancellations/search",
  shopCipher: "required",
  scope: "seller.return_refund.basic",
  query: ["page_size", "page_token", "sort_field", "sort_order"],
  handle: ({ state, query, body, shop }) => {
    const size = boundedPageSize(query.page_size, 1, 50, 10);
    const filters = jsonBody(body, CANCEL_FIELDS, { create_time_le: "Use create_time_lt (exclusive).", update_time_le: "Use update_time_lt (exclusive)." });
    const cancelIds = idList(filters, "cancel_ids");
    const orderIds = idList(filters, "order_ids");
    const buyers = idList(filters, "buyer_user_ids");
    const types = enumList(filters, "cancel_types", CANCEL_TYPES);
    const statuses = enumList(filters, "cancel_status", CANCEL_STATUSES);
    stringField(filters, "locale");
    const createGe = unixTime(filters, "create_time_ge");
    const createLt = unixTime(filters, "create_time_lt");
    const updateGe = unixTime(filters, "update_time_ge");
    const updateLt = unixTime(filters, "update_time_lt");
    const matching = shop.cancellations
      .filter(
        (c) =>
          (cancelIds === undefined || cancelIds.includes(c.cancelId)) &&
          (orderIds === undefined || orderIds.includes(c.orderId)) &&
          (buyers === undefined || buyers.includes(c.buyerUserId)) &&
          (types === undefined || types.includes(c.cancelType)) &&
          (statuses === undefined || statuses.includes("CANCELLATION_REQUEST_COMPLETE")) &&
          inRange(c.createTime, createGe, createLt) &&
          inRange(c.updateTime, updateGe, updateLt),
      )
      .map((c) => ({ id: c.cancelId, create_time: c.createTime, update_time: c.updateTime, record: c }));
    const { page, next } = search(matching, query, filters, "cancellations", shop.shop.id, size, state.pageTokens);
    return { next_page_token: next, total_count: matching.length, cancellations: page.map((p) => wireCancellation(p.record)) };
  },
};
