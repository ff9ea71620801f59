import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { formatMoney } from "../../../src/core/money/money";
import {
  parseSettlement,
  postedRowKey,
  settlementRowKey,
  unionSettlementFiles,
} from "../../../src/core/settlement";
import { settlementFixture } from "../../fixtures/settlement-fixtures";

const BASIC = Papa.parse<string[]>(
  readFileSync(settlementFixture("my-basic.csv"), "utf8").trim(),
  { header: false },
).data;
const [HEADER, ...ROWS] = BASIC;
const csv = (rows: string[][]) => Papa.unparse([HEADER, ...rows], { newline: "\n" });
const read = (file: string, rows: string[][]) => parseSettlement(csv(rows), { file });

describe("several settlement files read together", () => {
  test("overlapping downloads give each row once, with a warning naming both files", () => {
    const week1 = read("week1.csv", ROWS.slice(0, 20));
    const week2 = read("week2.csv", ROWS.slice(14));
    const union = unionSettlementFiles([week1, week2]);
    expect(union.accepted).toBe(true);
    expect(union.file).toBe("week1.csv, week2.csv");
    expect(union.rows).toHaveLength(30);
    expect(
      Object.fromEntries(Object.entries(union.totalsBySettledDate).map(([d, v]) => [d, formatMoney(v)])),
    ).toEqual({
      "2026-03-02": "299.52",
      "2026-03-03": "199.56",
      "2026-03-04": "247.93",
      "2026-03-06": "291.76",
    });
    const warnings = union.problems.filter((p) => p.code === "ROW_IN_SEVERAL_FILES");
    expect(warnings).toHaveLength(6);
    expect(warnings[0]).toEqual({
      severity: "warning",
      line: 2,
      column: null,
      code: "ROW_IN_SEVERAL_FILES",
      message:
        "week2.csv row 2: Logistics reimbursement 7453807974919513393 settled 2026-03-03 (18.50) is also in week1.csv row 16; it is counted once.",
      file: "week2.csv",
    });
    expect(union.rows.filter((r) => r.file === "week2.csv")).toHaveLength(10);
  });

  test("a refund row that shares its ID with an order row in another file is a different row and is kept", () => {
    const orders = read("a.csv", ROWS.slice(0, 2));
    const refunds = read("b.csv", [ROWS[29]]);
    const union = unionSettlementFiles([orders, refunds]);
    expect(union.rows.map((r) => [r.id, r.kind, r.file])).toEqual([
      ["579940712196096435", "order", "a.csv"],
      ["579592601283756770", "order", "a.csv"],
      ["579592601283756770", "refund", "b.csv"],
    ]);
    expect(union.problems).toEqual([]);
  });

  test("rows repeated within one file count as a multiset: the union holds them as often as the file that holds them most", () => {
    const twice = read("a.csv", [ROWS[0], ROWS[0]]);
    const thrice = read("b.csv", [ROWS[0], ROWS[0], ROWS[0]]);
    const union = unionSettlementFiles([twice, thrice]);
    expect(union.rows.map((r) => `${r.file}:${r.sourceLines[0]}`)).toEqual(["a.csv:2", "a.csv:3", "b.csv:4"]);
    expect(union.problems.map((p) => [p.file, p.line])).toEqual([
      ["b.csv", 2],
      ["b.csv", 3],
    ]);
  });

  test("a refused file refuses the union, and its problems say which file", () => {
    const good = read("good.csv", ROWS.slice(0, 2));
    const bad = parseSettlement(
      readFileSync(settlementFixture("my-excel-mangled-ids.csv"), "utf8"),
      { file: "bad.csv" },
    );
    const union = unionSettlementFiles([good, bad]);
    expect(union.accepted).toBe(false);
    expect(union.problems.map((p) => [p.file, p.code])).toEqual([
      ["bad.csv", "ID_PRECISION_LOST"],
      ["bad.csv", "ID_PRECISION_LOST"],
    ]);
  });

  test("files in different currencies cannot be read together", () => {
    const myr = read("my.csv", ROWS.slice(0, 1));
    const sgd = read("sg.csv", [ROWS[1].map((c) => (c === "MYR" ? "SGD" : c))]);
    const union = unionSettlementFiles([myr, sgd]);
    expect(union.problems.map((p) => p.code)).toEqual(["MIXED_CURRENCY"]);
    expect(union.accepted).toBe(false);
  });

  test("a row's key holds its ID, type, settled date and amounts, and the store when posted", () => {
    const file = read("a.csv", [ROWS[1], ROWS[29]]);
    const [order, refund] = file.rows;
    expect(settlementRowKey(order)).not.toBe(settlementRowKey(refund));
    expect(settlementRowKey(order)).toBe(
      "579592601283756770|Order|2026-03-02|1766|1990|-224|0|1990|0|1990|0|0|0|-75|-86|0|0|-63|0|0",
    );
    expect(postedRowKey("7000000001", order)).toBe(`tiktok:7000000001:settlement:${settlementRowKey(order)}`);
  });
});
