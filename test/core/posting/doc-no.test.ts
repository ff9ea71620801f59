import { compareDocNos } from "../../../src/core/posting/doc-no";

describe("document numbers in order", () => {
  test("past 99,999 a number sorts after the five-digit ones, as its value says (not as its text does)", () => {
    const docNos = ["IV-100000", "IV-10001", "IV-99999", "IV-00001", "IV-10000", "IV-100001"];
    expect([...docNos].sort(compareDocNos)).toEqual([
      "IV-00001",
      "IV-10000",
      "IV-10001",
      "IV-99999",
      "IV-100000",
      "IV-100001",
    ]);
  });

  test("numbers of different kinds keep their kinds together, in the prefixes' order", () => {
    const docNos = ["IV-100000", "CN-00002", "IV-00001", "CN-100000", "CN-00010"];
    expect([...docNos].sort(compareDocNos)).toEqual([
      "CN-00002",
      "CN-00010",
      "CN-100000",
      "IV-00001",
      "IV-100000",
    ]);
  });

  test("a number is equal only to itself", () => {
    expect([compareDocNos("IV-00001", "IV-00001"), Math.sign(compareDocNos("IV-00001", "IV-00002"))]).toEqual(
      [0, -1],
    );
  });
});
