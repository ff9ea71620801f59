/** Fetch: N orders from the sandbox (no artificial latency): API calls by endpoint, wall time, client CPU per order. */
import { TikTokClient } from "../../src/core/tiktok/client";
import type { TikTokRequest, Transport } from "../../src/core/tiktok/transport";
import { createSigningTransport } from "../../src/server/node-transport";
import { round, timed, type BenchResult } from "../measure";
import { startSandboxProcess } from "../sandbox-process";

export async function benchFetch(orders: number, days: number): Promise<BenchResult> {
  const sandbox = await startSandboxProcess(["--orders", String(orders), "--days", String(days), "--quiet"]);
  try {
    const calls: Record<string, number> = {};
    const signing = createSigningTransport({ appKey: sandbox.info.appKey, appSecret: sandbox.info.appSecret, apiBase: sandbox.url });
    const counting: Transport = {
      send(request: TikTokRequest) {
        calls[request.path] = (calls[request.path] ?? 0) + 1;
        return signing.send(request);
      },
    };
    let retries = 0;
    const client = new TikTokClient(counting, {
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      random: Math.random,
      onEvent: (e) => {
        if (e.type === "retry") retries++;
      },
    });
    const [shop] = await client.getAuthorizedShops(sandbox.token.access_token);
    const auth = { shopCipher: shop.cipher, accessToken: sandbox.token.access_token };
    const now = Math.floor(Date.now() / 1000);
    const { result, ms, cpuMs } = await timed(() =>
      client.searchOrders(auth, { createTimeGe: now - (days + 2) * 86400, createTimeLt: now + 86400 }),
    );
    const searches = calls["/order/202309/orders/search"] ?? 0;
    const minimum = Math.ceil(result.length / 100);
    return {
      case: "fetch",
      figure: "order search calls",
      value: searches,
      baseline: { figure: "ceil(orders / 100)", value: minimum },
      ratio: round(searches / minimum),
      target: `order searches = ceil(N/100) + a constant (≤ ${minimum} + ${days + 2})`,
      met: searches <= minimum + days + 2 && result.length === orders,
      details: {
        orders: result.length,
        apiCalls: calls,
        retries,
        wallMs: round(ms),
        clientCpuMsPerOrder: round(cpuMs / Math.max(result.length, 1), 4),
      },
    };
  } finally {
    await sandbox.stop();
  }
}
