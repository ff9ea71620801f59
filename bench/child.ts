/**
 * Runs one benchmark case in a process of its own, so its peak memory is its own:
 * `node --expose-gc -r tsx/cjs bench/child.ts <case> '<json params>'`. The result is the stdout line
 * after RESULT_MARK; progress goes to stderr.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import type { BenchResult } from "./measure";
import { runImportCase } from "./cases/import";
import { runPaymentsCase } from "./cases/payments";

export const RESULT_MARK = "BENCH_RESULT ";

type CaseRunner = (params: Record<string, unknown>) => Promise<BenchResult | BenchResult[]>;

const CASES: Record<string, CaseRunner> = { import: runImportCase, payments: runPaymentsCase };

export interface ChildOptions {
  /** Killed after this long: the result says so. */
  timeoutMs: number;
}

/** Runs `name` in a child process and returns what it reports. */
export function runInChild(name: string, params: Record<string, unknown>, options: ChildOptions): Promise<BenchResult[]> {
  const args = ["--expose-gc", "-r", "tsx/cjs", path.join(__dirname, "child.ts"), name, JSON.stringify(params)];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"], cwd: path.resolve(__dirname, "..") });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      const line = out.split("\n").find((l) => l.startsWith(RESULT_MARK));
      if (line) return resolve(JSON.parse(line.slice(RESULT_MARK.length)) as BenchResult[]);
      const why = signal === "SIGKILL" ? `killed after ${options.timeoutMs / 1000} s` : `exited with ${code ?? signal}`;
      resolve([{ case: name, figure: "failed", value: NaN, details: { error: `The ${name} case ${why}.`, params } }]);
    });
  });
}

async function main(): Promise<void> {
  const [name, json] = process.argv.slice(2);
  const run = CASES[name];
  if (!run) throw new Error(`No benchmark case "${name}": one of ${Object.keys(CASES).join(", ")}.`);
  const result = await run(JSON.parse(json || "{}") as Record<string, unknown>);
  process.stdout.write(`\n${RESULT_MARK}${JSON.stringify(Array.isArray(result) ? result : [result])}\n`);
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
