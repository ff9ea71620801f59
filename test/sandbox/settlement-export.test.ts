import { readFileSync } from "node:fs";
import { businessDate } from "../../src/core/dates/business-date";
import { parseMoney } from "../../src/core/money/money";
import type { Order, Statement, StatementSearchData } from "../../src/core/tiktok/types";
import { startSandbox, type RunningSandbox } from "../../src/sandbox";
import { SignedClient } from "./signed-client";
import { settlementFixture } from "../fixtures/settlement-fixtures";

const NOW = Date.parse("2026-04-01T04:00:00Z") / 1000;
const OPTIONS = { port: 0, seed: 7, orders: 300, days: 40, endDate: "2026-03-31", now: () => NOW };
const FIXTURE = settlementFixture("my-basic.csv");

const sen = (text: string): number => {
  if (text === "/") return 0;
  const value = parseMoney(text);
  if (value === undefined) throw new Error(`not money: ${text}`);
  return value;
};

type Row = Record<string, string>;

function parseCsv(text: string): { header: string[]; rows: Row[] } {
  const lines = text.split("\n");
  expect(lines.pop()).toBe("");
  const header = lines[0].split(",");
  const rows = lines.slice(1).map((line) => {
    // The sandbox writes no quoted cells: no value holds a comma.
    const cells = line.split(",");
    expect(cells).toHaveLength(header.length);
    return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
  });
  return { header, rows };
}

const FEE_PARENTS = [
  "Transaction fee",
  "TikTok Shop commission fee",
  "Credit card installment - Handling fee",
  "Seller shipping fee",
  "Affiliate Commission",
  "Affiliate partner commission",
  "Affiliate Shop Ads commission",
  "Affiliate commission deposit",
  "Affiliate commission refund",
  "Affiliate Partner shop ads commission",
  "SFP service fee",
  "Dynamic commission",
  "Bonus cashback service fee",
  "LIVE Specials service fee",
  "SST",
  "Voucher Xtra service fee",
  "EAMS Program service fee",
  "Brands Crazy Deals/Flash Sale service fee",
  "TikTok PayLater program fee",
  "Campaign resource fee",
  "Platform support fee",
];
const SHIPPING_CHILDREN = [
  "Actual shipping fee",
  "Platform shipping fee discount",
  "Customer shipping fee",
  "Actual return shipping fee",
  "Refunded customer shipping fee",
  "Shipping subsidy",
];

describe("the Seller Center settlement export", () => {
  let sandbox: RunningSandbox;
  let shopId: string;
  let csv: string;
  let header: string[];
  let rows: Row[];
  let statements: Statement[];
  let orders: Map<string, Order>;

  const download = (s: RunningSandbox, query: string) => fetch(`${s.url}/sandbox/export/settlement.csv?${query}`);

  beforeAll(async () => {
    sandbox = await startSandbox(OPTIONS);
    shopId = sandbox.info.shops[0].id;
    const response = await download(sandbox, `from=2026-01-01&to=2026-04-30&shop=${shopId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="income_20260101_20260430.csv"');
    csv = await response.text();
    ({ header, rows } = parseCsv(csv));
    const client = new SignedClient(sandbox);
    const { token, cipher } = await client.link();
    const page = await client.call<StatementSearchData>({
      path: "/finance/202309/statements",
      query: { shop_cipher: cipher, sort_field: "statement_time", page_size: "100" },
      token,
    });
    statements = page.json.data!.statements;
    orders = new Map(sandbox.orders(shopId).map((o) => [o.id, o]));
  });

  afterAll(() => sandbox.close());

  test("has exactly the columns of the Malaysian Order details layout, in order, and no BOM", () => {
    const fixtureHeader = readFileSync(FIXTURE, "utf8").split("\n")[0];
    expect(header.join(",")).toBe(fixtureHeader);
    expect(header).toHaveLength(55);
    expect(csv.charCodeAt(0)).toBe("O".charCodeAt(0));
  });

  test("holds orders, refunds as second Order rows, and adjustments", () => {
    const orderRows = rows.filter((r) => r["Type"] === "Order" && r["Refund subtotal after seller discounts"] === "0");
    const refundRows = rows.filter((r) => r["Type"] === "Order" && r["Refund subtotal after seller discounts"] !== "0");
    const adjustments = rows.filter((r) => r["Type"] !== "Order");
    expect(orderRows.length).toBeGreaterThan(100);
    expect(refundRows.length).toBeGreaterThan(3);
    expect(adjustments.length).toBeGreaterThan(3);
    expect(orderRows.length + refundRows.length + adjustments.length).toBe(rows.length);
    expect(new Set(adjustments.map((r) => r["Type"]))).toEqual(
      new Set(["Logistics reimbursement", "Deductions incurred by seller", "GMV Payment for TikTok Ads", "Platform reimbursement"]),
    );
  });

  test("every row satisfies the settlement identities to the sen", () => {
    for (const r of rows) {
      const v = (name: string) => sen(r[name]);
      expect(v("Total settlement amount")).toBe(v("Total Revenue") + v("Total Fees") + v("Ajustment amount"));
      expect(v("Total Revenue")).toBe(v("Subtotal after seller discounts") + v("Refund subtotal after seller discounts"));
      expect(v("Subtotal after seller discounts")).toBe(v("Subtotal before discounts") + v("Seller discounts"));
      expect(v("Refund subtotal after seller discounts")).toBe(v("Refund subtotal before seller discounts") + v("Refund of seller discounts"));
      expect(v("Total Fees")).toBe(FEE_PARENTS.reduce((sum, name) => sum + v(name), 0));
      expect(v("Seller shipping fee")).toBe(SHIPPING_CHILDREN.reduce((sum, name) => sum + v(name), 0));
    }
  });

  test("each settled date's rows add up to that day's statement settlement amount", () => {
    const totals = new Map<string, number>();
    for (const r of rows) {
      const date = r["Order settled time"].replace(/\//g, "-");
      totals.set(date, (totals.get(date) ?? 0) + sen(r["Total settlement amount"]));
    }
    const expected = new Map(statements.map((s) => [new Date(s.statement_time * 1000).toISOString().slice(0, 10), sen(s.settlement_amount)]));
    expect(totals).toEqual(expected);
  });

  test("IDs are plain digit text: 18-digit orders, 19-digit adjustments starting with 7, related order / or an order", () => {
    for (const r of rows) {
      if (r["Type"] === "Order") {
        expect(r["Order/adjustment ID"]).toMatch(/^57\d{16}$/);
        expect(r["Related order ID"]).toBe(r["Order/adjustment ID"]);
        expect(r["Shopping center items"]).toMatch(/^(17\d{17} \* \d+;)( 17\d{17} \* \d+;)*$/);
      } else {
        expect(r["Order/adjustment ID"]).toMatch(/^7\d{18}$/);
        const related = r["Related order ID"];
        expect(related === "/" || orders.has(related)).toBe(true);
        expect(r["Estimated package weight (g)"]).toBe("/");
      }
    }
    expect(csv).not.toMatch(/E\+/);
  });

  test("an order row's revenue is the invoice: original prices less seller discounts; only delivered orders settle, days later", () => {
    const orderRows = rows.filter((r) => r["Type"] === "Order" && r["Refund subtotal after seller discounts"] === "0");
    for (const r of orderRows) {
      const order = orders.get(r["Order/adjustment ID"])!;
      expect(["DELIVERED", "COMPLETED"]).toContain(order.status);
      const original = order.line_items.reduce((s, l) => s + sen(l.original_price), 0);
      const sellerDiscount = order.line_items.reduce((s, l) => s + sen(l.seller_discount), 0);
      expect(sen(r["Subtotal before discounts"])).toBe(original);
      expect(sen(r["Seller discounts"]) + sellerDiscount).toBe(0);
      expect(sen(r["Total Revenue"])).toBe(original - sellerDiscount);
      expect(sen(r["Customer payment"])).toBe(sen(order.payment.total_amount));
      expect(r["Order created time"]).toBe(businessDate(order.create_time).replace(/-/g, "/"));
      const delivered = new Date(order.delivery_time! * 1000).toISOString().slice(0, 10).replace(/-/g, "/");
      expect(r["Order settled time"] > delivered).toBe(true);
    }
    expect(new Set(orderRows.map((r) => r["Order/adjustment ID"])).size).toBe(orderRows.length);
  });

  test("fees look Malaysian: transaction fee ~2.16% of what the buyer paid, commission 4–8%, SST, 0.50 platform support fee", () => {
    const orderRows = rows.filter((r) => r["Type"] === "Order" && r["Refund subtotal after seller discounts"] === "0");
    for (const r of orderRows) {
      const paid = sen(r["Customer payment"]);
      const fee = -sen(r["Transaction fee"]);
      expect(Math.abs(fee - paid * 0.0216)).toBeLessThanOrEqual(4);
      const revenue = sen(r["Total Revenue"]);
      const commission = -sen(r["TikTok Shop commission fee"]);
      expect(commission).toBeGreaterThanOrEqual(Math.floor(revenue * 0.04) - 3);
      expect(commission).toBeLessThanOrEqual(Math.ceil(revenue * 0.08) + 3);
      expect(sen(r["SST"])).toBeLessThan(0);
      expect(r["Platform support fee"]).toBe("-0.5");
    }
    expect(orderRows.filter((r) => r["Affiliate Commission"] !== "0").length).toBeGreaterThan(5);
  });

  test("a refund is a later Order row for the same order: negative refund subtotal, fees given back, return shipping charged", () => {
    const refundRows = rows.filter((r) => r["Type"] === "Order" && r["Refund subtotal after seller discounts"] !== "0");
    for (const refund of refundRows) {
      const id = refund["Order/adjustment ID"];
      const first = rows.find((r) => r["Order/adjustment ID"] === id && r !== refund)!;
      expect(first).toBeDefined();
      expect(refund["Order settled time"] > first["Order settled time"]).toBe(true);
      expect(sen(refund["Refund subtotal before seller discounts"])).toBeLessThan(0);
      expect(sen(refund["Refund subtotal before seller discounts"])).toBeGreaterThanOrEqual(-sen(first["Subtotal before discounts"]));
      expect(sen(refund["Subtotal after seller discounts"])).toBe(0);
      expect(sen(refund["Transaction fee"])).toBeGreaterThan(0);
      expect(sen(refund["TikTok Shop commission fee"])).toBeGreaterThan(0);
      expect(sen(refund["Platform support fee"])).toBe(0);
      expect(sen(refund["Actual return shipping fee"])).toBeLessThanOrEqual(0);
      expect(sen(refund["Customer refund"])).toBeLessThan(0);
      expect(refund["Estimated package weight (g)"]).toBe("/");
    }
  });

  test("from and to select settled dates, inclusive", async () => {
    const dates = [...new Set(rows.map((r) => r["Order settled time"]))].sort();
    const [from, to] = [dates[2], dates[5]].map((d) => d.replace(/\//g, "-"));
    const part = parseCsv(await (await download(sandbox, `from=${from}&to=${to}&shop=${shopId}`)).text()).rows;
    expect(part).toEqual(rows.filter((r) => r["Order settled time"] >= dates[2] && r["Order settled time"] <= dates[5]));
    const none = await (await download(sandbox, `from=2025-01-01&to=2025-01-31&shop=${shopId}`)).text();
    expect(none).toBe(header.join(",") + "\n");
  });

  test("bad dates or an unknown shop are refused with a message that says how to ask", async () => {
    const bad = await download(sandbox, `from=2026-3-1&to=2026-03-31&shop=${shopId}`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe(
      `from and to must be dates like 2026-03-01 (settled dates, UTC); e.g. /sandbox/export/settlement.csv?from=2026-03-01&to=2026-03-31&shop=${shopId}`,
    );
    const reversed = await download(sandbox, `from=2026-03-31&to=2026-03-01&shop=${shopId}`);
    expect(await reversed.json()).toEqual({ error: "from 2026-03-31 is after to 2026-03-01: swap them." });
    const unknown = await download(sandbox, `from=2026-03-01&to=2026-03-31&shop=7000000000000000000`);
    expect(unknown.status).toBe(400);
  });

  test("the same seed gives a byte-identical file; another seed a different one", async () => {
    const [twin, other] = await Promise.all([startSandbox(OPTIONS), startSandbox({ ...OPTIONS, seed: 8 })]);
    try {
      const query = (s: RunningSandbox) => `from=2026-01-01&to=2026-04-30&shop=${s.info.shops[0].id}`;
      expect(await (await download(twin, query(twin))).text()).toBe(csv);
      expect(await (await download(other, query(other))).text()).not.toBe(csv);
    } finally {
      await Promise.all([twin.close(), other.close()]);
    }
  });
});
