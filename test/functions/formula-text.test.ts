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
  ])("%s calls %s with %j", (formula, name, args) => {
    expect(parseFormula(formula, KNOWN)).toEqual({ ok: true, name, args });
  });

  test.each([
    ["ORDERSTATUS", 'Write a call such as =TIKTOK.ORDERSTATUS("579912345678901234").'],
    ['=TIKTOK.NOPE("1")', "TIKTOK.NOPE is not a ShopBooks function. Try ORDERSTATUS, BALANCE."],
    ['=TIKTOK.ORDERSTATUS("1)', "A text argument is missing its closing double quote."],
    ["=TIKTOK.ORDERSTATUS(A2)", 'A2 is not a value here: put text in double quotes, e.g. "IV-00001".'],
  ])("%s is refused: %s", (formula, message) => {
    expect(parseFormula(formula, KNOWN)).toEqual({ ok: false, message });
  });
});
