/** Order search (POST /order/202309/orders/search) and order detail (GET /order/202309/orders). */
import { ORDER_STATUSES, type OrderStatus } from "../../core/tiktok/types";
import type { SandboxOrder } from "../data/orders";
import { errors } from "../http/api-error";
import type { ApiRoute } from "../http/router";
import { PageTokens } from "../page-token";
import { booleanField, enumField, jsonBody, oneOf, pageAfter, pageSize, stringField, stringList, unixTime } from "./params";

const SEARCH_FIELDS = [
  "order_status",
  "create_time_ge",
  "create_time_lt",
  "update_time_ge",
  "update_time_lt",
  "shipping_type",
  "buyer_user_id",
  "is_buyer_request_cancel",
  "warehouse_ids",
];

const HINTS: Record<string, string> = {
  create_time_le: "Order search takes create_time_lt (exclusive), not create_time_le.",
  update_time_le: "Order search takes update_time_lt (exclusive), not update_time_le.",
  create_time_from: "create_time_from is the legacy API; use create_time_ge and create_time_lt.",
  create_time_to: "create_time_to is the legacy API; use create_time_ge and create_time_lt.",
  order_statuses: "order_status takes one status string.",
};

export const MAX_ORDER_IDS = 50;

export const orderSearchRoute: ApiRoute = {
  kind: "api",
  method: "POST",
  path: "/order/202309/orders/search",
  shopCipher: "required",
  scope: "seller.order.info",
  query: ["page_size", "page_token", "sort_field", "sort_order"],
  handle: ({ state, query, body, shop, now }) => {
    const size = pageSize(query.page_size);
    const sortField = oneOf("sort_field", query.sort_field, ["create_time", "update_time"] as const, "create_time");
    const sortOrder = oneOf("sort_order", query.sort_order, ["ASC", "DESC"] as const, "DESC");
    const filters = jsonBody(body, SEARCH_FIELDS, HINTS);
    const status = enumField<OrderStatus>(filters, "order_status", ORDER_STATUSES);
    const createGe = unixTime(filters, "create_time_ge");
    const createLt = unixTime(filters, "create_time_lt");
    const updateGe = unixTime(filters, "update_time_ge");
    const updateLt = unixTime(filters, "update_time_lt");
    const shippingType = enumField(filters, "shipping_type", ["TIKTOK", "SELLER"] as const);
    const buyer = stringField(filters, "buyer_user_id");
    const buyerCancel = booleanField(filters, "is_buyer_request_cancel");
    const warehouses = stringList(filters, "warehouse_ids", 100, () => errors.invalidBody("'warehouse_ids' takes at most 100 ids."));

    // An upper bound alone starts at the shop's first order; a lower bound alone takes in now.
    const range = (ge: number | undefined, lt: number | undefined) =>
      ge === undefined && lt === undefined ? undefined : { ge: ge ?? 0, lt: lt ?? Math.floor(now) + 1 };
    const created = range(createGe, createLt);
    const updated = range(updateGe, updateLt);
    const matching = shop.orders.filter(
      (o) =>
        (status === undefined || o.status === status) &&
        (created === undefined || (o.create_time >= created.ge && o.create_time < created.lt)) &&
        (updated === undefined || (o.update_time >= updated.ge && o.update_time < updated.lt)) &&
        (shippingType === undefined || o.shipping_type === shippingType) &&
        (buyer === undefined || o.user_id === buyer) &&
        (buyerCancel === undefined || o.is_buyer_request_cancel === buyerCancel) &&
        (warehouses === undefined || warehouses.includes(o.warehouse_id)),
    );

    const direction = sortOrder === "ASC" ? 1 : -1;
    const keyOf = (o: SandboxOrder): [number, string] => [o[sortField], o.id];
    const compareKeys = (a: [number, string], b: [number, string]) => direction * (a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    const sorted = [...matching].sort((a, b) => compareKeys(keyOf(a), keyOf(b)));

    const fingerprint = PageTokens.fingerprint(["orders", shop.shop.id, sortField, sortOrder, filters]);
    let cursor: [number, string] | undefined;
    if (query.page_token) {
      cursor = state.pageTokens.open(fingerprint, query.page_token);
      if (!cursor) throw errors.invalidPageToken();
    }
    const { page, more } = pageAfter(sorted, (o) => (cursor ? compareKeys(keyOf(o), cursor) : 1), size);
    return {
      next_page_token: more ? state.pageTokens.seal(fingerprint, keyOf(page[page.length - 1])) : "",
      total_count: matching.length,
      orders: page.map((o) => structuredClone(o)),
    };
  },
};

export const orderDetailRoute: ApiRoute = {
  kind: "api",
  method: "GET",
  path: "/order/202309/orders",
  shopCipher: "required",
  scope: "seller.order.info",
  query: ["ids"],
  handle: ({ query, shop }) => {
    if (!query.ids) throw errors.invalidQuery("'ids' is required: up to 50 order IDs, comma-separated.");
    const ids = query.ids.split(",");
    if (ids.some((id) => id.trim() === "")) throw errors.invalidQuery("'ids' has an empty entry; send order IDs separated by single commas.");
    if (ids.length > MAX_ORDER_IDS) throw errors.invalidQuery(`'ids' takes at most ${MAX_ORDER_IDS} order IDs per call; got ${ids.length}.`);
    const orders = [...new Set(ids.map((id) => id.trim()))].map((id) => {
      const order = shop.ordersById.get(id);
      if (!order) throw errors.orderNotFound();
      return structuredClone(order);
    });
    return { orders };
  },
};
