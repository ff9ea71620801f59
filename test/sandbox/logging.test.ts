import type { OrderSearchData } from "../../src/core/tiktok/types";
import { startSandbox } from "../../src/sandbox";
import { SignedClient } from "./signed-client";

test("the sandbox logs method, path and code only: never a token, code, cipher, signature or secret", async () => {
  const lines: string[] = [];
  const sandbox = await startSandbox({
    port: 0,
    seed: 3,
    orders: 150,
    endDate: "2026-03-31",
    now: () => 1_775_000_000,
    log: (line) => lines.push(line),
  });
  try {
    const client = new SignedClient(sandbox);
    const code = await client.authCode();
    const exchanged = await client.exchange(code);
    const bundle = exchanged.json.data!;
    const shops = await client.call<{ shops: { cipher: string }[] }>({
      path: "/authorization/202309/shops",
      token: bundle.access_token,
    });
    const cipher = shops.json.data!.shops[0].cipher;
    const first = await client.call<OrderSearchData>({
      path: "/order/202309/orders/search",
      query: { page_size: "100", shop_cipher: cipher },
      body: "{}",
      token: bundle.access_token,
    });
    const pageToken = first.json.data!.next_page_token;
    await client.call({
      path: "/order/202309/orders/search",
      query: { page_size: "100", shop_cipher: cipher, page_token: pageToken },
      body: "{}",
      token: bundle.access_token,
    });
    await client.tokenCall("/api/v2/token/refresh", {
      refresh_token: bundle.refresh_token,
      grant_type: "refresh_token",
    });
    await fetch(
      `${sandbox.url}/sandbox/export/settlement.csv?from=2026-03-01&to=2026-03-31&shop=${sandbox.info.shops[0].id}`,
    );

    expect(lines).toContain("sandbox: POST /order/202309/orders/search → 0");
    expect(lines).toContain("sandbox: GET /sandbox/export/settlement.csv → 200");
    const all = lines.join("\n");
    for (const secret of [
      sandbox.info.appSecret,
      code,
      bundle.access_token,
      bundle.refresh_token,
      cipher,
      pageToken,
      "sign=",
      "?",
    ]) {
      expect(all).not.toContain(secret);
    }
  } finally {
    await sandbox.close();
  }
});
