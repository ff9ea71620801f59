import { parseFormula } from "../../src/functions/formula-text";

const KNOWN = ["ORDERSTATUS", "BALANCE"];

describe("the preview's formula bar", () => {
  test.each([
    ['=TIKTOK.ORDERSTATUS("579912345678901234")', "ORDERSTATUS", ["579912345678901234"]],
    ['tiktok.orderstatus( "57991" )', "ORDERSTATUS", ["57991"]],
    ['=BALANCE("300-000", "2026-03-31")', "BALANCE", ["300-000", "2026-03-31"]],
    ['=TIKTOK.BALANCE("300-000",)', "BALANCE", ["300-000", null]],
    ["=TIKTOK.BALANCE(4000, 46082)", "BALANCE", [4000, 46082]],
    ["=TIKTOK.ORDERSTATUS(5.78E+17)", "ORDERSTATUS", [5.78e17]],
    ['=TIKTOK.ORDERSTATUS("say ""hi"", then go")', "ORDERSTATUS", ['say "hi", then go']],
    ["=TIKTOK.ORDERSTATUS(TRUE)", "ORDERSTATUS", [true]],
    ["=TIKTOK.ORDERSTATUS()", "ORDERSTATUS", []],
    ["=TIKTOK.ORDERSTATUS(A2)", "ORDERSTATUS", [{ ref: "A2", column: 0, row: 2 }]],
    ["=TIKTOK.ORDERSTATUS($b$2)", "ORDERSTATUS", [{ ref: "B2", column: 1, row: 2 }]],
    ["=TIKTOK.BALANCE(AA10, C1)", "BALANCE", [{ ref: "AA10", column: 26, row: 10 }, { ref: "C1", column: 2, row: 1 }]],
    [
      "=TIKTOK.ORDERSTATUS('TikTok Orders'!B3)",
      "ORDERSTATUS",
      [{ ref: "B3", sheet: "TikTok Orders", column: 1, row: 3 }],
    ],
    ["=TIKTOK.ORDERSTATUS(Sheet1!B3)", "ORDERSTATUS", [{ ref: "B3", sheet: "Sheet1", column: 1, row: 3 }]],
  ])("%s calls %s with %j", (formula, name, args) => {
    expect(parseFormula(formula, KNOWN)).toEqual({ ok: true, name, args });
  });

  test.each([
    ["ORDERSTATUS", 'Write a call such as =TIKTOK.BALANCE("300-000").'],
    ['=TIKTOK.NOPE("1")', "TIKTOK.NOPE is not a ShopBooks function. Try ORDERSTATUS, BALANCE."],
    [
      "=SUM(1,2)",
      "SUM is not a ShopBooks function: the preview's formula bar evaluates TIKTOK.* functions only (ORDERSTATUS, BALANCE).",
    ],
    ['=TIKTOK.ORDERSTATUS("1)', "A text argument is missing its closing double quote."],
    [
      "=TIKTOK.ORDERSTATUS(order)",
      'order is not a value or a cell: put text in double quotes, e.g. =TIKTOK.ORDERSTATUS("577565762485974647").',
    ],
    [
      "=TIKTOK.ORDERSTATUS(B2:B9)",
      'B2:B9 is a range: the formula bar takes one cell, such as B2, or a value, e.g. =TIKTOK.ORDERSTATUS("577565762485974647").',
    ],
    [
      "=TIKTOK.BALANCE(300-000)",
      '300-000 is not a value or a cell: put text in double quotes, e.g. =TIKTOK.BALANCE("300-000").',
    ],
  ])("%s is refused: %s", (formula, message) => {
    expect(parseFormula(formula, KNOWN)).toEqual({ ok: false, message });
  });

  test("the call a message suggests can be one that answers, such as a fetched order's status", () => {
    expect(parseFormula("status?", KNOWN, '=TIKTOK.ORDERSTATUS("577565762485974647")')).toEqual({
      ok: false,
      message: 'Write a call such as =TIKTOK.ORDERSTATUS("577565762485974647").',
    });
  });
});
