import {
  chunkRows,
  dateToSerial,
  jsonBytes,
  literalText,
  readLiteralText,
  serialToDate,
} from "../../src/excel/sheet-safety";

describe("literal text", () => {
  test.each([
    ['=HYPERLINK("x")', `'=HYPERLINK("x")`],
    ["+1", "'+1"],
    ["-12", "'-12"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tX", "'\tX"],
    ["\rX", "'\rX"],
    ["'quoted", "''quoted"],
    ["579912345678901234", "579912345678901234"],
    ["Plain name", "Plain name"],
    ["", ""],
  ])("%j is written as %j", (input, written) => {
    expect(literalText(input)).toBe(written);
    expect(readLiteralText(written)).toBe(input);
  });

  test("an apostrophe before ordinary text read back is left alone", () => {
    expect(readLiteralText("'tis")).toBe("'tis");
  });
});

describe("Excel date serials", () => {
  test("convert both ways", () => {
    expect(dateToSerial("1970-01-01")).toBe(25569);
    expect(dateToSerial("2024-05-01")).toBe(45413);
    expect(serialToDate(45413)).toBe("2024-05-01");
    expect(serialToDate(45413.75)).toBe("2024-05-01");
  });

  test("reject what is not a calendar date", () => {
    expect(dateToSerial("2024-02-30")).toBeUndefined();
    expect(dateToSerial("01/05/2024")).toBeUndefined();
  });
});

describe("chunking rows", () => {
  test("caps rows per chunk", () => {
    const rows = Array.from({ length: 12 }, (_, i) => [i]);
    expect(chunkRows(rows, { maxRows: 5, maxBytes: 1_000_000 }).map((c) => c.length)).toEqual([5, 5, 2]);
  });

  test("caps the JSON bytes of each chunk, counting multi-byte characters", () => {
    const rows = Array.from({ length: 10 }, () => ["é".repeat(40)]);
    const chunks = chunkRows(rows, { maxRows: 100, maxBytes: 300 });
    expect(chunks.every((c) => jsonBytes(c) <= 300)).toBe(true);
    expect(chunks.flat()).toHaveLength(10);
    expect(jsonBytes([["é"]])).toBe(8);
  });

  test("a row bigger than the byte limit travels alone", () => {
    const chunks = chunkRows([["x".repeat(50)], ["y"]], { maxRows: 10, maxBytes: 20 });
    expect(chunks.map((c) => c.length)).toEqual([1, 1]);
  });

  test("no rows, no chunks", () => {
    expect(chunkRows([], { maxRows: 1, maxBytes: 1 })).toEqual([]);
  });
});
