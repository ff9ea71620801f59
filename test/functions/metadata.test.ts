import path from "node:path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";

const any = (name: string, description: string) => ({ name, description, type: "any" });

test("functions.ts yields the seven TIKTOK functions, streaming, taking the cells' raw values", async () => {
  const result = await generateCustomFunctionsMetadata(
    path.resolve(__dirname, "../../src/functions/functions.ts"),
  );
  expect(result.errors).toEqual([]);
  const functions = JSON.parse(result.metadataJson).functions as {
    id: string;
    name: string;
    options: unknown;
    parameters: unknown[];
    result: unknown;
  }[];
  const shape = (f: (typeof functions)[number]) => [f.id, f.name === f.id, f.options, f.parameters, f.result];
  expect(functions.map(shape)).toEqual([
    ["ORDERSTATUS", true, { stream: true }, [any("orderId", "Order ID (text)")], { type: "string" }],
    ["POSTSTATUS", true, { stream: true }, [any("orderId", "Order ID (text)")], { type: "string" }],
    ["INVOICENO", true, { stream: true }, [any("orderId", "Order ID (text)")], { type: "string" }],
    [
      "OUTSTANDING",
      true,
      { stream: true },
      [any("docNoOrOrderId", "Invoice number (IV-00001) or order ID (text)")],
      { type: "number" },
    ],
    [
      "ITEMCODE",
      true,
      { stream: true },
      [any("skuIdOrSellerSku", "SKU ID (text) or seller SKU")],
      { type: "string" },
    ],
    ["SETTLED", true, { stream: true }, [any("orderId", "Order ID (text)")], { type: "boolean" }],
    [
      "BALANCE",
      true,
      { stream: true },
      [
        any("accountCode", "Account code, e.g. 300-000"),
        { ...any("asOfDate", "Date cell or text YYYY-MM-DD"), optional: true },
      ],
      { type: "number" },
    ],
  ]);
  expect(result.associate.map((a: { id: string; functionName: string }) => [a.id, a.functionName])).toEqual([
    ["ORDERSTATUS", "orderStatus"],
    ["POSTSTATUS", "postStatus"],
    ["INVOICENO", "invoiceNo"],
    ["OUTSTANDING", "outstanding"],
    ["ITEMCODE", "itemCode"],
    ["SETTLED", "settled"],
    ["BALANCE", "balance"],
  ]);
});
