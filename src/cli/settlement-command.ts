/**
 * `shopbooks settlement FILE [FILE…] [--json] [--currency CODE]`: read Seller Center settlement exports,
 * check them, and print their rows, per-date totals and problems. Exit code 0 when accepted, 1 when not.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { formatMoney, minorDigits, sen } from "../core/money/money";
import {
  decodeSettlementBytes,
  importSettlement,
  settlementFileToJson,
  unionSettlementFiles,
  type SettlementFile,
} from "../core/settlement";
import { parseArgs, stringOption, UsageError } from "./args";

const HELP = `Usage: shopbooks settlement FILE [FILE...] [--json] [--currency CODE]

Reads TikTok Shop settlement exports (Seller Center → Finance → Settled / Income → Export, CSV), checks every
row, and prints counts, the totals per settled date and any problems (with --json: every row as well). Several files are read as one: a row
found in more than one file counts once.

  --json             print one JSON object instead of a summary
  --currency CODE    the currency of a file that has no Currency column (e.g. MYR)

Exit code: 0 when the files are accepted (warnings allowed), 1 when they are not.`;

export interface SettlementCommandIo {
  readFile(path: string): Promise<Uint8Array>;
  print(text: string): void;
}

const nodeIo: SettlementCommandIo = {
  readFile: (path) => readFile(path),
  print: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
};

/** Runs the command and returns its exit code. */
export async function settlementCommand(argv: string[], io: SettlementCommandIo = nodeIo): Promise<number> {
  // --json is a flag: taken out first so that "--json FILE" does not read FILE as its value.
  const json = argv.includes("--json");
  const args = parseArgs(argv.filter((a) => a !== "--json"));
  if (args.options.help) {
    io.print(HELP);
    return 0;
  }
  const unknown = Object.keys(args.options).filter((o) => o !== "currency");
  if (unknown.length > 0) throw new UsageError(`Unknown option --${unknown[0]}.\n\n${HELP}`);
  if (args.positional.length === 0) throw new UsageError(`Name at least one settlement file.\n\n${HELP}`);
  const currency = stringOption(args.options, "currency");

  const files: SettlementFile[] = [];
  for (const path of args.positional) {
    let bytes: Uint8Array;
    try {
      bytes = await io.readFile(path);
    } catch (error) {
      const reason =
        (error as NodeJS.ErrnoException).code === "ENOENT"
          ? "there is no such file"
          : String((error as Error).message);
      throw new Error(`Cannot read ${path}: ${reason}.`);
    }
    files.push(
      await importSettlement(decodeSettlementBytes(bytes), {
        file: basename(path),
        ...(currency ? { currency } : {}),
      }),
    );
  }
  const result = unionSettlementFiles(files);
  io.print(json ? JSON.stringify(settlementFileToJson(result), null, 2) : summary(result, files));
  return result.accepted ? 0 : 1;
}

export async function runSettlementCommand(argv: string[]): Promise<void> {
  process.exitCode = await settlementCommand(argv);
}

function summary(result: SettlementFile, files: SettlementFile[]): string {
  const digits = minorDigits(result.currency ?? "MYR");
  const money = (v: number) => formatMoney(sen(v), digits);
  const layouts = [...new Set(files.map((f) => f.layout ?? "unknown layout"))].join(", ");
  const out: string[] = [];
  out.push(
    `${result.file}: ${result.accepted ? "accepted" : "NOT accepted"} (${layouts}${result.currency ? `, ${result.currency}` : ""})`,
  );
  const kinds = { order: 0, refund: 0, adjustment: 0 };
  for (const row of result.rows) kinds[row.kind] += 1;
  out.push(
    `${result.rows.length} rows: ${kinds.order} order, ${kinds.refund} refund, ${kinds.adjustment} adjustment`,
  );
  const dates = Object.entries(result.totalsBySettledDate);
  if (dates.length > 0) {
    const total = dates.reduce((a, [, v]) => a + v, 0);
    const width = Math.max(...dates.map(([, v]) => money(v).length), money(total).length, 5);
    out.push("", `Settled date  ${"Rows".padStart(6)}  ${"Total".padStart(width)}`);
    for (const [date, value] of dates) {
      const n = result.rows.filter((r) => r.settledDate === date).length;
      out.push(`${date}    ${String(n).padStart(6)}  ${money(value).padStart(width)}`);
    }
    out.push(
      `${"Total".padEnd(10)}    ${String(result.rows.length).padStart(6)}  ${money(total).padStart(width)}`,
    );
  }
  if (result.problems.length > 0) {
    out.push("", "Problems:");
    for (const p of result.problems)
      out.push(`  ${p.severity === "error" ? "ERROR  " : "warning"} ${p.message}`);
  }
  return out.join("\n");
}
