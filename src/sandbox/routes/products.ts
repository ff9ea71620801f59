/** POST /product/202309/products/search: the shop's catalogue, with 202309's _le time filters. */
import { PRODUCT_STATUSES, wireProduct, type SandboxProduct } from "../data/products";
import { errors } from "../http/api-error";
import type { ApiRoute } from "../http/router";
import { PageTokens } from "../page-token";
import { enumField, jsonBody, pageAfter, pageSize, stringList, unixTime } from "./params";

const SEARCH_FIELDS = ["status", "seller_skus", "create_time_ge", "create_time_le", "update_time_ge", "update_time_le"];

const HINTS: Record<string, string> = {
  create_time_lt: "Product search takes create_time_le (inclusive), not create_time_lt.",
  update_time_lt: "Product search takes update_time_le (inclusive), not update_time_lt.",
  sku_ids: "sku_ids arrived in version 202502; this path is 202309.",
};

export const MAX_SEARCH_RESULTS = 10_000;

export const productSearchRoute: ApiRoute = {
  kind: "api",
  method: "POST",
  path: "/product/202309/products/search",
  shopCipher: "required",
  scope: "seller.product.basic",
  query: ["page_size", "page_token"],
  handle: ({ state, query, body, shop }) => {
    const size = pageSize(query.page_size, errors.productPageSize);
    const filters = jsonBody(body, SEARCH_FIELDS, HINTS);
    const status = enumField(filters, "status", ["ALL", ...PRODUCT_STATUSES] as const) ?? "ALL";
    const sellerSkus = stringList(filters, "seller_skus", 10, errors.tooManySellerSkus);
    const createGe = unixTime(filters, "create_time_ge");
    const createLe = unixTime(filters, "create_time_le");
    const updateGe = unixTime(filters, "update_time_ge");
    const updateLe = unixTime(filters, "update_time_le");

    const matching = shop.products.filter(
      (p) =>
        (status === "ALL" ? p.status !== "DELETED" : p.status === status) &&
        (sellerSkus === undefined || p.skus.some((s) => sellerSkus.includes(s.seller_sku))) &&
        (createGe === undefined || p.create_time >= createGe) &&
        (createLe === undefined || p.create_time <= createLe) &&
        (updateGe === undefined || p.update_time >= updateGe) &&
        (updateLe === undefined || p.update_time <= updateLe),
    );
    if (matching.length > MAX_SEARCH_RESULTS) throw errors.productSearchTooLarge();

    const keyOf = (p: SandboxProduct): [number, string] => [p.create_time, p.id];
    // Newest first; ties broken by id so the order is total.
    const compareKeys = (a: [number, string], b: [number, string]) => -(a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    const sorted = [...matching].sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
    const fingerprint = PageTokens.fingerprint(["products", shop.shop.id, filters]);
    let cursor: [number, string] | undefined;
    if (query.page_token) {
      cursor = state.pageTokens.open(fingerprint, query.page_token);
      if (!cursor) throw errors.productPageToken();
    }
    const { page, more } = pageAfter(sorted, (p) => (cursor ? compareKeys(keyOf(p), cursor) : 1), size);
    return {
      next_page_token: more ? state.pageTokens.seal(fingerprint, keyOf(page[page.length - 1])) : "",
      total_count: matching.length,
      products: page.map((p) => structuredClone(wireProduct(p))),
    };
  },
};
