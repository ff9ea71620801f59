import { parseMoney } from "../../src/core/money/money";
import type { Order, OrderSearchData } from "../../src/core/tiktok/types";
import { startSandbox, type RunningSandbox } from "../../src/sandbox";
import { SignedClient } from "./signed-client";

const NOW = 1_780_000_000; // 2026-05-29 04:26:40 in Kuala Lumpur
const SEARCH = "/order/202309/orders/search";
const DETAIL = "/order/202309/orders";

const sen = (text: string): number => {
  const value = parseMoney(text);
  if (value === undefined) throw new Error(`not money: ${text}`);
  return value;
};

describe("order search and detail", () => {
  let sandbox: RunningSandbox;
  let client: SignedClient;
  let token: string;
  let cipher: string;
  let all: Order[];
  let now = NOW;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: 11, orders: 200, days: 30, endDate: "2026-05-28", now: () => now });
    client = new SignedClient(sandbox);
    ({ token, cipher } = await client.link());
    all = sandbox.orders(sandbox.info.shops[0].id);
  });

  afterAll(() => sandbox.close());

  // A fixed clock never opens a new rate-limit second by itself.
  beforeEach(() => {
    now += 2;
  });

  const search = (query: Record<string, string>, body = "{}") =>
    client.call<OrderSearchData>({ path: SEARCH, query: { shop_cipher: cipher, ...query }, body, token });

  async function fetchAll(pageSize: number, sort: Record<string, string>, body: string) {
    const orders: Order[] = [];
    const tokens: string[] = [];
    let pageToken = "";
    for (let page = 0; page < 100; page++) {
      const result = await search({ page_size: String(pageSize), ...sort, ...(pageToken ? { page_token: pageToken } : {}) }, body);
      expect(result.json.code).toBe(0);
      const data = result.json.data!;
      expect(data.orders.length).toBeLessThanOrEqual(pageSize);
      orders.push(...data.orders);
      pageToken = data.next_page_token;
      if (!pageToken) break;
      tokens.push(pageToken);
    }
    return { orders, tokens };
  }

  test("the window holds 200 orders created inside the 30 days ending 2026-05-28 (Kuala Lumpur)", () => {
    const start = Date.UTC(2026, 3, 29) / 1000 - 8 * 3600;
    const end = Date.UTC(2026, 4, 29) / 1000 - 8 * 3600;
    expect(all).toHaveLength(200);
    expect(all.every((o) => o.create_time >= start && o.create_time < end)).toBe(true);
    expect(new Set(all.map((o) => o.id)).size).toBe(200);
    expect(all.every((o) => /^57\d{16}$/.test(o.id))).toBe(true);
  });

  test.each([100, 37])("paging with page_size %i returns exactly the sandbox's orders, oldest first, no duplicates or gaps", async (size) => {
    const body = JSON.stringify({ create_time_ge: 0, create_time_lt: NOW });
    const { orders, tokens } = await fetchAll(size, { sort_field: "create_time", sort_order: "ASC" }, body);
    const expected = [...all].sort((a, b) => a.create_time - b.create_time || (a.id < b.id ? -1 : 1));
    expect(orders.map((o) => o.id)).toEqual(expected.map((o) => o.id));
    expect(orders).toEqual(expected);
    expect(tokens).toHaveLength(Math.ceil(200 / size) - 1);
    for (const t of tokens) expect(t).toMatch(/[+/]/);
  });

  test("the default sort is create_time, newest first, and total_count counts every match", async () => {
    const result = await search({ page_size: "5" });
    const newest = [...all].sort((a, b) => b.create_time - a.create_time || (a.id < b.id ? 1 : -1)).slice(0, 5);
    expect(result.json.data!.orders.map((o) => o.id)).toEqual(newest.map((o) => o.id));
    expect(result.json.data!.total_count).toBe(200);
  });

  test("the last page has an empty next_page_token", async () => {
    const result = await search({ page_size: "100" }, JSON.stringify({ order_status: "UNPAID" }));
    const unpaid = all.filter((o) => o.status === "UNPAID");
    expect(unpaid.length).toBeGreaterThan(0);
    expect(result.json.data).toMatchObject({ next_page_token: "", total_count: unpaid.length });
  });

  test("filters by status and by a create_time window [ge, lt)", async () => {
    const sorted = [...all].sort((a, b) => a.create_time - b.create_time);
    const ge = sorted[50].create_time;
    const lt = sorted[120].create_time;
    const body = JSON.stringify({ order_status: "COMPLETED", create_time_ge: ge, create_time_lt: lt });
    const { orders } = await fetchAll(100, { sort_field: "create_time", sort_order: "ASC" }, body);
    const expected = sorted.filter((o) => o.status === "COMPLETED" && o.create_time >= ge && o.create_time < lt);
    expect(expected.length).toBeGreaterThan(10);
    expect(orders.map((o) => o.id).sort()).toEqual(expected.map((o) => o.id).sort());
  });

  test("sorting by update_time descending pages through every order once", async () => {
    const { orders } = await fetchAll(64, { sort_field: "update_time", sort_order: "DESC" }, "{}");
    expect(orders).toHaveLength(200);
    expect(new Set(orders.map((o) => o.id)).size).toBe(200);
    for (let i = 1; i < orders.length; i++) expect(orders[i - 1].update_time).toBeGreaterThanOrEqual(orders[i].update_time);
  });

  test("page_size 0, 101 or missing is refused", async () => {
    for (const query of [{ page_size: "0" }, { page_size: "101" }, {}] as Record<string, string>[]) {
      const result = await search(query);
      expect(result.json).toMatchObject({
        code: 36009004,
        message: "Invalid query parameter. 'page_size' is required and must be a whole number from 1 to 100.",
        data: null,
      });
    }
  });

  test("an altered page token, or one from another search, is refused", async () => {
    const first = await search({ page_size: "10" });
    const pageToken = first.json.data!.next_page_token;
    const altered = pageToken.slice(0, 10) + (pageToken[10] === "A" ? "B" : "A") + pageToken.slice(11);
    expect((await search({ page_size: "10", page_token: altered })).json.code).toBe(36009004);
    const other = await search({ page_size: "10", page_token: pageToken }, JSON.stringify({ order_status: "DELIVERED" }));
    expect(other.json.message).toBe("Invalid query parameter. The 'page_token' is invalid or belongs to another search.");
    expect((await search({ page_size: "10", page_token: pageToken })).json.code).toBe(0);
  });

  test("an unencoded page token (its + read as a space) is refused", async () => {
    const first = await search({ page_size: "10" });
    const pageToken = first.json.data!.next_page_token;
    expect(pageToken).toContain("+");
    const broken = await search({ page_size: "10", page_token: pageToken.replace(/\+/g, " ") });
    expect(broken.json.code).toBe(36009004);
  });

  test("malformed JSON, an unknown field and a wrong type in the body are 'Invalid body'", async () => {
    expect((await search({ page_size: "10" }, "{oops")).json.message).toBe("Invalid body. The body is not valid JSON.");
    expect((await search({ page_size: "10" }, JSON.stringify({ create_time_le: 1 }))).json.message).toBe(
      "Invalid body. 'create_time_le' is not a field of this API. Order search takes create_time_lt (exclusive), not create_time_le.",
    );
    expect((await search({ page_size: "10" }, JSON.stringify({ order_status: "SHIPPED" }))).json.code).toBe(36009004);
    expect((await search({ page_size: "10" }, JSON.stringify({ create_time_ge: "1700000000" }))).json.message).toBe(
      'Invalid body. \'create_time_ge\' must be a Unix time in seconds (a whole number); got "1700000000".',
    );
  });

  test("order detail returns the asked orders in the asked order", async () => {
    const ids = [all[5].id, all[0].id, all[77].id];
    const result = await client.call<{ orders: Order[] }>({ path: DETAIL, query: { ids: ids.join(","), shop_cipher: cipher }, token });
    expect(result.json.code).toBe(0);
    expect(result.json.data!.orders).toEqual([all[5], all[0], all[77]]);
  });

  test("order detail refuses more than 50 ids and ids of other sellers' orders", async () => {
    const ids = all.slice(0, 51).map((o) => o.id).join(",");
    const tooMany = await client.call({ path: DETAIL, query: { ids, shop_cipher: cipher }, token });
    expect(tooMany.json).toMatchObject({ code: 36009004, message: "Invalid query parameter. 'ids' takes at most 50 order IDs per call; got 51." });
    const fifty = await client.call<{ orders: Order[] }>({ path: DETAIL, query: { ids: all.slice(0, 50).map((o) => o.id).join(","), shop_cipher: cipher }, token });
    expect(fifty.json.data!.orders).toHaveLength(50);
    const foreign = await client.call({ path: DETAIL, query: { ids: `${all[0].id},576461413038785752`, shop_cipher: cipher }, token });
    expect(foreign.json).toMatchObject({ code: 21008111, message: "The order or package does not belong to the current seller.", data: null });
  });
});

describe("seeded orders", () => {
  let sandbox: RunningSandbox;
  let orders: Order[];

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: 5, orders: 400, products: 40, days: 30, endDate: "2026-05-28", now: () => NOW });
    orders = sandbox.orders(sandbox.info.shops[0].id);
  });

  afterAll(() => sandbox.close());

  test("payment identities hold exactly for every order and line item", () => {
    const problems: string[] = [];
    const check = (id: string, what: string, actual: number, expected: number) => {
      if (actual !== expected) problems.push(`${id} ${what}: ${actual} ≠ ${expected}`);
    };
    for (const { id, payment: p, line_items: lines } of orders) {
      const sum = (pick: (l: (typeof lines)[number]) => string) => lines.reduce((total, l) => total + sen(pick(l)), 0);
      check(id, "original_total_product_price", sen(p.original_total_product_price), sum((l) => l.original_price));
      check(id, "seller_discount", sen(p.seller_discount), sum((l) => l.seller_discount));
      check(id, "platform_discount", sen(p.platform_discount), sum((l) => l.platform_discount));
      check(id, "sub_total", sen(p.sub_total), sen(p.original_total_product_price) - sen(p.seller_discount) - sen(p.platform_discount));
      check(id, "shipping_fee", sen(p.shipping_fee), sen(p.original_shipping_fee) - sen(p.shipping_fee_seller_discount) - sen(p.shipping_fee_platform_discount));
      check(id, "total_amount", sen(p.total_amount), sen(p.sub_total) + sen(p.shipping_fee) + sen(p.tax ?? "0"));
      if (sen(p.shipping_fee) < 0) problems.push(`${id} negative shipping_fee`);
      for (const l of lines) {
        check(l.id, "sale_price", sen(l.sale_price), sen(l.original_price) - sen(l.seller_discount) - sen(l.platform_discount));
        if (sen(l.sale_price) < 0) problems.push(`${l.id} negative sale_price`);
      }
    }
    expect(problems).toEqual([]);
    expect(orders.filter((o) => o.payment.sub_total !== o.payment.original_total_product_price).length).toBeGreaterThan(50);
  });

  test("money is a decimal string with two decimals everywhere", () => {
    const amounts = orders.flatMap((o) => [
      ...Object.entries(o.payment).filter(([key]) => key !== "currency").map(([, v]) => v),
      ...o.line_items.flatMap((l) => [l.original_price, l.sale_price, l.seller_discount, l.platform_discount]),
    ]);
    expect(amounts.filter((v) => !/^\d+\.\d{2}$/.test(v))).toEqual([]);
    expect(amounts.length).toBeGreaterThan(5000);
  });

  test("every status appears, most orders are completed or delivered, and cancellations are few", () => {
    const count = (s: string) => orders.filter((o) => o.status === s).length;
    for (const s of ["UNPAID", "ON_HOLD", "AWAITING_SHIPMENT", "AWAITING_COLLECTION", "IN_TRANSIT", "DELIVERED", "COMPLETED", "CANCELLED"]) {
      expect(count(s)).toBeGreaterThan(0);
    }
    expect(count("COMPLETED") + count("DELIVERED")).toBeGreaterThan(orders.length * 0.6);
    expect(count("CANCELLED")).toBeLessThan(orders.length * 0.15);
    expect(count("ON_HOLD")).toBeLessThan(orders.length * 0.05);
  });

  test("units are separate line items: some orders repeat a sku_id, some carry discounts and gifts", () => {
    const repeats = orders.filter((o) => new Set(o.line_items.map((l) => l.sku_id)).size < o.line_items.length);
    expect(repeats.length).toBeGreaterThan(10);
    expect(orders.some((o) => o.line_items.some((l) => l.seller_discount !== "0.00"))).toBe(true);
    expect(orders.some((o) => o.line_items.some((l) => l.platform_discount !== "0.00"))).toBe(true);
    expect(orders.some((o) => o.payment.shipping_fee_platform_discount !== "0.00")).toBe(true);
    const gifts = orders.flatMap((o) => o.line_items.filter((l) => l.is_gift));
    expect(gifts.length).toBeGreaterThan(0);
    for (const g of gifts) expect([g.original_price, g.sale_price]).toEqual(["0.00", "0.00"]);
    expect(orders.every((o) => o.line_items.every((l) => !("quantity" in l)))).toBe(true);
  });

  test("cancelled orders say when, why and by whom, and their lines are CANCELLED", () => {
    const cancelled = orders.filter((o) => o.status === "CANCELLED");
    for (const o of cancelled) {
      expect(o.cancel_time).toBeGreaterThanOrEqual(o.create_time);
      expect(o.cancel_reason).toEqual(expect.any(String));
      expect(["BUYER", "SELLER", "SYSTEM"]).toContain(o.cancellation_initiator);
      expect(o.line_items.every((l) => l.display_status === "CANCELLED")).toBe(true);
    }
  });

  test("times are ordered and never after the sandbox clock; UNPAID and ON_HOLD orders have no address", () => {
    const problems = orders.flatMap((o) => {
      const found: string[] = [];
      if (o.update_time < o.create_time || o.update_time > NOW) found.push("update_time");
      if (o.paid_time !== undefined && o.paid_time < o.create_time) found.push("paid_time");
      if (o.delivery_time !== undefined && (o.paid_time === undefined || o.delivery_time < o.paid_time)) found.push("delivery_time");
      if ((o.recipient_address === undefined) !== (o.status === "UNPAID" || o.status === "ON_HOLD")) found.push("recipient_address");
      if (o.status === "UNPAID" && o.paid_time !== undefined) found.push("unpaid with paid_time");
      return found.map((f) => `${o.id} ${o.status}: ${f}`);
    });
    expect(problems).toEqual([]);
  });

  test("about one SKU in ten has a seller SKU in another style, so it matches no item code", () => {
    const skus = sandbox.products(sandbox.info.shops[0].id).flatMap((p) => p.skus);
    const clean = skus.filter((s) => /^[A-Z0-9]+(-[A-Z0-9]+)*$/.test(s.seller_sku));
    const messy = skus.length - clean.length;
    expect(messy).toBeGreaterThan(0);
    expect(messy).toBeLessThan(skus.length * 0.25);
  });
});
