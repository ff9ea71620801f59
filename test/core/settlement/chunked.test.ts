import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { importSettlement, parseSettlement, type ImportProgress } from "../../../src/core/settlement";
import { settlementFixture } from "../../fixtures/settlement-fixtures";

const BASIC_TEXT = readFileSync(settlementFixture("my-basic.csv"), "utf8");
const BASIC = Papa.parse<string[]>(BASIC_TEXT.trim(), { header: false }).data;
const HEADER = BASIC[0];
const ORDER = BASIC[1]; // 10.76 on 2026-03-02
const REFUND = BASIC[30]; // -23.36 on 2026-03-06
const ADJUSTMENT = BASIC[15]; // 18.50 on 2026-03-03
const ID = HEADER.indexOf("Order/adjustment ID");
const SETTLED = HEADER.indexOf("Order settled time");
const RELATED = HEADER.indexOf("Related order ID");

describe("importing in slices", () => {
  test("a 100,000-row file imports through the chunked API with progress, yielding between slices", async () => {
    const lines = [HEADER.join(",")];
    const expected: Record<string, number> = {};
    for (let i = 0; i < 100_000; i++) {
      const base = i % 50 === 49 ? ADJUSTMENT : i % 50 === 48 ? REFUND : ORDER;
      const date = `2026-04-${String((i % 10) + 1).padStart(2, "0")}`;
      expected[date] = (expected[date] ?? 0) + (base === ADJUSTMENT ? 1850 : base === REFUND ? -2336 : 1076);
      const row = [...base];
      const id = `${base === ADJUSTMENT ? "74" : "57"}${String(i).padStart(16, "0")}`;
      row[ID] = id;
      if (base !== ADJUSTMENT) row[RELATED] = id;
      row[SETTLED] = `2026/04/${String((i % 10) + 1).padStart(2, "0")}`;
      lines.push(row.map((c) => (c.includes(",") || c.includes(";") ? `"${c}"` : c)).join(","));
    }
    const text = lines.join("\r\n") + "\r\n";
    const progress: ImportProgress[] = [];
    let yields = 0;
    const file = await importSettlement(text, {
      file: "big.csv",
      onProgress: (p) => progress.push(p),
      yieldToUi: async () => {
        yields += 1;
      },
    });
    expect(file.accepted).toBe(true);
    expect(file.problems).toEqual([]);
    expect(file.rows).toHaveLength(100_000);
    expect(file.counts).toEqual({ order: 96_000, refund: 2_000, adjustment: 2_000 });
    expect(file.totalsBySettledDate).toEqual(expected);
    expect(file.totalsBySettledDate["2026-04-09"]).toBe(8_000 * 1076 - 2_000 * 2336);
    expect(file.rows[99_999].sourceLines).toEqual([100_001]);
    expect(progress.length).toBeGreaterThan(10);
    expect(yields).toBe(progress.length - 1);
    expect(progress.map((p) => p.fraction)).toEqual(
      [...progress.map((p) => p.fraction)].sort((a, b) => a - b),
    );
    expect(progress[progress.length - 1]).toEqual({ rowsRead: 100_001, fraction: 1 });
  }, 60_000);

  test("slices never cut a quoted cell: quoted commas, quotes and line breaks read the same as at once", async () => {
    const items = withCell(ORDER, "Shopping center items", 'Mug "big", red\nsecond line');
    const text = [HEADER, items, ADJUSTMENT, ORDER, [], REFUND]
      .map((r) => Papa.unparse([r], { newline: "\n" }))
      .join("\n");
    const whole = parseSettlement(text, { file: "q.csv" });
    for (const sliceChars of [1, 7, 64, 500]) {
      const sliced = await importSettlement(text, { file: "q.csv", sliceChars });
      expect(sliced).toEqual(whole);
    }
    expect(whole.rows.map((r) => r.sourceLines[0])).toEqual([2, 3, 4, 6]);
    expect(whole.rows[0].extra).toEqual({});
  });
});

function withCell(row: string[], name: string, value: string): string[] {
  const out = [...row];
  out[HEADER.indexOf(name)] = value;
  return out;
}
