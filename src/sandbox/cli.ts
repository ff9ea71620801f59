/**
 * `shopbooks sandbox`: runs the TikTok Shop sandbox until Ctrl-C and prints what a client needs to use
 * it (address, demo app key and secret, service id, authorize URL, seller logins).
 */
import { intOption, parseArgs, stringOption, UsageError } from "../cli/args";
import { DEFAULT_REDIRECT_URL, startSandbox, type RunningSandbox, type SandboxOptions } from "./index";

export const DEFAULT_SANDBOX_PORT = 8788;

const USAGE = `Usage: shopbooks sandbox [--port 8788] [--seed 1] [--shops 1] [--products 40] [--orders 200] [--days 30]
                         [--end YYYY-MM-DD] [--redirect-url URL] [--quiet]

Runs a TikTok Shop API simulator on 127.0.0.1 with seeded Malaysian shops.
  --end           last day of the order window (Asia/Kuala_Lumpur), default today
  --redirect-url  where the authorize page sends ?code&state (loopback only; env SHOPBOOKS_SANDBOX_REDIRECT_URL),
                  default ${DEFAULT_REDIRECT_URL}
  --quiet         do not print one line per request`;

export interface SandboxCommandIo {
  print?: (line: string) => void;
  /** Resolves when the sandbox should stop; default the first SIGINT or SIGTERM. */
  until?: Promise<unknown>;
  env?: NodeJS.ProcessEnv;
}

export function sandboxOptionsFromArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): SandboxOptions & { help?: boolean; quiet?: boolean } {
  const { positional, options } = parseArgs(argv);
  if (positional.length > 0) throw new UsageError(`Unexpected argument "${positional[0]}".\n\n${USAGE}`);
  const known = ["port", "seed", "shops", "products", "orders", "days", "end", "redirect-url", "quiet", "help"];
  const unknown = Object.keys(options).find((name) => !known.includes(name));
  if (unknown) throw new UsageError(`Unknown option --${unknown}.\n\n${USAGE}`);
  if (options.help) return { help: true };
  return {
    port: intOption(options, "port", DEFAULT_SANDBOX_PORT),
    seed: intOption(options, "seed", 1),
    shops: intOption(options, "shops", 1),
    products: intOption(options, "products", 40),
    orders: intOption(options, "orders", 200),
    days: intOption(options, "days", 30),
    endDate: stringOption(options, "end"),
    redirectUrl: stringOption(options, "redirect-url") ?? (env.SHOPBOOKS_SANDBOX_REDIRECT_URL || undefined),
    quiet: options.quiet === true,
  };
}

export function describeSandbox(sandbox: RunningSandbox, options: SandboxOptions): string {
  const { info } = sandbox;
  const lines = [
    `TikTok Shop sandbox: ${sandbox.url}`,
    `  (seed ${options.seed ?? 1}; ${info.shops.length} shop(s); ${options.products ?? 40} products and ${options.orders ?? 200} orders per shop over ${options.days ?? 30} days)`,
    "",
    `API base and auth base: ${info.apiBase}`,
    `App key:        ${info.appKey}`,
    `App secret:     ${info.appSecret}   (sandbox only)`,
    `Service ID:     ${info.serviceId}`,
    `Authorize URL:  ${info.authorizeUrl}`,
    "",
    "Seller logins:",
    ...info.sellers.map((s, i) => `  ${s.email} / ${s.password}   → ${info.shops[i].name} (shop ${info.shops[i].id})`),
    "",
    "Press Ctrl-C to stop.",
  ];
  return lines.join("\n");
}

function interrupted(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

export async function runSandboxCommand(argv: string[], io: SandboxCommandIo = {}): Promise<void> {
  const print = io.print ?? ((line: string) => console.log(line));
  const options = sandboxOptionsFromArgs(argv, io.env ?? process.env);
  if (options.help) {
    print(USAGE);
    return;
  }
  const sandbox = await startSandbox({ ...options, log: options.quiet ? undefined : print });
  print(describeSandbox(sandbox, options));
  await (io.until ?? interrupted());
  await sandbox.close();
}
