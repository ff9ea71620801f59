import { readFileSync } from "node:fs";

/** What every benchmark case reports: a figure, the baseline it is compared with, and their ratio. */
export interface BenchResult {
  case: string;
  figure: string;
  value: number;
  baseline?: { figure: string; value: number };
  /** value / baseline (or as the case explains); undefined when there is no baseline. */
  ratio?: number;
  target?: string;
  met?: boolean;
  details?: Record<string, unknown>;
}

export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const result = await work();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  return { result, ms, cpuMs: (used.user + used.system) / 1000 };
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Peak resident memory of this process so far, in MB (Linux: VmHWM). */
export function peakRssMb(): number {
  try {
    const status = readFileSync("/proc/self/status", "utf8");
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    if (match) return round(Number(match[1]) / 1024, 1);
  } catch {
    // not Linux
  }
  return round(process.memoryUsage().rss / 1024 / 1024, 1);
}
