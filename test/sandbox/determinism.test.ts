import { startSandbox, type RunningSandbox } from "../../src/sandbox";
import { SignedClient } from "./signed-client";

const NOW = 1_780_000_000;

/**
 * The same conversation with a sandbox: link, list shops, two order pages, an order detail, products,
 * statements and a statement's transactions, returns, cancellations and the settlement export.
 */
async function conversation(sandbox: RunningSandbox): Promise<string[]> {
  const client = new SignedClient(sandbox);
  const texts: string[] = [];
  const code = await client.authCode();
  const exchanged = await client.exchange(code);
  texts.push(code, exchanged.text);
  const token = exchanged.json.data!.access_token;
  const shops = await client.call<{ shops: { cipher: string }[] }>({ path: "/authorization/202309/shops", token });
  texts.push(shops.text);
  const cipher = shops.json.data!.shops[0].cipher;
  const first = await client.call<{ next_page_token: string; orders: { id: string }[] }>({
    path: "/order/202309/orders/search",
    query: { page_size: "50", shop_cipher: cipher },
    body: "{}",
    token,
  });
  const second = await client.call({
    path: "/order/202309/orders/search",
    query: { page_size: "50", shop_cipher: cipher, page_token: first.json.data!.next_page_token },
    body: "{}",
    token,
  });
  const detail = await client.call({ path: "/order/202309/orders", query: { ids: first.json.data!.orders[0].id, shop_cipher: cipher }, token });
  const products = await client.call({ path: "/product/202309/products/search", query: { page_size: "20", shop_cipher: cipher }, body: "{}", token });
  texts.push(first.text, second.text, detail.text, products.text);
  const statements = await client.call<{ statements: { id: string }[] }>({
    path: "/finance/202309/statements",
    query: { sort_field: "statement_time", page_size: "100", shop_cipher: cipher },
    token,
  });
  const transactions = await client.call({
    path: `/finance/202501/statements/${statements.json.data!.statements[0].id}/statement_transactions`,
    query: { sort_field: "order_create_time", page_size: "100", shop_cipher: cipher },
    token,
  });
  const returns = await client.call({ path: "/return_refund/202309/returns/search", query: { page_size: "50", shop_cipher: cipher }, body: "{}", token });
  const cancellations = await client.call({ path: "/return_refund/202309/cancellations/search", query: { page_size: "50", shop_cipher: cipher }, body: "{}", token });
  const csv = await fetch(`${sandbox.url}/sandbox/export/settlement.csv?from=2026-01-01&to=2026-12-31&shop=${sandbox.info.shops[0].id}`);
  texts.push(statements.text, transactions.text, returns.text, cancellations.text, await csv.text());
  return texts;
}

test("two sandboxes with the same seed, end date and clock give byte-identical answers", async () => {
  const options = { port: 0, seed: 42, endDate: "2026-05-28", now: () => NOW };
  const [a, b, c] = await Promise.all([startSandbox(options), startSandbox(options), startSandbox({ ...options, seed: 43 })]);
  try {
    const [first, second, other] = await Promise.all([conversation(a), conversation(b), conversation(c)]);
    expect(second).toEqual(first);
    expect(first.join("").length).toBeGreaterThan(50_000);
    expect(a.info).toEqual({ ...b.info, authorizeUrl: b.info.authorizeUrl.replace(b.url, a.url), apiBase: a.url, authBase: a.url });
    expect(other[2]).not.toEqual(first[2]);
    expect(c.info.appSecret).not.toBe(a.info.appSecret);
  } finally {
    await Promise.all([a.close(), b.close(), c.close()]);
  }
});

test("the same seed and end date give the same orders whatever the clock says later", async () => {
  const a = await startSandbox({ port: 0, seed: 9, endDate: "2026-01-31", now: () => NOW });
  const b = await startSandbox({ port: 0, seed: 9, endDate: "2026-01-31", now: () => NOW + 86400 * 40 });
  try {
    expect(b.orders(b.info.shops[0].id)).toEqual(a.orders(a.info.shops[0].id));
    expect(b.products(b.info.shops[0].id)).toEqual(a.products(a.info.shops[0].id));
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

test("more orders leave the products unchanged", async () => {
  const a = await startSandbox({ port: 0, seed: 9, orders: 10, endDate: "2026-01-31", now: () => NOW });
  const b = await startSandbox({ port: 0, seed: 9, orders: 300, endDate: "2026-01-31", now: () => NOW });
  try {
    expect(b.products(b.info.shops[0].id)).toEqual(a.products(a.info.shops[0].id));
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

test("an end date after the sandbox's today is refused with a clear message", async () => {
  await expect(startSandbox({ port: 0, endDate: "2026-06-30", now: () => NOW })).rejects.toThrow(
    "endDate 2026-06-30 is after the sandbox clock's today; pick today or an earlier date.",
  );
});
