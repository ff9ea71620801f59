/**
 * `shopbooks demo` from the command line runs in a worker thread whose heap is bounded by the size of the
 * run. The demo keeps its whole ledger and workbook in memory (where the add-in has IndexedDB and Excel on
 * disk); left unbounded on a machine with memory to spare, V8 lets garbage pile up to several times what
 * the demo holds before it collects. The bound leaves room over what the demo holds at its largest, so it
 * costs collections, not a failure; were it ever reached, the message says so and how to go on.
 * With --xlsx there is no bound of its own: the workbook file is built whole in memory (exceljs), several
 * times the size of the books (30,000 orders took some 3 GB), so V8's own limit applies.
 */
import path from "node:path";
import { Worker } from "node:worker_threads";
import { parseArgs, UsageError } from "./args";

/** Heap for a run of `orders` orders: a base for the code and the sandbox, and room per order. */
export function demoHeapMb(orders: number): number {
  return 320 + Math.ceil(orders * 0.0075);
}

type FromWorker =
  | { print: string }
  | { log: string }
  | { done: true }
  | { failed: string; usage: boolean };

// Runs inside the worker: TypeScript through tsx, as bin/shopbooks.js runs the CLI. An evaluated worker
// resolves modules from the current directory, so every module it loads comes as an absolute path.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
require(workerData.tsx).register();
const { runDemoCommand } = require(workerData.module);
const { UsageError } = require(workerData.args);
runDemoCommand(workerData.argv, {
  print: (line) => parentPort.postMessage({ print: line }),
  log: (line) => parentPort.postMessage({ log: line }),
}).then(
  () => parentPort.postMessage({ done: true }),
  (error) => parentPort.postMessage({ failed: error instanceof Error ? error.message : String(error), usage: error instanceof UsageError }),
);
`;

/**
 * The heap bound of a run, from the orders it asks for (or the default: a bad value is left for the demo
 * itself to report); none when it writes the books to a workbook file.
 */
export function demoHeapBound(argv: string[]): number | undefined {
  const { options } = parseArgs(argv.filter((a) => a !== "--json"));
  if (options.xlsx !== undefined) return undefined;
  const value = Number(options.orders);
  return demoHeapMb(Number.isInteger(value) && value > 0 ? value : 200);
}

export interface BoundedDemoIo {
  print?: (line: string) => void;
  log?: (line: string) => void;
  /** Heap bound in MB; by default demoHeapBound of the arguments. */
  heapMb?: number;
}

export async function runBoundedDemo(argv: string[], io: BoundedDemoIo = {}): Promise<void> {
  const print = io.print ?? ((line: string) => console.log(line));
  const log = io.log ?? ((line: string) => console.error(line));
  const heapMb = io.heapMb ?? demoHeapBound(argv);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      argv,
      tsx: require.resolve("tsx/cjs/api"),
      module: path.join(__dirname, "demo-command.ts"),
      args: path.join(__dirname, "args.ts"),
    },
    ...(heapMb !== undefined ? { resourceLimits: { maxOldGenerationSizeMb: heapMb } } : {}),
    stdout: false,
    stderr: false,
  });
  let outcome: FromWorker | undefined;
  worker.on("message", (message: FromWorker) => {
    if ("print" in message) print(message.print);
    else if ("log" in message) log(message.log);
    else outcome = message;
  });
  const crash = await new Promise<Error | undefined>((resolve) => {
    worker.once("error", (error) => resolve(error));
    worker.once("exit", () => resolve(undefined));
  });
  if (outcome && "failed" in outcome) throw outcome.usage ? new UsageError(outcome.failed) : new Error(outcome.failed);
  if ((crash as { code?: string } | undefined)?.code === "ERR_WORKER_OUT_OF_MEMORY")
    throw new Error(
      heapMb === undefined
        ? "The demo ran out of memory: run it with fewer orders (--orders)."
        : `The demo needed more than the ${heapMb} MB of memory it is given for this many orders. ` +
            `Run it with fewer orders (--orders), or with a larger bound: SHOPBOOKS_DEMO_HEAP_MB=${heapMb * 2}.`,
    );
  if (crash) throw crash;
  if (!outcome) throw new Error("The demo stopped before it finished: run it again.");
}
