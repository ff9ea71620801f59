import {
  isDigitsAt,
  normalizeType,
  plainAmountAt,
  readAmount,
  readDate,
  readId,
} from "../../../src/core/settlement/cells";
import { normalizeHeader } from "../../../src/core/settlement/columns";

describe("settlement cells are read as text", () => {
  test.each([
    ["-12.30", 2, -1230],
    ["0", 2, 0],
    ["/", 2, 0],
    ["", 2, 0],
    ["8", 2, 800],
    ["1,234.50", 2, 123450],
    ["1.234,50", 2, 123450],
    ["12,3", 2, 1230],
    ["-0,72", 2, -72],
    ["1 234,50", 2, 123450],
    ["(5.00)", 2, -500],
    ["SGD 12.30", 2, 1230],
    ["RM-3.10", 2, -310],
    ["3.10-", 2, -310],
    ["123497", 0, 123497],
    ["123,497", 0, 123497],
    ["1.234.567", 0, 1234567],
    ["0.1", 2, 10],
  ])("amount %j with %i minor digits is %i", (text, digits, value) => {
    const reading = readAmount(text, digits);
    expect(reading).toMatchObject({ ok: true, value });
  });

  test.each([
    ["123.497", 0, 123497],
    ["1.234,5", 2, 123450],
    ["12,30", 2, 1230],
    ["-2,14", 2, -214],
    ["12.5", 2, 1250],
  ])("in a decimal-comma file, amount %j with %i minor digits is %i", (text, digits, value) => {
    expect(readAmount(text, digits, true)).toMatchObject({ ok: true, value });
  });

  test("a lone dot before three digits is a decimal point in a dot file, so it has too many decimals", () => {
    expect(readAmount("123.497", 0)).toEqual({ ok: false, reason: "digits" });
    expect(readAmount("1,234", 2, true)).toEqual({ ok: false, reason: "digits" });
  });

  test.each([
    ["12..3", 2, "format"],
    ["1,23,4", 2, "format"],
    ["abc", 2, "format"],
    ["12.345", 2, "digits"],
    ["12.5", 0, "digits"],
    ["1,2345", 2, "digits"],
  ])("amount %j with %i minor digits is refused (%s)", (text, digits, reason) => {
    expect(readAmount(text, digits)).toEqual({ ok: false, reason });
  });

  test("a large amount never loses a sen", () => {
    expect(readAmount("90071992547409.91", 2)).toEqual({ ok: true, value: 9007199254740991 });
  });

  test.each([
    ["579940712196096435", { ok: true, value: "579940712196096435" }],
    [" 7453807974919513393 ", { ok: true, value: "7453807974919513393" }],
    ["/", { ok: true, value: null }],
    ['="579940712196096435"', { ok: true, value: "579940712196096435" }],
    ["5.78311E+17", { ok: false, reason: "excel" }],
    ["5,78311E+17", { ok: false, reason: "excel" }],
    ["578311204983317000.0", { ok: false, reason: "excel" }],
    ["57831X", { ok: false, reason: "format" }],
  ])("ID %j", (text, reading) => {
    expect(readId(text)).toEqual(reading);
  });

  test.each([
    ["2026/03/02", "2026-03-02"],
    ["2026-03-02", "2026-03-02"],
    ["2026/3/2 10:05", "2026-03-02"],
    ["/", null],
    ["2026/02/30", undefined],
    ["02/03/2026", undefined],
  ])("date %j", (text, date) => {
    expect(readDate(text)).toBe(date);
  });

  test.each([
    ["0", 2, false, 0],
    ["-12.30", 2, false, -1230],
    ["12.3", 2, false, 1230],
    ["00012.50000", 2, false, 1250],
    ["123497", 0, false, 123497],
    ["12.345", 2, true, NaN],
    ["12.300", 2, true, NaN],
    ["12.30", 2, true, 1230],
    ["0.001", 2, false, NaN],
    ["1e5", 2, false, NaN],
    ["", 2, false, NaN],
    ["-", 2, false, NaN],
    ["12.", 2, false, NaN],
    [".5", 2, false, NaN],
    ["+3", 2, false, NaN],
    [" 1", 2, false, NaN],
    ["1234567890123456", 2, false, NaN],
    ["90071992547409.91", 2, false, 9007199254740991],
  ])(
    "a plain amount %j with %i minor digits (decimal comma %s) reads in place as %d",
    (text, digits, decimalComma, value) => {
      const cell = `;${text};`;
      expect(plainAmountAt(cell, 1, cell.length - 1, digits, decimalComma)).toBe(value);
    },
  );

  test("a plain -0 reads as 0, not -0", () => {
    expect(Object.is(plainAmountAt("-0.00", 0, 5, 2, false), 0)).toBe(true);
  });

  test("a plain amount past 2^53 sen is left to readAmount in place, which refuses it for its size", () => {
    expect(plainAmountAt("99999999999999.5", 0, 16, 2, false)).toBeNaN();
    expect(plainAmountAt("-999999999999999", 0, 16, 2, false)).toBeNaN();
    expect(readAmount("99999999999999.5", 2)).toEqual({ ok: false, reason: "size" });
    expect(readAmount("-999999999999999", 2)).toEqual({ ok: false, reason: "size" });
    expect(readAmount("12345678901234567", 0)).toEqual({ ok: false, reason: "size" });
    expect(readAmount("MYR 99,999,999,999,999.50", 2)).toEqual({ ok: false, reason: "size" });
    expect(readAmount("90071992547409.91", 2)).toEqual({ ok: true, value: 9007199254740991 });
  });

  test("an ID in place is one or more digits and nothing else", () => {
    expect(isDigitsAt(",579940712196096435,", 1, 19)).toBe(true);
    expect(isDigitsAt(",57994071219609643x,", 1, 19)).toBe(false);
    expect(isDigitsAt(",,", 1, 1)).toBe(false);
  });

  test("headers compare after trimming, folding case, inner whitespace, full-width forms and backslashes", () => {
    expect(normalizeHeader("Order/adjustment ID  ")).toBe("order/adjustment id");
    expect(normalizeHeader("Order\\Adjustment  ID")).toBe("order/adjustment id");
    expect(normalizeHeader("Affiliate Shop Ads commission\t")).toBe("affiliate shop ads commission");
    expect(normalizeHeader("Order settled time(UTC)")).toBe("order settled time (utc)");
    expect(normalizeHeader("Ｔｏｔａｌ Ｆｅｅｓ")).toBe("total fees");
  });

  test("types fold full-width brackets and spacing", () => {
    expect(normalizeType(" Violation fee （settlement fee） ")).toBe("Violation fee (settlement fee)");
  });
});
