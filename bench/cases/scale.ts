/**
 * Scale: `shopbooks demo --orders N` as a user runs it, in a process of its own: wall time and peak
 * resident memory (reported by the process itself as it exits, bench/rss-at-exit.ts).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { round, RSS_MARK, type BenchResult } from "../measure";

const ROOT = path.resolve(__dirname, "..", "..");

export async function benchScale(orders: number, timeoutMs: number): Promise<BenchResult> {
  const args = ["-r", "tsx/cjs", "-r", path.join(__dirname, "..", "rss-at-exit.ts"), path.join(ROOT, "bin", "shopbooks.js"), "demo", "--orders", String(orders), "--json"];
  const start = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  clearTimeout(timer);
  const wallMs = performance.now() - start;
  const rssLine = err.split("\n").find((l) => l.startsWith(RSS_MARK));
  const peakMb = rssLine ? round(Number(rssLine.slice(RSS_MARK.length)) / 1024, 1) : NaN;
  let summary: Record<string, unknown> | undefined;
  try {
    summary = JSON.parse(out.trim().split("\n").pop() ?? "") as Record<string, unknown>;
  } catch {
    summary = undefined;
  }
  const reconciled = summary?.trialBalance === "0.00" && summary?.outstandingOnSettledOrders === "0.00" && summary?.payoutsMatchFile === true;
  return {
    case: "scale",
    figure: `shopbooks demo --orders ${orders}: peak RSS, MB`,
    value: peakMb,
    target: "< 1,024 MB, books reconciled",
    met: code === 0 && reconciled && peakMb < 1024,
    details: {
      orders,
      wallS: round(wallMs / 1000, 1),
      exitCode: code ?? (wallMs >= timeoutMs ? `killed after ${timeoutMs / 1000} s` : "signal"),
      ...(summary ? { summary } : { stderr: err.slice(-600) }),
    },
  };
}
