import { readFileSync, writeFileSync } from "node:fs";

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

/** Peak resident memory of this process so far, in MB, as the kernel counts it (getrusage maxrss). */
export function maxRssMb(): number {
  return round(process.resourceUsage().maxRSS / 1024, 1);
}

/** Peak resident memory from here on: the kernel's high-water mark is reset to the current RSS (Linux). */
export function resetPeakRss(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

export function currentRssMb(): number {
  return round(process.memoryUsage().rss / 1024 / 1024, 1);
}

/** Runs the garbage collector when node was started with --expose-gc. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The line a child process prints with its peak resident memory in KB (bench/rss-at-exit.ts). */
export const RSS_MARK = "BENCH_MAXRSS_KB ";
