import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { importSettlement, parseSettlement, type SettlementFile } from "../../../src/core/settlement";
import { SettlementReader } from "../../../src/core/settlement/reader";
import { SETTLEMENT_FIXTURES, settlementFixture } from "../../fixtures/settlement-fixtures";

const FILES = join(__dirname, "files");
const BASIC_TEXT = readFileSync(settlementFixture("my-basic.csv"), "utf8");
const BASIC = Papa.parse<string[]>(BASIC_TEXT.trim(), { header: false }).data;
const HEADER = BASIC[0];
const ORDER = BASIC[1]; // 10.76 on 2026-03-02
const ADJUSTMENT = BASIC[15];
const REFUND = BASIC[30];

function csv(rows: string[][], delimiter = ","): string {
  return Papa.unparse(rows, { delimiter, newline: "\n" });
}

function withCells(row: string[], cells: Record<string, string>): string[] {
  const out = [...row];
  for (const [name, value] of Object.entries(cells)) out[HEADER.indexOf(name)] = value;
  return out;
}

/** The reference: papaparse splits the whole text, then the reader reads its records. */
function reference(text: string, file: string): SettlementFile {
  return parseSettlement(text, { file });
}

/** Exactly the same, key order and -0 included. */
function expectSame(read: SettlementFile, expected: SettlementFile): void {
  expect(read).toEqual(expected);
  expect(JSON.stringify(read)).toBe(JSON.stringify(expected));
}

/** Counts the slices read in place (pushLines) and through papaparse (push) while `work` runs. */
async function paths(work: () => Promise<unknown>): Promise<{ inPlace: number; papaparse: number }> {
  const inPlace = jest.spyOn(SettlementReader.prototype, "pushLines");
  const papaparse = jest.spyOn(SettlementReader.prototype, "push");
  try {
    await work();
    return { inPlace: inPlace.mock.calls.length, papaparse: papaparse.mock.calls.length };
  } finally {
    inPlace.mockRestore();
    papaparse.mockRestore();
  }
}

describe("slices without quotes are read in place, exactly as papaparse would read them", () => {
  const files = [
    ...readdirSync(SETTLEMENT_FIXTURES).map((f) => join(SETTLEMENT_FIXTURES, f)),
    ...readdirSync(FILES).map((f) => join(FILES, f)),
  ].filter((f) => f.endsWith(".csv"));

  test("every fixture and layout file gives the same SettlementFile in place, at any slice size, as through papaparse at once", async () => {
    expect(files).toHaveLength(15);
    for (const path of files) {
      const text = readFileSync(path, "utf8");
      const expected = reference(text, "f.csv");
      for (const sliceChars of [1, 97, 4096, 250_000]) {
        expectSame(await importSettlement(text, { file: "f.csv", sliceChars }), expected);
      }
    }
  });

  test("the in-place path is the one taken for a file without quotes, and the answer is the fixture's", async () => {
    let file: SettlementFile | undefined;
    const taken = await paths(async () => {
      file = await importSettlement(BASIC_TEXT, { file: "my-basic.csv", sliceChars: 500 });
    });
    expect(taken.papaparse).toBe(0);
    expect(taken.inPlace).toBeGreaterThan(5);
    expect(file?.accepted).toBe(true);
    expect(file?.counts).toEqual({ order: 27, refund: 1, adjustment: 2 });
    expect(file?.totalsBySettledDate).toEqual({
      "2026-03-02": 29952,
      "2026-03-03": 19956,
      "2026-03-04": 24793,
      "2026-03-06": 29176,
    });
  });

  test("a quoted cell with a line break across a slice boundary is read whole, and the slices around it in place", async () => {
    const note = 'first line\nsecond, "quoted" line';
    const text = csv([
      [...HEADER, "Note"],
      [...ORDER, ""],
      [...REFUND, ""],
      [...ADJUSTMENT, note],
      [...ORDER, ""],
      [...REFUND, ""],
    ]);
    // The first cut is looked for from inside the quoted cell: its line break is not a cut.
    const sliceChars = text.indexOf("first line") + 5;
    let file: SettlementFile | undefined;
    const taken = await paths(async () => {
      file = await importSettlement(text, { file: "notes.csv", sliceChars });
    });
    expect(taken.papaparse).toBe(1);
    expect(taken.inPlace).toBe(1);
    expectSame(file as SettlementFile, reference(text, "notes.csv"));
    expect(file?.rows.map((r) => [r.sourceLines, r.kind, r.extra])).toEqual([
      [[2], "order", {}],
      [[3], "refund", {}],
      [[4], "adjustment", { Note: 'first line\nsecond, "quoted" line' }],
      [[5], "order", {}],
      [[6], "refund", {}],
    ]);
    expect(file?.problems).toEqual([]);
  });

  test("a ;-delimited file with decimal commas and thousands dots reads the same in place, with both warnings", async () => {
    const quoted = readFileSync(join(FILES, "my-excel-semicolon.csv"), "utf8");
    expectSame(
      await importSettlement(quoted, { file: "semi.csv", sliceChars: 200 }),
      reference(quoted, "semi.csv"),
    );
    // Without its quoted "Shopping center items" cells, every slice of it is read in place.
    const text = quoted.replace(/"[^"]*"/g, "items");
    let file: SettlementFile | undefined;
    const taken = await paths(async () => {
      file = await importSettlement(text, { file: "semi.csv", sliceChars: 200 });
    });
    expect(taken).toEqual({ inPlace: 7, papaparse: 0 });
    expectSame(file as SettlementFile, reference(text, "semi.csv"));
    expect(file?.rows.map((r) => [r.id, r.settlementAmount, r.revenue, r.fees])).toEqual([
      ["579940712196096435", 1076, 1290, -214],
      ["579790412876158621", 2269, 2691, -422],
      ["7453807974919513393", 1850, 0, 0],
      ["579592601283756770", -2336, -1990, -346],
      ["579267383740134749", 108261, 123450, -15189],
      ["579104352954716925", 7943, 8990, -1047],
    ]);
    expect(file?.problems.map((p) => [p.code, p.line, p.column, p.message])).toEqual([
      [
        "DECIMAL_COMMA",
        5,
        "Total settlement amount",
        'semi.csv: 59 amounts were written with a decimal comma (first at row 5, column "Total settlement amount"), as Excel does in some languages; they were read as decimals.',
      ],
      [
        "THOUSANDS_SEPARATOR",
        9,
        "Total settlement amount",
        'semi.csv: 4 amounts were written with thousands separators (first at row 9, column "Total settlement amount"), as Excel does when it re-saves a file; they were read as plain numbers.',
      ],
    ]);
    expect(file?.totalsBySettledDate).toEqual({
      "2026-03-02": 3345,
      "2026-03-03": 1850,
      "2026-03-06": 113868,
    });
  });

  test.each([
    ["\n", "LF"],
    ["\r\n", "CRLF"],
    ["\r", "CR"],
  ])("lines ending in %j (%s) read the same in place, with the fixture's totals", async (newline) => {
    const text = BASIC_TEXT.replace(/\r?\n/g, newline);
    const expected = reference(text, "nl.csv");
    for (const sliceChars of [1, 300, 250_000])
      expectSame(await importSettlement(text, { file: "nl.csv", sliceChars }), expected);
    expect(expected.rows).toHaveLength(30);
    expect(expected.totalsBySettledDate).toEqual({
      "2026-03-02": 29952,
      "2026-03-03": 19956,
      "2026-03-04": 24793,
      "2026-03-06": 29176,
    });
  });

  test("blank rows are skipped, a short row is checked, and of two 257-cell rows only the one with text past the header is warned about", async () => {
    const blankTail = [...ORDER, ...Array<string>(202).fill("")];
    const long = [...ORDER, ...Array<string>(150).fill(""), "stray", ...Array<string>(51).fill("")];
    const text = [
      csv([HEADER, ORDER]),
      ",".repeat(54),
      "",
      "   ",
      ORDER.slice(0, 10).join(","),
      blankTail.join(","),
      long.join(","),
      ORDER.join(","),
    ].join("\n");
    const file = await importSettlement(text, { file: "rows.csv", sliceChars: 64 });
    expectSame(file, reference(text, "rows.csv"));
    expect([blankTail.length, long.length]).toEqual([257, 257]);
    expect(file.rows.map((r) => [r.sourceLines[0], r.valid, r.settlementAmount])).toEqual([
      [2, true, 1076],
      [6, false, 1076],
      [7, true, 1076],
      [8, true, 1076],
      [9, true, 1076],
    ]);
    expect(file.problems.map((p) => [p.severity, p.code, p.line, p.column])).toEqual([
      ["error", "IDENTITY_BROKEN", 6, "Total settlement amount"],
      ["warning", "EXTRA_CELLS", 8, null],
    ]);
    expect(file.counts).toEqual({ order: 5, refund: 0, adjustment: 0 });
  });

  test("a row that breaks its identity is named by row and column in place", async () => {
    const text = csv([HEADER, ADJUSTMENT, withCells(ORDER, { "Total settlement amount": "10.77" })]);
    const file = await importSettlement(text, { file: "test.csv", sliceChars: 1 });
    expectSame(file, reference(text, "test.csv"));
    expect(file.problems.map((p) => [p.code, p.line, p.column, p.message])).toEqual([
      [
        "IDENTITY_BROKEN",
        3,
        "Total settlement amount",
        'test.csv row 3, column "Total settlement amount": 10.77 ≠ Total Revenue 12.90 + Total Fees -2.14 + Ajustment amount 0.00 = 10.76. Download the file again from Seller Center; if the row still does not add up, report it to TikTok Seller Support.',
      ],
    ]);
  });

  test("Excel-damaged IDs refuse the file in place, naming the rows", async () => {
    const text = readFileSync(settlementFixture("my-excel-mangled-ids.csv"), "utf8");
    const file = await importSettlement(text, { file: "my-excel-mangled-ids.csv", sliceChars: 300 });
    expectSame(file, reference(text, "my-excel-mangled-ids.csv"));
    expect(file.accepted).toBe(false);
    expect(file.rows).toEqual([]);
    expect(file.problems.map((p) => [p.code, p.column, p.line])).toEqual([
      ["ID_PRECISION_LOST", "Order/adjustment ID", 2],
      ["ID_PRECISION_LOST", "Related order ID", 2],
    ]);
    expect(file.problems[0].message).toContain("rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11");
  });

  test("dates in place read as readDate reads them: separators, a time of day, impossible and foreign dates", async () => {
    const dates = [
      "2026/03/02",
      "2026-03-02",
      "2026.03.02",
      "2026/3/2",
      "2026/02/30",
      "2026/03/02 10:11:12",
      "02/03/2026",
      "/",
      "2026 03 02",
    ];
    const text = csv([
      HEADER,
      ...dates.map((d) => withCells(ORDER, { "Order settled time": d, "Order created time": d })),
    ]);
    const file = await importSettlement(text, { file: "dates.csv", sliceChars: 1 });
    expectSame(file, reference(text, "dates.csv"));
    expect(file.rows.map((r) => [r.sourceLines[0], r.settledDate, r.createdDate, r.valid])).toEqual([
      [2, "2026-03-02", "2026-03-02", true],
      [3, "2026-03-02", "2026-03-02", true],
      [4, "2026-03-02", "2026-03-02", true],
      [5, "2026-03-02", "2026-03-02", true],
      [6, "", null, false],
      [7, "2026-03-02", "2026-03-02", true],
      [8, "", null, false],
      [9, "", null, false],
      [10, "", null, false],
    ]);
    expect(file.problems.map((p) => [p.code, p.line, p.column])).toEqual([
      ["BAD_DATE", 6, "Order settled time"],
      ["MISSING_DATE", 9, "Order settled time"],
    ]);
    expect(file.problems.map((p) => p.message)).toEqual([
      'dates.csv: "Order settled time" on 3 rows (rows 6, 8, 10) is not a date as Seller Center writes it (YYYY/MM/DD), for example "2026/02/30" on row 6: Excel rewrote these dates when the file was saved. Download the file again from Seller Center and load it directly, without opening and saving it in Excel. Nothing in this file is posted.',
      'dates.csv row 9 has no settled date in "Order settled time". Download the file again from Seller Center.',
    ]);
  });

  test("amounts in place: -0 is 0, plain ones to the sen, decorated ones warned about, bad ones refused by row and column", async () => {
    const values = ["-0", "0.10", "-7.07", "00012.5", "(5.00)", "RM 12.30", "1e5", "0.001", "", "12."];
    const text = csv([HEADER, ...values.map((v) => withCells(ORDER, { "Customer shipping fee": v }))]);
    const file = await importSettlement(text, { file: "amounts.csv", sliceChars: 500 });
    expectSame(file, reference(text, "amounts.csv"));
    expect(
      file.rows.map((r) => [r.sourceLines[0], r.shippingParts["Customer shipping fee"], r.valid]),
    ).toEqual([
      [2, undefined, true],
      [3, 10, true],
      [4, -707, true],
      [5, 1250, true],
      [6, -500, true],
      [7, 1230, true],
      [8, undefined, false],
      [9, undefined, false],
      [10, undefined, true],
      [11, 1200, true],
    ]);
    expect(file.problems.map((p) => [p.code, p.line, p.column, p.message])).toEqual([
      [
        "DECORATED_AMOUNT",
        6,
        "Customer shipping fee",
        'amounts.csv: 2 amounts were written with a currency sign, brackets or a trailing minus (first at row 6, column "Customer shipping fee"); they were read as plain signed numbers.',
      ],
      [
        "BAD_AMOUNT",
        8,
        "Customer shipping fee",
        'amounts.csv row 8, column "Customer shipping fee": "1e5" is not an amount. Correct the cell (amounts look like -12.30) or download the file again from Seller Center.',
      ],
      [
        "BAD_AMOUNT",
        9,
        "Customer shipping fee",
        'amounts.csv row 9, column "Customer shipping fee": "0.001" has more decimals than MYR allows (2). Download the file again from Seller Center.',
      ],
    ]);
  });

  test("-0 and -0.00 read as 0, never as -0", async () => {
    const text = csv([HEADER, withCells(ADJUSTMENT, { "Total Revenue": "-0", "Total Fees": "-0.00" })]);
    const file = await importSettlement(text, { file: "zero.csv" });
    expectSame(file, reference(text, "zero.csv"));
    expect(Object.is(file.rows[0].revenue, 0)).toBe(true);
    expect(Object.is(file.rows[0].fees, 0)).toBe(true);
  });

  test("an order's Related order ID is its own ID, kept exactly; a blank one is none", async () => {
    // Type first: columns are found by name, and a row without an ID is then still read in place.
    const typeFirst = (row: string[]) => [row[1], row[0], ...row.slice(2)];
    const text = csv(
      [
        HEADER,
        ORDER,
        ADJUSTMENT,
        withCells(ORDER, { "Related order ID": "" }),
        withCells(ORDER, { "Order/adjustment ID": "", "Related order ID": "" }),
      ].map(typeFirst),
    );
    const file = await importSettlement(text, { file: "ids.csv" });
    expectSame(file, reference(text, "ids.csv"));
    expect(file.rows.map((r) => [r.id, r.relatedOrderId])).toEqual([
      ["579940712196096435", "579940712196096435"],
      ["7453807974919513393", null],
      ["579940712196096435", null],
      ["", null],
    ]);
    expect(file.problems.map((p) => [p.code, p.line, p.column])).toEqual([
      ["MISSING_ID", 5, "Order/adjustment ID"],
    ]);
  });
});
