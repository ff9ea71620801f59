import { spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { UsageError } from "../../src/cli/args";
import { settlementCommand } from "../../src/cli/settlement-command";
import { SETTLEMENT_FIXTURES } from "../fixtures/settlement-fixtures";

const FIXTURES = SETTLEMENT_FIXTURES;
const FILES = join(__dirname, "..", "core", "settlement", "files");
const ROOT = join(__dirname, "..", "..");

async function run(...argv: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const code = await settlementCommand(argv, { readFile: (p) => readFile(p), print: (t) => (out += t) });
  return { code, out };
}

async function runJson(...argv: string[]) {
  const { code, out } = await run(...argv, "--json");
  return { code, json: JSON.parse(out) };
}

describe("shopbooks settlement", () => {
  test("--json prints one object with the contract's fields, amounts as decimal strings, and exits 0 for an accepted file", async () => {
    const { code, json } = await runJson(join(FIXTURES, "my-basic.csv"));
    expect(code).toBe(0);
    expect(Object.keys(json)).toEqual([
      "file",
      "layout",
      "currency",
      "rows",
      "totalsBySettledDate",
      "problems",
    ]);
    expect(json.file).toBe("my-basic.csv");
    expect(json.currency).toBe("MYR");
    expect(json.rows).toHaveLength(30);
    expect(json.rows[0]).toEqual({
      id: "579940712196096435",
      type: "Order",
      kind: "order",
      settledDate: "2026-03-02",
      settlementAmount: "10.76",
      revenue: "12.90",
      fees: "-2.14",
      adjustment: "0.00",
      relatedOrderId: "579940712196096435",
      feeBuckets: { Transaction: "-0.49", Commission: "-0.84", Shipping: "-0.20", Service: "-0.61" },
      sourceLines: [2],
    });
    expect(json.rows[14]).toMatchObject({
      id: "7453807974919513393",
      kind: "adjustment",
      adjustment: "18.50",
      relatedOrderId: null,
      feeBuckets: {},
    });
    expect(json.totalsBySettledDate).toEqual({
      "2026-03-02": "299.52",
      "2026-03-03": "199.56",
      "2026-03-04": "247.93",
      "2026-03-06": "291.76",
    });
    expect(json.problems).toEqual([]);
  });

  test("--json may come before the files", async () => {
    const { code, out } = await run("--json", join(FIXTURES, "my-quirks.csv"));
    expect(code).toBe(0);
    expect(JSON.parse(out).totalsBySettledDate).toEqual({
      "2026-03-09": "126.54",
      "2026-03-10": "1209.06",
      "2026-03-11": "22.39",
    });
  });

  test("IDR amounts have no minor digits", async () => {
    const { json } = await runJson(join(FILES, "id-2026.csv"));
    expect(json.rows[0].settlementAmount).toBe("921477");
    expect(json.totalsBySettledDate).toEqual({ "2026-01-12": "1007607" });
  });

  test("a file with missing columns exits 1 with an error naming both columns", async () => {
    const { code, json } = await runJson(join(FIXTURES, "my-broken-missing-columns.csv"));
    expect(code).toBe(1);
    expect(json.rows).toEqual([]);
    expect(json.problems).toHaveLength(1);
    expect(json.problems[0]).toMatchObject({ severity: "error", line: 1, code: "MISSING_COLUMNS" });
    expect(json.problems[0].message).toContain('"Order/adjustment ID" and "Total settlement amount"');
  });

  test("a file with Excel-damaged IDs exits 1 listing the rows", async () => {
    const { code, json } = await runJson(join(FIXTURES, "my-excel-mangled-ids.csv"));
    expect(code).toBe(1);
    expect(json.rows).toEqual([]);
    expect(json.problems.map((p: { code: string; column: string }) => [p.code, p.column])).toEqual([
      ["ID_PRECISION_LOST", "Order/adjustment ID"],
      ["ID_PRECISION_LOST", "Related order ID"],
    ]);
    expect(json.problems[0].message).toContain("rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11");
  });

  test("several files give their union: a row in two files once with a warning naming them, totals of the union", async () => {
    const { code, json } = await runJson(
      join(FIXTURES, "my-basic.csv"),
      join(FILES, "my-excel-semicolon.csv"),
    );
    expect(code).toBe(0);
    expect(json.file).toBe("my-basic.csv, my-excel-semicolon.csv");
    // the semicolon file repeats five my-basic rows (one of them a refund sharing its order's ID) and adds one order
    expect(json.rows).toHaveLength(31);
    const repeats = json.problems.filter((p: { code: string }) => p.code === "ROW_IN_SEVERAL_FILES");
    expect(repeats).toHaveLength(5);
    expect(repeats[0].message).toBe(
      "my-excel-semicolon.csv row 5: Order 579940712196096435 settled 2026-03-02 (10.76) is also in my-basic.csv row 2; it is counted once.",
    );
    expect(json.totalsBySettledDate["2026-03-06"]).toBe("1374.37");
    expect(
      json.rows
        .filter((r: { id: string }) => r.id === "579592601283756770")
        .map((r: { kind: string }) => r.kind),
    ).toEqual(["order", "refund"]);
  });

  test("without --json it prints a readable summary", async () => {
    const { code, out } = await run(join(FIXTURES, "my-basic.csv"));
    expect(code).toBe(0);
    expect(out.split("\n").slice(0, 9)).toEqual([
      "my-basic.csv: accepted (sea-local, MYR)",
      "30 rows: 27 order, 1 refund, 2 adjustment",
      "",
      "Settled date    Rows    Total",
      "2026-03-02         7   299.52",
      "2026-03-03         8   199.56",
      "2026-03-04         8   247.93",
      "2026-03-06         7   291.76",
      "Total             30  1038.77",
    ]);
  });

  test("a missing file and a missing argument are explained", async () => {
    await expect(run("/nonexistent/file.csv")).rejects.toThrow(
      "Cannot read /nonexistent/file.csv: there is no such file.",
    );
    await expect(run()).rejects.toThrow(UsageError);
    await expect(run("a.csv", "--jsn")).rejects.toThrow("Unknown option --jsn");
  });

  test("the installed command prints the JSON and sets the exit code", () => {
    const ok = spawnSync(
      process.execPath,
      [join(ROOT, "bin", "shopbooks.js"), "settlement", join(FIXTURES, "my-basic.csv"), "--json"],
      {
        encoding: "utf8",
      },
    );
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).rows).toHaveLength(30);
    const bad = spawnSync(
      process.execPath,
      [join(ROOT, "bin", "shopbooks.js"), "settlement", join(FIXTURES, "my-excel-mangled-ids.csv"), "--json"],
      {
        encoding: "utf8",
      },
    );
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout).problems[0].code).toBe("ID_PRECISION_LOST");
  }, 30_000);
});
