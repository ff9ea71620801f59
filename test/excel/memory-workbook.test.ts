import { createMemoryWorkbook } from "../../src/excel/memory-workbook";
import type { TableEdit } from "../../src/excel/workbook";

const columns = [
  { name: "Tick", kind: "tick" as const },
  { name: "Order ID", kind: "id" as const },
  { name: "Status", kind: "status" as const },
];

describe("the memory workbook", () => {
  test("reads back what was written, keyed by column name", async () => {
    const wb = createMemoryWorkbook();
    await wb.writeTable("TikTok Orders", { columns, rows: [[false, "579912345678901234", ""]] });
    expect(await wb.readTable("TikTok Orders")).toEqual([
      { Tick: false, "Order ID": "579912345678901234", Status: "" },
    ]);
    expect(await wb.readTable("Nope")).toBeNull();
  });

  test("a sheet it is told to forget is written and not kept; the others are", async () => {
    const wb = createMemoryWorkbook({ forget: ["Sales Invoice Lines"] });
    await wb.writeTable("Sales Invoice Lines", { columns, rows: [[false, "1", ""]] });
    await wb.writeTable("TikTok Orders", { columns, rows: [[false, "2", ""]] });
    expect(await wb.readTable("Sales Invoice Lines")).toBeNull();
    expect([...wb.sheets.keys()]).toEqual(["TikTok Orders"]);
    expect(wb.snapshot().sheets.map((s) => s.name)).toEqual(["TikTok Orders"]);
    expect([wb.forgets("Sales Invoice Lines"), wb.forgets("TikTok Orders")]).toEqual([true, false]);
  });

  test("the first sheet written becomes active; later writes do not steal focus", async () => {
    const wb = createMemoryWorkbook();
    await wb.writeTable("A", { columns, rows: [] });
    await wb.writeTable("B", { columns, rows: [] });
    expect(await wb.activeSheet()).toBe("A");
    await wb.activate("B");
    expect(await wb.activeSheet()).toBe("B");
    await expect(wb.activate("C")).rejects.toThrow('There is no "C" sheet yet.');
  });

  test("updateRows changes cells located by the key column and ignores unknown keys", async () => {
    const wb = createMemoryWorkbook();
    await wb.writeTable("S", {
      columns,
      rows: [
        [true, "1", ""],
        [true, "2", ""],
      ],
    });
    await wb.updateRows("S", "Order ID", { "2": { Tick: false, Status: "Success" }, "9": { Status: "x" } });
    expect(wb.sheets.get("S")!.rows).toEqual([
      [true, "1", ""],
      [false, "2", "Success"],
    ]);
  });

  test("user edits reach onEdit handlers until they unsubscribe; writes never do", async () => {
    const wb = createMemoryWorkbook();
    const edits: TableEdit[] = [];
    const stop = await wb.onEdit("S", (e) => edits.push(e));
    await wb.writeTable("S", { columns, rows: [[false, "1", ""]] });
    await wb.updateRows("S", "Order ID", { "1": { Status: "Posted" } });
    wb.edit("S", 0, "Tick", true);
    stop();
    wb.edit("S", 0, "Tick", false);
    expect(edits).toEqual([
      {
        sheet: "S",
        row: 0,
        column: "Tick",
        value: true,
        rowValues: { Tick: true, "Order ID": "1", Status: "Posted" },
      },
    ]);
  });
});

describe("sheets of charts and the snapshot", () => {
  const charts = {
    title: "Dashboard",
    blocks: [
      {
        title: "Fees by bucket",
        table: {
          columns: [
            { name: "Bucket", kind: "text" as const },
            { name: "Fees", kind: "amount" as const },
          ],
          rows: [["Commission", 1.5]],
        },
        chart: { kind: "bar" as const, category: "Bucket", series: ["Fees"] },
      },
    ],
  };

  test("a chart sheet is kept apart from tables and can be activated", async () => {
    const wb = createMemoryWorkbook();
    await wb.writeChartSheet("Dashboard", charts);
    expect(wb.chartSheets.get("Dashboard")).toEqual(charts);
    expect(await wb.readTable("Dashboard")).toBeNull();
    await wb.activate("Dashboard");
    expect(await wb.activeSheet()).toBe("Dashboard");
  });

  test("the snapshot lists every sheet in the order first written, with its options", async () => {
    const wb = createMemoryWorkbook();
    await wb.writeTable("TikTok Orders", { columns, rows: [[false, "1", "Success"]] });
    await wb.writeChartSheet("Dashboard", charts);
    await wb.writeTable("Lines", { columns, rows: [] }, { itemCodes: ["MUG"] });
    await wb.writeTable("TikTok Orders", { columns, rows: [] });
    const snapshot = wb.snapshot();
    expect(snapshot.sheets.map((s) => [s.kind, s.name])).toEqual([
      ["table", "TikTok Orders"],
      ["charts", "Dashboard"],
      ["table", "Lines"],
    ]);
    expect(snapshot.sheets[2]).toEqual({
      kind: "table",
      name: "Lines",
      table: { columns, rows: [] },
      options: { itemCodes: ["MUG"] },
    });
    snapshot.sheets.length = 0;
    expect(wb.snapshot().sheets).toHaveLength(3);
  });
});
