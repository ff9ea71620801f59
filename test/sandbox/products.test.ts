import type { Product, ProductSearchData } from "../../src/core/tiktok/types";
import { startSandbox, type RunningSandbox } from "../../src/sandbox";
import { SignedClient } from "./signed-client";

const NOW = 1_780_000_000;
const SEARCH = "/product/202309/products/search";

describe("product search", () => {
  let sandbox: RunningSandbox;
  let client: SignedClient;
  let token: string;
  let cipher: string;
  let all: Product[];

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: 21, products: 40, orders: 20, endDate: "2026-05-28", now: () => NOW });
    client = new SignedClient(sandbox);
    ({ token, cipher } = await client.link());
    all = sandbox.products(sandbox.info.shops[0].id);
  });

  afterAll(() => sandbox.close());

  const search = (query: Record<string, string>, body = "{}") =>
    client.call<ProductSearchData>({ path: SEARCH, query: { shop_cipher: cipher, ...query }, body, token });

  test("seeds 40 products with 1–4 SKUs, 19-digit ids starting 17, and MYR prices", () => {
    expect(all).toHaveLength(40);
    for (const p of all) {
      expect(p.id).toMatch(/^17\d{17}$/);
      expect(p.skus.length).toBeGreaterThanOrEqual(1);
      expect(p.skus.length).toBeLessThanOrEqual(4);
      for (const s of p.skus) {
        expect(s.id).toMatch(/^17\d{17}$/);
        expect(s.price.currency).toBe("MYR");
        expect(s.price.sale_price).toMatch(/^\d+\.\d0$/);
      }
    }
    const sellerSkus = all.flatMap((p) => p.skus.map((s) => s.seller_sku));
    expect(new Set(sellerSkus).size).toBe(sellerSkus.length);
    expect(sellerSkus.some((s) => /^[A-Z0-9]+-[A-Z]{3}-(S|M|L|XL|2XL)$/.test(s))).toBe(true);
  });

  test("paging with page_size 7 returns every product once, newest first", async () => {
    const fetched: Product[] = [];
    let pageToken = "";
    do {
      const result = await search({ page_size: "7", ...(pageToken ? { page_token: pageToken } : {}) });
      expect(result.json.code).toBe(0);
      expect(result.json.data!.total_count).toBe(40);
      fetched.push(...result.json.data!.products);
      pageToken = result.json.data!.next_page_token;
    } while (pageToken);
    const expected = [...all].sort((a, b) => b.create_time - a.create_time || (a.id < b.id ? 1 : -1));
    expect(fetched).toEqual(expected);
  });

  test("filters by seller SKU and by status", async () => {
    const target = all[3].skus[0].seller_sku;
    const bySku = await search({ page_size: "100" }, JSON.stringify({ seller_skus: [target] }));
    expect(bySku.json.data!.products.map((p) => p.id)).toEqual([all[3].id]);
    const active = await search({ page_size: "100" }, JSON.stringify({ status: "ACTIVATE" }));
    expect(active.json.data!.total_count).toBe(all.filter((p) => p.status === "ACTIVATE").length);
  });

  test("an update time window is inclusive at both ends (_ge and _le)", async () => {
    const t = all[0].update_time;
    const result = await search({ page_size: "100" }, JSON.stringify({ update_time_ge: t, update_time_le: t }));
    expect(result.json.data!.products.map((p) => p.id)).toContain(all[0].id);
  });

  test("more than 10 seller SKUs is 12019027 and _lt filters are pointed to _le", async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `SKU-${i}`);
    expect((await search({ page_size: "10" }, JSON.stringify({ seller_skus: eleven }))).json.code).toBe(12019027);
    expect((await search({ page_size: "10" }, JSON.stringify({ create_time_lt: 1 }))).json.message).toBe(
      "Invalid body. 'create_time_lt' is not a field of this API. Product search takes create_time_le (inclusive), not create_time_lt.",
    );
  });

  test("page_size outside 1–100 is 12019109 and a bad page token 12019108", async () => {
    expect((await search({ page_size: "0" })).json.code).toBe(12019109);
    expect((await search({ page_size: "101" })).json.code).toBe(12019109);
    expect((await search({ page_size: "10", page_token: "bm90IGEgdG9rZW4=" })).json.code).toBe(12019108);
  });
});

describe("a very large catalogue", () => {
  test("a search matching more than 10,000 products is 12052180", async () => {
    const sandbox = await startSandbox({ port: 0, products: 10_001, orders: 0, endDate: "2026-05-28", now: () => NOW });
    try {
      const client = new SignedClient(sandbox);
      const { token, cipher } = await client.link();
      const result = await client.call({ path: SEARCH, query: { page_size: "100", shop_cipher: cipher }, body: "{}", token });
      expect(result.json).toMatchObject({ code: 12052180, message: "The total number of search results can not exceed 10000.", data: null });
      const narrowed = await client.call<ProductSearchData>({
        path: SEARCH,
        query: { page_size: "100", shop_cipher: cipher },
        body: JSON.stringify({ status: "DRAFT" }),
        token,
      });
      expect(narrowed.json.code).toBe(0);
      expect(narrowed.json.data!.total_count).toBeGreaterThan(0);
    } finally {
      await sandbox.close();
    }
  });
});
