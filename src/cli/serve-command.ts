import path from "node:path";
import { existsSync, readFileSync } from "node:fs";
import { intOption, stringOption, UsageError, type ParsedArgs } from "./args";
import { startServices, type RunningServices } from "./services";

export const DEFAULT_PORT = 3000;
export const DEFAULT_SANDBOX_PORT = 8788;

export async function serveFromArgs(args: ParsedArgs): Promise<RunningServices> {
  const distDir = path.resolve(
    stringOption(args.options, "dist") ?? path.join(__dirname, "..", "..", "dist"),
  );
  if (!existsSync(path.join(distDir, "taskpane.html"))) {
    console.warn(`No built add-in in ${distDir}: run "npm run build" first (npm start does it for you).`);
  }
  return startServices({
    https: httpsFrom(
      stringOption(args.options, "cert") ?? process.env.HTTPS_CERT,
      stringOption(args.options, "key") ?? process.env.HTTPS_KEY,
    ),
    port: intOption(args.options, "port", Number(process.env.PORT) || DEFAULT_PORT),
    sandboxPort: intOption(args.options, "sandbox-port", DEFAULT_SANDBOX_PORT),
    distDir,
    sandbox: {
      seed: intOption(args.options, "seed", 1),
      orders: intOption(args.options, "orders", 200),
      days: intOption(args.options, "days", 30),
    },
    log: args.options.quiet ? undefined : (line) => console.log(line),
  });
}

/** HTTPS when both a certificate and a key file are given; a clear message when only one is. */
export function httpsFrom(
  cert: string | undefined,
  key: string | undefined,
): { cert: Buffer; key: Buffer } | undefined {
  if (!cert && !key) return undefined;
  if (!cert || !key)
    throw new UsageError(
      "HTTPS needs both a certificate and a key: set HTTPS_CERT and HTTPS_KEY (or --cert and --key).",
    );
  for (const file of [cert, key]) if (!existsSync(file)) throw new UsageError(`No such file: ${file}`);
  return { cert: readFileSync(cert), key: readFileSync(key) };
}

export function describeServices(services: RunningServices): string {
  const lines = [`ShopBooks link service: ${services.url}`];
  if (services.sandbox) {
    const { info } = services.sandbox;
    lines.push(`TikTok Shop sandbox:    ${services.sandbox.url} (no real TikTok app configured)`);
    lines.push(`Sandbox seller login:   ${info.sellers[0]?.email} / ${info.sellers[0]?.password}`);
  }
  lines.push("", `Preview (any browser):  ${services.previewUrl}`);
  return lines.join("\n");
}

export async function runServeCommand(args: ParsedArgs): Promise<void> {
  if (args.options.help) {
    console.log(
      "Usage: shopbooks serve [--port 3000] [--sandbox-port 8788] [--dist DIR] [--seed N] [--orders N] [--days N] [--cert FILE --key FILE] [--quiet]",
    );
    return;
  }
  const services = await serveFromArgs(args);
  console.log(describeServices(services));
  await waitForInterrupt(services);
}

export function waitForInterrupt(services: RunningServices): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      void services.close().then(resolve);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
