import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseSettlement, settlementFileToJson, type SettlementFile } from "../../../src/core/settlement";

const FILES = join(__dirname, "files");

function load(name: string): SettlementFile {
  return parseSettlement(readFileSync(join(FILES, name), "utf8"), { file: name });
}

function summary(name: string) {
  const json = settlementFileToJson(load(name));
  return {
    layout: json.layout,
    currency: json.currency,
    rows: json.rows.map((r) => [
      r.id,
      r.kind,
      r.settledDate,
      r.settlementAmount,
      r.revenue,
      r.fees,
      r.adjustment,
    ]),
    totals: json.totalsBySettledDate,
    problems: json.problems.map((p) => [p.severity, p.code, p.line, p.column]),
  };
}

describe("every layout of the reference is read by column name", () => {
  test("Philippines (A1, 55 columns): a header with a trailing TAB, GST, an unknown fee column booked as Other fees with a warning, a refund and a full-width Type", () => {
    expect(summary("ph-2026.csv")).toEqual({
      layout: "sea-local",
      currency: "PHP",
      rows: [
        ["579300000000000001", "order", "2026-02-03", "436.71", "499.00", "-62.29", "0.00"],
        ["579300000000000002", "order", "2026-02-03", "943.44", "1125.00", "-181.56", "0.00"],
        ["579300000000000002", "refund", "2026-02-05", "-1021.44", "-1125.00", "103.56", "0.00"],
        ["7493000000000000011", "adjustment", "2026-02-05", "-100.00", "0.00", "0.00", "-100.00"],
      ],
      totals: { "2026-02-03": "1380.15", "2026-02-05": "-1121.44" },
      problems: [["warning", "UNMAPPED_FEE_COLUMN", 2, "GMV Max Coupon"]],
    });
    const json = settlementFileToJson(load("ph-2026.csv"));
    expect(json.rows[0].feeBuckets).toEqual({
      Transaction: "-11.23",
      Commission: "-39.92",
      Service: "-6.14",
      "Other fees": "-5.00",
    });
    expect(json.rows[3].type).toBe("Violation fee (settlement fee)");
  });

  test("Vietnam (A2, VND): amounts have no minor digits and the PIT parts of an affiliate commission are not counted twice", () => {
    expect(summary("vn-vnd.csv")).toEqual({
      layout: "sea-local",
      currency: "VND",
      rows: [
        ["579400000000000001", "order", "2026-02-09", "238300", "315000", "-76700", "0"],
        ["579400000000000002", "order", "2026-02-09", "102590", "123497", "-20907", "0"],
        ["7494000000000000021", "adjustment", "2026-02-09", "25000", "0", "0", "25000"],
      ],
      totals: { "2026-02-09": "365890" },
      problems: [],
    });
    expect(settlementFileToJson(load("vn-vnd.csv")).rows[0].feeBuckets).toEqual({
      Transaction: "-15750",
      Commission: "-31500",
      Affiliate: "-20000",
      Service: "-9450",
    });
  });

  test("Thailand with the 2026 renames (Order/Adjustment ID, Transaction type, Adjustment amount), CRLF line ends and Thai fee columns", () => {
    expect(summary("th-2026.csv")).toEqual({
      layout: "sea-local-2026",
      currency: "THB",
      rows: [
        ["579500000000000001", "order", "2026-05-10", "779.42", "890.00", "-110.58", "0.00"],
        ["579500000000000002", "order", "2026-05-10", "1156.25", "1431.00", "-274.75", "0.00"],
        ["7450000000000000031", "adjustment", "2026-05-10", "-300.00", "0.00", "0.00", "-300.00"],
      ],
      totals: { "2026-05-10": "1635.67" },
      problems: [],
    });
    const row = settlementFileToJson(load("th-2026.csv")).rows[1];
    expect(row.feeBuckets).toEqual({ Transaction: "-88.72", Commission: "-114.48", Affiliate: "-71.55" });
    expect(row.relatedOrderId).toBeNull();
  });

  test("Singapore with only the parent columns: fees are booked as Other fees, the adjustment is derived, and a negative Order row is a refund", () => {
    expect(summary("sg-parents-only.csv")).toEqual({
      layout: "sea-local",
      currency: "SGD",
      rows: [
        ["579600000000000001", "order", "2026-06-01", "20.01", "23.90", "-3.89", "0.00"],
        ["579600000000000002", "refund", "2026-06-01", "-12.40", "-11.90", "-0.50", "0.00"],
        ["7460000000000000041", "adjustment", "2026-06-02", "5.00", "0.00", "0.00", "5.00"],
      ],
      totals: { "2026-06-01": "7.61", "2026-06-02": "5.00" },
      problems: [
        ["warning", "NO_ADJUSTMENT_COLUMN", 1, "Ajustment amount"],
        ["warning", "NO_FEE_DETAIL", 1, "Total Fees"],
      ],
    });
  });

  test("Indonesia 2024 (B1): (UTC) headers, the Shipping cost parent over its children, an empty header column kept", () => {
    const file = load("id-2024.csv");
    expect(summary("id-2024.csv")).toEqual({
      layout: "indonesia-2024",
      currency: "IDR",
      rows: [
        ["576786105183930101", "order", "2024-04-23", "120550", "135000", "-14450", "0"],
        ["576786105183930102", "order", "2024-04-23", "81880", "89000", "-7120", "0"],
      ],
      totals: { "2024-04-23": "202430" },
      problems: [],
    });
    expect(file.rows[0].feeBuckets).toEqual({ Transaction: -2700, Commission: -7750, Shipping: -4000 });
    expect(file.rows[0].shippingParts).toEqual({
      "Shipping costs passed on to the logistics provider": -20000,
      "Shipping cost borne by the platform": 16000,
    });
  });

  test("Indonesia 2025 (B2, 56 columns): Pre-Order Service Fee, Dynamic Commission and PayLater Handling Fee", () => {
    expect(summary("id-2025.csv")).toEqual({
      layout: "indonesia-2025",
      currency: "IDR",
      rows: [
        ["578786105183930201", "order", "2025-06-10", "250250", "275000", "-24750", "0"],
        ["7478610518393020211", "adjustment", "2025-06-10", "-15000", "0", "0", "-15000"],
      ],
      totals: { "2025-06-10": "235250" },
      problems: [],
    });
  });

  test("Indonesia 2026 (B3, 64 columns): Platform commission fee, Horizon+ columns kept, Article 22 tax as a service fee", () => {
    const file = load("id-2026.csv");
    expect(summary("id-2026.csv")).toEqual({
      layout: "indonesia-2026",
      currency: "IDR",
      rows: [
        ["579786105183930301", "order", "2026-01-12", "921477", "1111050", "-189573", "0"],
        ["579786105183930302", "order", "2026-01-12", "86130", "99000", "-12870", "0"],
      ],
      totals: { "2026-01-12": "1007607" },
      problems: [],
    });
    expect(file.rows[0].feeBuckets).toEqual({
      Transaction: -44442,
      Commission: -88884,
      Shipping: -5000,
      Service: -51247,
    });
    expect(file.rows[0].extra).toEqual({ "Distance item fee from Horizon+ Program": "0" });
  });

  test("cross-border (C): padded headers, statement columns, and the SKU rows of one order merged into one row", () => {
    const file = load("cross-border-my.csv");
    expect(summary("cross-border-my.csv")).toEqual({
      layout: "cross-border",
      currency: "MYR",
      rows: [
        ["579700000000000001", "order", "2026-02-14", "58.92", "68.70", "-9.78", "0.00"],
        ["579700000000000002", "order", "2026-02-14", "21.25", "25.00", "-3.75", "0.00"],
        ["7470000000000000051", "adjustment", "2026-02-14", "-20.00", "0.00", "0.00", "-20.00"],
      ],
      totals: { "2026-02-14": "60.17" },
      problems: [],
    });
    expect(file.counts).toEqual({ order: 3, refund: 0, adjustment: 1 });
    expect(file.rows[0]).toMatchObject({
      sourceLines: [2, 3],
      skuIds: ["1729000000000000001", "1729000000000000002"],
      statementId: "7312000000000000001",
      subtotalBeforeDiscounts: 6970,
      sellerDiscounts: -100,
      feeBuckets: { Transaction: -138, Commission: -549, Shipping: -250, Service: -41 },
    });
  });

  test("US statement (D, 64 columns): Net sales + Shipping + Fees + Adjustment, SKU rows merged, a refund and a chargeback", () => {
    const file = load("us-statement.csv");
    expect(summary("us-statement.csv")).toEqual({
      layout: "us-statement",
      currency: "USD",
      rows: [
        ["577000000000000001", "order", "2026-03-02", "21.09", "24.00", "-2.91", "0.00"],
        ["577000000000000002", "order", "2026-03-02", "13.20", "20.00", "-6.80", "0.00"],
        ["577000000000000002", "refund", "2026-03-09", "-21.72", "-20.00", "-1.72", "0.00"],
        ["7480000000000000061", "adjustment", "2026-03-09", "-15.00", "0.00", "0.00", "-15.00"],
      ],
      totals: { "2026-03-02": "34.29", "2026-03-09": "-36.72" },
      problems: [],
    });
    expect(file.rows[0].feeBuckets).toEqual({ Transaction: -12, Commission: -189, Affiliate: -90 });
    expect(file.rows[1].feeBuckets).toEqual({ Transaction: -10, Commission: -160, Shipping: -510 });
    expect(file.rows[2].feeBuckets).toEqual({ Commission: 160, Shipping: -300, Service: -32 });
    expect(file.rows[3].relatedOrderId).toBe("577000000000000001");
  });

  test("an Unsettled export is refused: its amounts are estimates, not payouts", () => {
    const file = load("uk-unsettled.csv");
    expect(file.accepted).toBe(false);
    expect(file.rows).toEqual([]);
    expect(file.problems.map((p) => [p.severity, p.code, p.column])).toEqual([
      ["error", "UNSETTLED_EXPORT", "Total estimated settlement amount"],
    ]);
    expect(file.problems[0].message).toContain("Settled");
  });

  test("a file re-saved by Excel: BOM, banner rows, `;` delimiters, decimal commas, `1.234,50` and padded blank rows", () => {
    const file = load("my-excel-semicolon.csv");
    expect(summary("my-excel-semicolon.csv")).toEqual({
      layout: "sea-local",
      currency: "MYR",
      rows: [
        ["579940712196096435", "order", "2026-03-02", "10.76", "12.90", "-2.14", "0.00"],
        ["579790412876158621", "order", "2026-03-02", "22.69", "26.91", "-4.22", "0.00"],
        ["7453807974919513393", "adjustment", "2026-03-03", "18.50", "0.00", "0.00", "18.50"],
        ["579592601283756770", "refund", "2026-03-06", "-23.36", "-19.90", "-3.46", "0.00"],
        ["579267383740134749", "order", "2026-03-06", "1082.61", "1234.50", "-151.89", "0.00"],
        ["579104352954716925", "order", "2026-03-06", "79.43", "89.90", "-10.47", "0.00"],
      ],
      totals: { "2026-03-02": "33.45", "2026-03-03": "18.50", "2026-03-06": "1138.68" },
      problems: [
        ["warning", "DECIMAL_COMMA", 5, "Total settlement amount"],
        ["warning", "THOUSANDS_SEPARATOR", 9, "Total settlement amount"],
      ],
    });
    expect(file.rows[0].sourceLines).toEqual([5]);
  });
});
