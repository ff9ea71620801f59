import path from "node:path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";

test("functions.ts yields a streaming ORDERSTATUS that takes the cell's raw value", async () => {
  const result = await generateCustomFunctionsMetadata(path.resolve(__dirname, "../../src/functions/functions.ts"));
  expect(result.errors).toEqual([]);
  const functions = JSON.parse(result.metadataJson).functions;
  expect(functions).toEqual([
    {
      description: "TikTok status of an order from the last fetch, e.g. DELIVERED.",
      id: "ORDERSTATUS",
      name: "ORDERSTATUS",
      options: { stream: true },
      parameters: [{ description: "Order ID (text)", name: "orderId", type: "any" }],
      result: { type: "string" },
    },
  ]);
  expect(result.associate).toEqual([expect.objectContaining({ id: "ORDERSTATUS", functionName: "orderStatus" })]);
});
