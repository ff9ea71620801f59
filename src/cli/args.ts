/** Minimal `--name value` / `--flag` parsing for the shopbooks CLI. */
export interface ParsedArgs {
  positional: string[];
  options: Record<string, string | true>;
}

export function parseArgs(argv: string[]): ParsedArgs {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    if (eq > 0) {
      options[arg.slice(2, eq)] = arg.slice(eq + 1);
    } else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
      options[arg.slice(2)] = argv[++i];
    } else {
      options[arg.slice(2)] = true;
    }
  }
  return { positional, options };
}

export class UsageError extends Error {
  readonly code = "USAGE";
}

export function intOption(options: ParsedArgs["options"], name: string, fallback: number): number {
  const raw = options[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw === true || !Number.isInteger(value) || value < 0) {
    throw new UsageError(`--${name} takes a whole number, e.g. --${name} ${fallback}`);
  }
  return value;
}

export function stringOption(options: ParsedArgs["options"], name: string): string | undefined {
  const raw = options[name];
  if (raw === true) throw new UsageError(`--${name} needs a value`);
  return raw;
}
