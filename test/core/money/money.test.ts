import { formatMoney, parseMoney, sen, add, MoneyError } from "../../../src/core/money/money";

describe("money in minor units", () => {
  test.each([
    ["25.90", 2590], ["-2.59", -259], ["0.01", 1], ["+3", 300], ["1,234.50", 123450], ["12.", 1200],
    [".5", 50], ["0", 0], ["-0.00", 0], ["1.230", 123],
  ])("parses %s exactly as %i sen", (text, expected) => {
    expect(parseMoney(text)).toBe(expected);
  });

  test.each(["", "abc", "1.234", "1e5", "12,34", "--1", "5.78311E+17", "1 000"])("refuses %p", (text) => {
    expect(parseMoney(text)).toBeUndefined();
  });

  test("zero-decimal currencies parse whole units", () => {
    expect(parseMoney("123497", 0)).toBe(123497);
    expect(parseMoney("1.5", 0)).toBeUndefined();
  });

  test("formats with the currency's digits", () => {
    expect(formatMoney(sen(-259))).toBe("-2.59");
    expect(formatMoney(sen(5))).toBe("0.05");
    expect(formatMoney(sen(123497), 0)).toBe("123497");
  });

  test("0.10 + 0.20 is exactly 0.30", () => {
    expect(add(parseMoney("0.10")!, parseMoney("0.20")!)).toBe(30);
  });

  test("refuses fractional minor units", () => {
    expect(() => sen(1.5)).toThrow(MoneyError);
  });
});
