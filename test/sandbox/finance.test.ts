import { parseMoney } from "../../src/core/money/money";
import type {
  OrderStatementTransactionsData,
  SettlementBreakdown,
  Statement,
  StatementSearchData,
  StatementTransaction,
  StatementTransactionsData,
} from "../../src/core/tiktok/types";
import { startSandbox, type RunningSandbox } from "../../src/sandbox";
import { SignedClient } from "./signed-client";

const NOW = Date.parse("2026-04-01T04:00:00Z") / 1000;
const STATEMENTS = "/finance/202309/statements";
const transactionsPath = (id: string) => `/finance/202501/statements/${id}/statement_transactions`;
const orderPath = (id: string) => `/finance/202501/orders/${id}/statement_transactions`;

const sen = (text: string): number => {
  const value = parseMoney(text);
  if (value === undefined) throw new Error(`not money: ${text}`);
  return value;
};

/** settlement = revenue + shipping + fees and taxes + adjustment, and each parent = Σ its children. */
function checkBreakdown(b: SettlementBreakdown, adjustment = "0.00"): void {
  const r = b.revenue_breakdown;
  expect(sen(b.revenue_amount)).toBe(
    sen(r.subtotal_before_discount_amount) + sen(r.seller_discount_amount) + sen(r.refund_subtotal_before_discount_amount) + sen(r.seller_discount_refund_amount),
  );
  expect(sen(b.shipping_cost_amount)).toBe(Object.values(b.shipping_cost_breakdown).reduce((s, v) => s + sen(v), 0));
  const feeTax = [...Object.values(b.fee_tax_breakdown.fee), ...Object.values(b.fee_tax_breakdown.tax)].reduce((s, v) => s + sen(v), 0);
  expect(sen(b.fee_tax_amount)).toBe(feeTax);
  expect(sen(b.settlement_amount)).toBe(sen(b.revenue_amount) + sen(b.shipping_cost_amount) + sen(b.fee_tax_amount) + sen(adjustment));
}

describe("finance statements and transactions", () => {
  let sandbox: RunningSandbox;
  let client: SignedClient;
  let token: string;
  let cipher: string;
  let statements: Statement[];
  let now = NOW;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: 7, orders: 300, days: 40, endDate: "2026-03-31", now: () => now });
    client = new SignedClient(sandbox);
    ({ token, cipher } = await client.link());
    statements = [];
    let pageToken = "";
    do {
      const page = await client.call<StatementSearchData>({
        path: STATEMENTS,
        query: { shop_cipher: cipher, sort_field: "statement_time", page_size: "7", ...(pageToken ? { page_token: pageToken } : {}) },
        token,
      });
      expect(page.json.code).toBe(0);
      statements.push(...page.json.data!.statements);
      pageToken = page.json.data!.next_page_token;
    } while (pageToken);
  });

  afterAll(() => sandbox.close());
  beforeEach(() => {
    now += 2;
  });

  const transactionsOf = async (statementId: string, pageSize = 100): Promise<{ data: StatementTransactionsData; all: StatementTransaction[] }> => {
    const all: StatementTransaction[] = [];
    let pageToken = "";
    let data: StatementTransactionsData;
    do {
      const page = await client.call<StatementTransactionsData>({
        path: transactionsPath(statementId),
        query: { shop_cipher: cipher, sort_field: "order_create_time", page_size: String(pageSize), ...(pageToken ? { page_token: pageToken } : {}) },
        token,
      });
      expect(page.json.code).toBe(0);
      data = page.json.data!;
      all.push(...data.transactions);
      pageToken = data.next_page_token;
    } while (pageToken);
    return { data: data!, all };
  };

  test("daily statements are cut at 00:00 UTC, ascending, one per settled day, each settlement = revenue + fees + adjustment", () => {
    expect(statements.length).toBeGreaterThan(20);
    for (const s of statements) {
      expect(s.statement_time % 86400).toBe(0);
      expect(s.currency).toBe("MYR");
      expect(s.id).toMatch(/^7\d{18}$/);
      expect(sen(s.settlement_amount)).toBe(sen(s.revenue_amount) + sen(s.fee_amount) + sen(s.adjustment_amount));
    }
    const times = statements.map((s) => s.statement_time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(times.length);
    expect(Math.max(...times)).toBeLessThanOrEqual(NOW);
    expect(statements.slice(0, -1).every((s) => s.payment_status === "PAID")).toBe(true);
  });

  test("sort_field is required and must be statement_time", async () => {
    const missing = await client.call({ path: STATEMENTS, query: { shop_cipher: cipher }, token });
    expect(missing.json).toMatchObject({ code: 36009004, message: "Invalid query parameter. 'sort_field' is required; send sort_field=statement_time." });
    const wrong = await client.call({ path: STATEMENTS, query: { shop_cipher: cipher, sort_field: "create_time" }, token });
    expect(wrong.json.code).toBe(36009004);
  });

  test("statement_time_ge/lt select a window and DESC reverses the order; page_size defaults to 20", async () => {
    const ge = statements[3].statement_time;
    const lt = statements[8].statement_time;
    const page = await client.call<StatementSearchData>({
      path: STATEMENTS,
      query: { shop_cipher: cipher, sort_field: "statement_time", sort_order: "DESC", statement_time_ge: String(ge), statement_time_lt: String(lt) },
      token,
    });
    expect(page.json.data!.statements.map((s) => s.id)).toEqual(statements.slice(3, 8).map((s) => s.id).reverse());
    const first = await client.call<StatementSearchData>({ path: STATEMENTS, query: { shop_cipher: cipher, sort_field: "statement_time" }, token });
    expect(first.json.data!.statements).toHaveLength(Math.min(20, statements.length));
    const big = await client.call({ path: STATEMENTS, query: { shop_cipher: cipher, sort_field: "statement_time", page_size: "101" }, token });
    expect(big.json.code).toBe(36009004);
  });

  test("a statement's transactions add up to it, page after page, and each one's breakdown holds", async () => {
    for (const s of statements.slice(0, 12)) {
      const { data, all } = await transactionsOf(s.id, 3);
      expect(data.id).toBe(s.id);
      expect(data.create_time).toBe(s.statement_time);
      expect(data.total_count).toBe(all.length);
      expect(new Set(all.map((t) => t.id)).size).toBe(all.length);
      expect(all.reduce((sum, t) => sum + sen(t.settlement_amount), 0)).toBe(sen(s.settlement_amount));
      expect(sen(data.total_settlement_amount)).toBe(sen(s.settlement_amount));
      for (const t of all) checkBreakdown(t, t.adjustment_amount);
      const created = all.map((t) => t.order_create_time);
      expect(created).toEqual([...created].sort((a, b) => a - b));
    }
  });

  test("adjustments carry a 19-digit id starting with 7 and order_id 0; orders carry the order id", async () => {
    const all = (await Promise.all(statements.map(async (s) => (await transactionsOf(s.id)).all))).flat();
    const adjustments = all.filter((t) => t.type !== "ORDER");
    expect(adjustments.length).toBeGreaterThan(3);
    for (const a of adjustments) {
      expect(a.adjustment_id).toMatch(/^7\d{18}$/);
      expect(a.order_id).toBe("0");
      expect(sen(a.settlement_amount)).toBe(sen(a.adjustment_amount));
    }
    const ids = new Set(sandbox.orders(sandbox.info.shops[0].id).map((o) => o.id));
    for (const t of all.filter((t) => t.type === "ORDER")) expect(ids.has(t.order_id)).toBe(true);
  });

  test("statement transactions need sort_field=order_create_time and a page_size; an unknown statement is refused", async () => {
    const id = statements[0].id;
    const noSort = await client.call({ path: transactionsPath(id), query: { shop_cipher: cipher, page_size: "10" }, token });
    expect(noSort.json.code).toBe(36009004);
    const noSize = await client.call({ path: transactionsPath(id), query: { shop_cipher: cipher, sort_field: "order_create_time" }, token });
    expect(noSize.json.code).toBe(36009004);
    const unknown = await client.call({
      path: transactionsPath("7000000000000000000"),
      query: { shop_cipher: cipher, sort_field: "order_create_time", page_size: "10" },
      token,
    });
    expect(unknown.json).toMatchObject({ code: 36009004, message: "Invalid identifier. The statement_id does not belong to this shop." });
  });

  test("the retired 202309 statement transactions answer 36009014", async () => {
    const old = await client.call({
      path: `/finance/202309/statements/${statements[0].id}/statement_transactions`,
      query: { shop_cipher: cipher, sort_field: "order_create_time", page_size: "10" },
      token,
    });
    expect(old.json).toMatchObject({ code: 36009014, message: "The version name is invalid, please check and retry." });
  });

  test("an order's statement transactions list each SKU per statement, including a later refund, and add up", async () => {
    const all = (await Promise.all(statements.map(async (s) => (await transactionsOf(s.id)).all))).flat();
    const byOrder = new Map<string, StatementTransaction[]>();
    for (const t of all.filter((t) => t.type === "ORDER")) byOrder.set(t.order_id, [...(byOrder.get(t.order_id) ?? []), t]);
    const refunded = [...byOrder.entries()].find(([, list]) => list.length === 2)!;
    expect(refunded).toBeDefined();
    const [orderId, settlements] = refunded;
    const result = await client.call<OrderStatementTransactionsData>({ path: orderPath(orderId), query: { shop_cipher: cipher }, token });
    const data = result.json.data!;
    expect(data.order_id).toBe(orderId);
    expect(sen(data.settlement_amount)).toBe(settlements.reduce((sum, t) => sum + sen(t.settlement_amount), 0));
    expect(data.sku_transactions.reduce((sum, s) => sum + sen(s.settlement_amount), 0)).toBe(sen(data.settlement_amount));
    expect(new Set(data.sku_transactions.map((s) => s.statement_id)).size).toBe(2);
    for (const sku of data.sku_transactions) checkBreakdown(sku);
    const refundSkus = data.sku_transactions.filter((s) => sen(s.revenue_breakdown.refund_subtotal_before_discount_amount) < 0);
    expect(refundSkus.length).toBeGreaterThan(0);
    for (const sku of refundSkus) expect(sen(sku.fee_tax_breakdown.fee.transaction_fee_amount)).toBeGreaterThan(0);
  });

  test("an order not settled yet has no statement transactions; an unknown order is 21008111", async () => {
    const unsettled = sandbox.orders(sandbox.info.shops[0].id).find((o) => o.status === "AWAITING_SHIPMENT")!;
    const empty = await client.call<OrderStatementTransactionsData>({ path: orderPath(unsettled.id), query: { shop_cipher: cipher }, token });
    expect(empty.json.data).toMatchObject({ order_id: unsettled.id, settlement_amount: "0.00", sku_transactions: [] });
    const unknown = await client.call({ path: orderPath("576461413038785752"), query: { shop_cipher: cipher }, token });
    expect(unknown.json.code).toBe(21008111);
  });

  test("finance needs the shop cipher like every shop-scoped API", async () => {
    const result = await client.call({ path: STATEMENTS, query: { sort_field: "statement_time" }, token });
    expect(result.json.code).toBe(106013);
  });
});
