/**
 * `shopbooks` command line: sandbox, serve, start. Each command lives in its own module.
 */
import { parseArgs, UsageError } from "./args";
import { runBoundedDemo } from "./demo-bounded";
import { runSandboxCommand } from "../sandbox/cli";
import { runServeCommand } from "./serve-command";
import { runSettlementCommand } from "./settlement-command";
import { runStartCommand } from "./start-command";
import { runSyncCommand } from "./sync-command";

const USAGE = `Usage: shopbooks <command> [options]

Commands:
  start       build the add-in, start the sandbox and the link service, print the preview URL
  serve       link service + add-in files (uses TIKTOK_APP_KEY/TIKTOK_APP_SECRET, else an embedded sandbox)
  sandbox     run the TikTok Shop simulator on 127.0.0.1
  sync        fetch products and orders headless and print counts, API calls, retries and refreshes
  settlement  read and check settlement exports: settlement FILE [FILE...] [--json]
  demo        the whole job against an in-process sandbox, reconciled: demo [--orders N] [--xlsx FILE] [--json]

Run "shopbooks <command> --help" for a command's options.`;

/** SHOPBOOKS_DEMO_HEAP_MB: a larger (or smaller) heap bound for the demo than its own. */
function heapFromEnv(value: string | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  const mb = Number(value);
  if (!Number.isInteger(mb) || mb < 64)
    throw new UsageError(`SHOPBOOKS_DEMO_HEAP_MB takes a whole number of megabytes, at least 64 (it was "${value}").`);
  return mb;
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case "sandbox":
      return runSandboxCommand(rest);
    case "serve":
      return runServeCommand(parseArgs(rest));
    case "start":
      return runStartCommand(parseArgs(rest));
    case "sync":
      return void (await runSyncCommand(rest));
    case "settlement":
      return runSettlementCommand(rest);
    case "demo":
      return runBoundedDemo(rest, { heapMb: heapFromEnv(process.env.SHOPBOOKS_DEMO_HEAP_MB) });
    case undefined:
    case "help":
    case "--help":
      console.log(USAGE);
      return;
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

// A reader that stops early (`shopbooks settlement --json FILE | head -1`) closes the pipe; the next write
// fails with EPIPE. That is the reader's choice, not a failure: end quietly, as cat and grep do.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(error.message);
    process.exit(2);
  }
  if ((error as { code?: string }).code === "EADDRINUSE") {
    const port = (error as { port?: number }).port;
    console.error(`Port ${port ?? ""} is already in use: stop the other ShopBooks (or whatever holds it), or pick free ports with --port and --sandbox-port.`);
    process.exit(1);
  }
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
