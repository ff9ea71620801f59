import { UsageError } from "../../src/cli/args";
import { runSandboxCommand, sandboxOptionsFromArgs } from "../../src/sandbox/cli";

test("reads every sandbox option from the command line", () => {
  const argv = ["--port", "0", "--seed", "7", "--shops", "2", "--products", "12", "--orders", "50", "--days", "14", "--end", "2026-05-01", "--redirect-url", "http://127.0.0.1:3001/cb"];
  expect(sandboxOptionsFromArgs(argv, {})).toEqual({
    port: 0,
    seed: 7,
    shops: 2,
    products: 12,
    orders: 50,
    days: 14,
    endDate: "2026-05-01",
    redirectUrl: "http://127.0.0.1:3001/cb",
    quiet: false,
  });
});

test("defaults to port 8788, seed 1, one shop, 40 products, 200 orders over 30 days", () => {
  expect(sandboxOptionsFromArgs([], {})).toMatchObject({ port: 8788, seed: 1, shops: 1, products: 40, orders: 200, days: 30, endDate: undefined });
});

test("an unknown option is a usage error that shows the usage", () => {
  expect(() => sandboxOptionsFromArgs(["--orderz", "5"], {})).toThrow(UsageError);
  expect(() => sandboxOptionsFromArgs(["--orderz", "5"], {})).toThrow(/Unknown option --orderz\.\n\nUsage: shopbooks sandbox/);
});

test("runs until told to stop and prints the address, app key and secret, service id, authorize URL and logins", async () => {
  const lines: string[] = [];
  let stop = () => {};
  const until = new Promise<void>((resolve) => (stop = resolve));
  const running = runSandboxCommand(["--port", "0", "--orders", "5", "--products", "3", "--quiet"], { print: (l) => lines.push(l), until, env: {} });
  while (lines.length === 0) await new Promise((r) => setTimeout(r, 10));
  const text = lines.join("\n");
  const url = /TikTok Shop sandbox: (http:\/\/127\.0\.0\.1:\d+)/.exec(text)![1];
  const info = (await (await fetch(`${url}/sandbox/info`)).json()) as { appKey: string; appSecret: string; serviceId: string; authorizeUrl: string };
  expect(text).toContain(`App key:        ${info.appKey}`);
  expect(text).toContain(`App secret:     ${info.appSecret}   (sandbox only)`);
  expect(text).toContain(`Service ID:     ${info.serviceId}`);
  expect(text).toContain(`Authorize URL:  ${info.authorizeUrl}`);
  expect(text).toContain("  seller1@sandbox.shopbooks.test / sandbox-demo-1   → Kedai Threads MY");
  stop();
  await running;
  await expect(fetch(`${url}/sandbox/info`)).rejects.toThrow();
});

test("--help prints the usage and starts nothing", async () => {
  const lines: string[] = [];
  await runSandboxCommand(["--help"], { print: (l) => lines.push(l) });
  expect(lines[0]).toMatch(/^Usage: shopbooks sandbox \[--port 8788\]/);
});
