import { readFileSync } from "node:fs";
import Papa from "papaparse";
import {
  decodeSettlementBytes,
  importSettlement,
  parseSettlement,
  type SettlementFile,
} from "../../../src/core/settlement";
import { DEFAULT_FEE_MAP, feeMapWith } from "../../../src/core/posting/fee-map";
import { settlementFixture } from "../../fixtures/settlement-fixtures";

const BASIC = Papa.parse<string[]>(
  readFileSync(settlementFixture("my-basic.csv"), "utf8").trim(),
  { header: false },
).data;
const HEADER = BASIC[0];
/** 579940712196096435: settlement 10.76 = revenue 12.90 + fees −2.14 (−0.49 −0.84 −0.20 −0.11 −0.50). */
const ORDER = BASIC[1];
const ADJUSTMENT = BASIC[15];

function csv(rows: string[][], delimiter = ","): string {
  return Papa.unparse(rows, { delimiter, newline: "\n" });
}

function withCells(row: string[], cells: Record<string, string>, header = HEADER): string[] {
  const out = [...row];
  for (const [name, value] of Object.entries(cells)) {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`no column ${name}`);
    out[i] = value;
  }
  return out;
}

function read(text: string, file = "test.csv"): SettlementFile {
  return parseSettlement(text, { file });
}

const brief = (f: SettlementFile) => f.problems.map((p) => [p.severity, p.code, p.line, p.column]);

describe("settlement files with quirks", () => {
  test("two identical rows in one file are both kept", () => {
    const file = read(csv([HEADER, ORDER, ORDER]));
    expect(file.accepted).toBe(true);
    expect(file.rows.map((r) => r.sourceLines)).toEqual([[2], [3]]);
    expect(file.totalsBySettledDate).toEqual({ "2026-03-02": 2152 });
  });

  test("a row that breaks its settlement identity is reported with its row and column, and the file is not accepted", () => {
    const broken = withCells(ORDER, { "Total settlement amount": "10.77" });
    const file = read(csv([HEADER, ADJUSTMENT, broken]));
    expect(file.accepted).toBe(false);
    expect(brief(file)).toEqual([["error", "IDENTITY_BROKEN", 3, "Total settlement amount"]]);
    expect(file.problems[0].message).toBe(
      'test.csv row 3, column "Total settlement amount": 10.77 ≠ Total Revenue 12.90 + Total Fees -2.14 + Ajustment amount 0.00 = 10.76. Download the file again from Seller Center; if the row still does not add up, report it to TikTok Seller Support.',
    );
    expect(file.rows.map((r) => [r.sourceLines[0], r.valid])).toEqual([
      [2, true],
      [3, false],
    ]);
  });

  test("revenue, subtotal and refund-subtotal identities are checked to the sen", () => {
    const file = read(
      csv([
        HEADER,
        withCells(ORDER, {
          "Subtotal after seller discounts": "12.91",
          "Total Revenue": "12.91",
          "Total settlement amount": "10.77",
        }),
        withCells(ORDER, { "Total Revenue": "12.91", "Total settlement amount": "10.77" }),
      ]),
    );
    expect(brief(file)).toEqual([
      ["error", "IDENTITY_BROKEN", 2, "Subtotal after seller discounts"],
      ["error", "IDENTITY_BROKEN", 3, "Total Revenue"],
    ]);
  });

  test("a fee the map does not count is named: the row, the column, and what to do", () => {
    const header = [...HEADER, "Mystery fee"];
    const row = [...withCells(ORDER, { "Total Fees": "-2.64", "Total settlement amount": "10.26" }), "-0.50"];
    const file = read(csv([header, row]));
    expect(brief(file)).toEqual([["error", "FEE_MAP_MISMATCH", 2, "Mystery fee"]]);
    expect(file.problems[0].message).toBe(
      'test.csv row 2: Total Fees is -2.64 but the fee columns in the fee map add up to -2.14 (difference -0.50). Column "Mystery fee" (-0.50) is not counted: add it to a fee bucket in the store\'s fee map, then load the file again.',
    );
  });

  test("the same file reads cleanly once the store's fee map puts that column in a bucket", () => {
    const header = [...HEADER, "Mystery fee"];
    const row = [...withCells(ORDER, { "Total Fees": "-2.64", "Total settlement amount": "10.26" }), "-0.50"];
    const feeMap = feeMapWith(DEFAULT_FEE_MAP, { parents: { "Mystery fee": "Service" } });
    const file = parseSettlement(csv([header, row]), { file: "test.csv", feeMap });
    expect(file.problems).toEqual([]);
    expect(file.rows[0].feeBuckets).toEqual({
      Transaction: -49,
      Commission: -84,
      Shipping: -20,
      Service: -111,
    });
  });

  test("an unknown column inside the fee block that is really part of another fee is named as such", () => {
    const at = HEADER.indexOf("Actual shipping fee");
    const header = [...HEADER.slice(0, at), "Shipping handling part", ...HEADER.slice(at)];
    const row = [...ORDER.slice(0, at), "-0.20", ...ORDER.slice(at)];
    const file = read(csv([header, row]));
    expect(brief(file)).toEqual([
      ["error", "FEE_MAP_MISMATCH", 2, "Shipping handling part"],
      ["warning", "UNMAPPED_FEE_COLUMN", 2, "Shipping handling part"],
    ]);
    expect(file.problems[0].message).toContain("mark it as a child");
  });

  test("duplicate headers and unknown columns are kept with the row", () => {
    const header = [...HEADER, "Related order ID", "Warehouse note"];
    const file = read(csv([header, [...ORDER, "579940712196096435", "shelf B"]]));
    expect(file.accepted).toBe(true);
    expect(file.rows[0].relatedOrderId).toBe("579940712196096435");
    expect(file.rows[0].extra).toEqual({
      "Related order ID (2)": "579940712196096435",
      "Warehouse note": "shelf B",
    });
  });

  test("an unreadable amount is reported with its row and column", () => {
    const file = read(csv([HEADER, withCells(ORDER, { "Transaction fee": "-0..49" })]));
    expect(brief(file)).toEqual([["error", "BAD_AMOUNT", 2, "Transaction fee"]]);
    expect(file.problems[0].message).toContain('"-0..49" is not an amount');
    expect(file.rows[0].valid).toBe(false);
  });

  test("an amount too large to be kept to the sen is reported with its row and column, not thrown", async () => {
    const text = csv([HEADER, withCells(ORDER, { "Transaction fee": "99999999999999.5" })]);
    const file = read(text);
    expect(await importSettlement(text, { file: "test.csv" })).toEqual(file);
    expect(brief(file)).toEqual([["error", "BAD_AMOUNT", 2, "Transaction fee"]]);
    expect(file.problems[0].message).toBe(
      'test.csv row 2, column "Transaction fee": "99999999999999.5" is too large to be kept exactly (amounts go up to 90071992547409.91 MYR). Correct the cell or download the file again from Seller Center.',
    );
    expect(file.accepted).toBe(false);
    expect(file.rows[0].valid).toBe(false);
  });

  test.each([
    ["some lines in \\r\\n, the rest in \\n", (i: number) => (i % 3 === 0 ? "\r\n" : "\n")],
    ["some lines in \\n, the rest in \\r\\n", (i: number) => (i % 3 === 0 ? "\n" : "\r\n")],
    ["some lines in \\r, the rest in \\r\\n", (i: number) => (i % 2 === 0 ? "\r" : "\r\n")],
  ])("a file whose line breaks are mixed (%s) reads every row, in both readers", async (_name, lineBreak) => {
    const plain = read(csv(BASIC));
    const mixed = BASIC.map((row, i) => Papa.unparse([row]) + lineBreak(i)).join("");
    expect(read(mixed)).toEqual(plain);
    expect(await importSettlement(mixed, { file: "test.csv", sliceChars: 300 })).toEqual(plain);
    expect(plain.rows).toHaveLength(BASIC.length - 1);
    expect(plain.problems).toEqual([]);
  });

  test("a quoted cell's line break in a \\r\\n file is kept in the cell", async () => {
    const header = [...HEADER, "Note"];
    const rows = [header, [...ORDER, "two\nlines"], [...BASIC[2], "one"]];
    const text = Papa.unparse(rows, { newline: "\r\n" });
    const file = read(text);
    expect(await importSettlement(text, { file: "test.csv", sliceChars: 300 })).toEqual(file);
    expect(file.rows.map((r) => r.extra)).toEqual([{ Note: "two\nlines" }, { Note: "one" }]);
  });

  test("amounts each exact but whose settled date's total is not are refused at the row that tips it, not thrown", async () => {
    const huge = withCells(ADJUSTMENT, { "Total settlement amount": "50000000000000.00", "Ajustment amount": "50000000000000.00" });
    const text = csv([HEADER, huge, huge]);
    const file = read(text);
    expect(await importSettlement(text, { file: "test.csv" })).toEqual(file);
    expect(brief(file)).toEqual([["error", "AMOUNT_TOO_LARGE", 3, null]]);
    expect(file.problems[0].message).toBe(
      "test.csv row 3: its amounts, or the settled date's total with them, add up to more than can be kept exactly (90071992547409.91). Correct the amounts or download the file again from Seller Center.",
    );
    expect(file.accepted).toBe(false);
  });

  test("in a currency without minor units, the total too large to keep is named in whole units", () => {
    const huge = withCells(ADJUSTMENT, {
      Currency: "IDR",
      "Total settlement amount": "5000000000000000",
      "Ajustment amount": "5000000000000000",
    });
    const file = read(csv([HEADER, huge, huge]));
    expect(brief(file)).toEqual([["error", "AMOUNT_TOO_LARGE", 3, null]]);
    expect(file.problems[0].message).toBe(
      "test.csv row 3: its amounts, or the settled date's total with them, add up to more than can be kept exactly (9007199254740991). Correct the amounts or download the file again from Seller Center.",
    );
  });

  test("an amount with more decimals than the currency allows is refused, not rounded", () => {
    const file = read(csv([HEADER, withCells(ORDER, { "Transaction fee": "-0.491" })]));
    expect(brief(file)).toEqual([["error", "BAD_AMOUNT", 2, "Transaction fee"]]);
    expect(file.problems[0].message).toContain("more decimals than MYR allows (2)");
  });

  test("a date Excel rewrote is refused with the row and column", () => {
    const file = read(csv([HEADER, withCells(ORDER, { "Order settled time": "02/03/2026" })]));
    expect(brief(file)).toEqual([["error", "BAD_DATE", 2, "Order settled time"]]);
  });

  test("a file whose dates Excel rewrote on every row gets one problem naming the column, the rows and an example", () => {
    const rows = Array.from({ length: 25 }, (_, i) =>
      withCells(ORDER, { "Order settled time": `3/${(i % 9) + 1}/2026` }),
    );
    const file = read(csv([HEADER, ...rows]), "resaved.csv");
    expect(file.accepted).toBe(false);
    expect(brief(file)).toEqual([["error", "BAD_DATE", 2, "Order settled time"]]);
    expect(file.problems[0].message).toBe(
      'resaved.csv: "Order settled time" on 25 rows (rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21 and 5 more) is not a date as Seller Center writes it (YYYY/MM/DD), for example "3/1/2026" on row 2: Excel rewrote these dates when the file was saved. Download the file again from Seller Center and load it directly, without opening and saving it in Excel. Nothing in this file is posted.',
    );
    expect(file.rows.every((r) => !r.valid)).toBe(true);
  });

  test("rows without a settled date are one problem; a single bad date keeps its row and column", () => {
    const file = read(
      csv([
        HEADER,
        withCells(ORDER, { "Order settled time": "" }),
        ORDER,
        withCells(ORDER, { "Order settled time": "" }),
        withCells(ORDER, { "Order settled time": "02/03/2026" }),
      ]),
    );
    expect(brief(file)).toEqual([
      ["error", "MISSING_DATE", 2, "Order settled time"],
      ["error", "BAD_DATE", 5, "Order settled time"],
    ]);
    expect(file.problems.map((p) => p.message)).toEqual([
      'test.csv: 2 rows have no settled date in "Order settled time" (rows 2, 4). Download the file again from Seller Center.',
      'test.csv row 5, column "Order settled time": "02/03/2026" is not a date as Seller Center writes it (YYYY/MM/DD). Download the file again instead of re-saving it in Excel.',
    ]);
    expect(file.accepted).toBe(false);
  });

  test("dates with a time of day or dashes are read as the calendar date", () => {
    const file = read(
      csv([
        HEADER,
        withCells(ORDER, { "Order settled time": "2026/03/02 23:59:59" }),
        withCells(ORDER, { "Order settled time": "2026-3-4" }),
      ]),
    );
    expect(file.rows.map((r) => r.settledDate)).toEqual(["2026-03-02", "2026-03-04"]);
  });

  test("a data row without an ID is an error, a row of empty cells is skipped", () => {
    const file = read(csv([HEADER, withCells(ORDER, { "Order/adjustment ID": "" }), HEADER.map(() => " ")]));
    expect(brief(file)).toEqual([["error", "MISSING_ID", 2, "Order/adjustment ID"]]);
  });

  test("IDs stay exact text: a leading apostrophe is dropped, an ID ending in .0 is refused as Excel damage", () => {
    const ok = read(csv([HEADER, withCells(ORDER, { "Order/adjustment ID": "'579940712196096435" })]));
    expect(ok.rows[0].id).toBe("579940712196096435");
    const damaged = read(
      csv([HEADER, ORDER, withCells(ORDER, { "Order/adjustment ID": "578311204983317000.0" })]),
    );
    expect(brief(damaged)).toEqual([["error", "ID_PRECISION_LOST", 3, "Order/adjustment ID"]]);
    expect(damaged.rows).toEqual([]);
  });

  test("brackets, a currency code and a trailing minus are read as signed amounts, with one warning", () => {
    const file = read(
      csv([
        HEADER,
        withCells(ORDER, {
          "Total Fees": "(2.14)",
          "Total Revenue": "MYR 12.90",
          "Transaction fee": "0.49-",
        }),
      ]),
    );
    expect(file.accepted).toBe(true);
    expect(brief(file)).toEqual([["warning", "DECORATED_AMOUNT", 2, "Total Revenue"]]);
    expect(file.problems[0].message).toContain("3 amounts were");
    expect(file.rows[0]).toMatchObject({ fees: -214, revenue: 1290 });
  });

  test("a tab-delimited file is read like a comma one", () => {
    const file = read(csv([HEADER, ORDER, ADJUSTMENT], "\t"));
    expect(file.accepted).toBe(true);
    expect(file.rows.map((r) => r.id)).toEqual(["579940712196096435", "7453807974919513393"]);
  });

  test("a file that is not a settlement export is refused with what to export instead", () => {
    const file = read("Order ID,Buyer,Amount\n1,Ann,3.00\n", "orders.csv");
    expect(brief(file)).toEqual([["error", "NOT_A_SETTLEMENT_EXPORT", null, null]]);
    expect(file.problems[0].message).toContain(
      "orders.csv does not look like a TikTok Shop settlement export",
    );
  });

  test("rows in another currency refuse the file", () => {
    const file = read(csv([HEADER, ORDER, withCells(ORDER, { Currency: "SGD" })]));
    expect(brief(file)).toEqual([["error", "MIXED_CURRENCY", 3, "Currency"]]);
    expect(file.rows).toEqual([]);
  });

  test("an unknown Type is booked as an adjustment with a warning; a mojibake Type is flagged", () => {
    const file = read(
      csv([
        HEADER,
        withCells(ADJUSTMENT, { Type: "Seller bonus" }),
        withCells(ADJUSTMENT, { Type: "Violation fee \uFFFD\uFFFDsettlement fee\uFFFD\uFFFD" }),
        withCells(ADJUSTMENT, { Type: "Violation fee （settlement fee）" }),
      ]),
    );
    expect(file.rows.map((r) => [r.kind, r.type])).toEqual([
      ["adjustment", "Seller bonus"],
      ["adjustment", "Violation fee \uFFFD\uFFFDsettlement fee\uFFFD\uFFFD"],
      ["adjustment", "Violation fee (settlement fee)"],
    ]);
    expect(brief(file)).toEqual([
      ["warning", "UNKNOWN_TYPE", 2, "Type"],
      ["warning", "ENCODING_IN_TYPE", 3, "Type"],
    ]);
  });

  test("a file with a header and no rows is accepted with a warning", () => {
    const file = read(csv([HEADER]));
    expect(file.accepted).toBe(true);
    expect(brief(file)).toEqual([["warning", "NO_ROWS", null, null]]);
  });

  test("bytes are decoded as UTF-8 without the BOM, or as UTF-16 when Excel saved Unicode text", () => {
    const text = csv([HEADER, ORDER]);
    const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    expect(decodeSettlementBytes(utf8)).toBe(text);
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      utf16[2 + i * 2] = text.charCodeAt(i) & 0xff;
      utf16[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    expect(read(decodeSettlementBytes(utf16)).rows[0].id).toBe("579940712196096435");
  });
});
