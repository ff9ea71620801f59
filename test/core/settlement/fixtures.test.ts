import { readFileSync } from "node:fs";
import { join } from "node:path";
import { formatMoney } from "../../../src/core/money/money";
import { parseSettlement, type SettlementFile } from "../../../src/core/settlement";
import { SETTLEMENT_FIXTURES } from "../../fixtures/settlement-fixtures";

const FIXTURES = SETTLEMENT_FIXTURES;

function load(name: string): SettlementFile {
  return parseSettlement(readFileSync(join(FIXTURES, name), "utf8"), { file: name });
}

function totals(file: SettlementFile): Record<string, string> {
  return Object.fromEntries(Object.entries(file.totalsBySettledDate).map(([d, v]) => [d, formatMoney(v)]));
}

function kinds(file: SettlementFile): Record<string, number> {
  const out: Record<string, number> = { order: 0, refund: 0, adjustment: 0 };
  for (const row of file.rows) out[row.kind] += 1;
  return out;
}

describe("the settlement fixtures give the outcomes their README states", () => {
  test("my-basic.csv is accepted: 30 rows (27 order, 1 refund, 2 adjustment) and its per-date totals", () => {
    const file = load("my-basic.csv");
    expect(file.accepted).toBe(true);
    expect(file.problems).toEqual([]);
    expect(file.layout).toBe("sea-local");
    expect(file.currency).toBe("MYR");
    expect(file.rows).toHaveLength(30);
    expect(kinds(file)).toEqual({ order: 27, refund: 1, adjustment: 2 });
    expect(file.counts).toEqual({ order: 27, refund: 1, adjustment: 2 });
    expect(totals(file)).toEqual({
      "2026-03-02": "299.52",
      "2026-03-03": "199.56",
      "2026-03-04": "247.93",
      "2026-03-06": "291.76",
    });
    const sum = Object.values(file.totalsBySettledDate).reduce((a, b) => a + b, 0);
    expect(formatMoney(sum as never)).toBe("1038.77");
  });

  test("my-basic.csv keeps the refunded order's payment row and its refund row as two rows with the same ID", () => {
    const file = load("my-basic.csv");
    const rows = file.rows.filter((r) => r.id === "579592601283756770");
    expect(rows.map((r) => [r.kind, r.settledDate, formatMoney(r.settlementAmount)])).toEqual([
      ["order", "2026-03-02", "17.66"],
      ["refund", "2026-03-06", "-23.36"],
    ]);
    const refund = rows[1];
    expect(refund.sourceLines).toEqual([31]);
    expect(formatMoney(refund.refundSubtotalAfterDiscounts)).toBe("-19.90");
    expect(refund.shippingParts).toEqual({ "Actual return shipping fee": -520 });
    expect(refund.feeBuckets).toEqual({ Transaction: 75, Commission: 86, Shipping: -520, Service: 13 });
  });

  test("my-basic.csv adjustments have no related order and book their whole amount as adjustment", () => {
    const file = load("my-basic.csv");
    const adjustments = file.rows.filter((r) => r.kind === "adjustment");
    expect(
      adjustments.map((r) => [
        r.id,
        r.type,
        r.settledDate,
        r.settlementAmount,
        r.adjustment,
        r.relatedOrderId,
      ]),
    ).toEqual([
      ["7453807974919513393", "Logistics reimbursement", "2026-03-03", 1850, 1850, null],
      ["7456993305593918533", "Deductions incurred by seller", "2026-03-04", -1000, -1000, null],
    ]);
    expect(adjustments.every((r) => Object.keys(r.feeBuckets).length === 0)).toBe(true);
  });

  test("my-basic.csv books each order's fees by bucket through the default fee map", () => {
    const row = load("my-basic.csv").rows[0];
    expect(row.id).toBe("579940712196096435");
    expect(row.feeBuckets).toEqual({ Transaction: -49, Commission: -84, Shipping: -20, Service: -61 });
    expect(row.fees).toBe(-214);
    expect(row.revenue).toBe(1290);
    expect(row.settlementAmount).toBe(1076);
    expect(row.relatedOrderId).toBe("579940712196096435");
    expect(row.createdDate).toBe("2026-02-25");
    expect(row.valid).toBe(true);
  });

  test("my-quirks.csv is accepted: 14 rows (11 order, 1 refund, 2 adjustment) and its per-date totals, with a thousands-separator warning", () => {
    const file = load("my-quirks.csv");
    expect(file.accepted).toBe(true);
    expect(file.rows).toHaveLength(14);
    expect(kinds(file)).toEqual({ order: 11, refund: 1, adjustment: 2 });
    expect(totals(file)).toEqual({ "2026-03-09": "126.54", "2026-03-10": "1209.06", "2026-03-11": "22.39" });
    expect(file.problems.map((p) => [p.severity, p.code, p.line, p.column])).toEqual([
      ["warning", "THOUSANDS_SEPARATOR", 7, "Subtotal before discounts"],
    ]);
    const big = file.rows.find((r) => r.id === "579267383740134749");
    expect(big?.subtotalBeforeDiscounts).toBe(123450);
  });

  test("my-quirks.csv keeps a refund settled on the same date as its order, and reads `/` as none", () => {
    const file = load("my-quirks.csv");
    const same = file.rows.filter((r) => r.id === "579966414779491992");
    expect(same.map((r) => [r.kind, r.settledDate, formatMoney(r.settlementAmount)])).toEqual([
      ["order", "2026-03-11", "16.02"],
      ["refund", "2026-03-11", "-16.72"],
    ]);
    expect(same[1].refundOfSellerDiscounts).toBe(458);
    const reimbursement = file.rows.find((r) => r.type === "Platform reimbursement");
    expect(reimbursement).toMatchObject({
      createdDate: null,
      relatedOrderId: null,
      adjustment: 760,
      kind: "adjustment",
    });
  });

  test("my-broken-missing-columns.csv is refused with one error naming both missing columns; nothing is imported", () => {
    const file = load("my-broken-missing-columns.csv");
    expect(file.accepted).toBe(false);
    expect(file.rows).toEqual([]);
    expect(file.totalsBySettledDate).toEqual({});
    expect(file.counts).toEqual({ order: 7, refund: 0, adjustment: 1 });
    const errors = file.problems.filter((p) => p.severity === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0].code).toBe("MISSING_COLUMNS");
    expect(errors[0].message).toContain('"Order/adjustment ID"');
    expect(errors[0].message).toContain('"Total settlement amount"');
    expect(errors[0].message).toContain("my-broken-missing-columns.csv");
  });

  test("my-excel-mangled-ids.csv is refused: the IDs lost precision, the rows are listed, and the seller is told to re-download", () => {
    const file = load("my-excel-mangled-ids.csv");
    expect(file.accepted).toBe(false);
    expect(file.rows).toEqual([]);
    expect(file.counts).toEqual({ order: 9, refund: 0, adjustment: 1 });
    const errors = file.problems.filter((p) => p.severity === "error");
    expect(errors.map((e) => [e.code, e.column, e.line])).toEqual([
      ["ID_PRECISION_LOST", "Order/adjustment ID", 2],
      ["ID_PRECISION_LOST", "Related order ID", 2],
    ]);
    expect(errors[0].message).toContain("rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11");
    expect(errors[0].message).toContain("5.78311E+17");
    expect(errors[0].message).toContain("Download the file again from Seller Center");
    expect(errors[1].message).toContain("rows 2, 3, 4, 5, 6, 7, 8, 9, 10 ");
  });
});
