import path from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const makeConfig = require(path.resolve(__dirname, "..", "..", "webpack.config.js"));

describe("webpack config", () => {
  const production = makeConfig({}, {});
  const development = makeConfig({}, { mode: "development" });

  test("builds the three entries of the shared-runtime page, production by default", () => {
    expect(production.mode).toBe("production");
    expect(production.devtool).toBe(false);
    expect(development.devtool).toBe("source-map");
    expect(production.entry).toEqual({
      taskpane: "./src/taskpane/index.tsx",
      functions: "./src/functions/functions.ts",
      commands: "./src/commands/commands.ts",
    });
    expect(production.output.filename).toBe("[name].js");
    expect(production.output.clean).toBe(true);
  });

  test("one webpack runtime, so the entries share module instances (command bus, ledger)", () => {
    expect(production.optimization.runtimeChunk).toBe("single");
  });

  test("taskpane.html carries all three entries; functions.json and the manifest are emitted", () => {
    const byName = (name: string) => production.plugins.find((p: object) => p.constructor.name === name);
    expect(byName("HtmlWebpackPlugin").userOptions).toMatchObject({
      filename: "taskpane.html",
      chunks: ["taskpane", "functions", "commands"],
    });
    expect(byName("CustomFunctionsMetadataPlugin").options).toEqual({ input: "./src/functions/functions.ts", output: "functions.json" });
    expect(byName("CopyPlugin").patterns.map((p: { from: string }) => p.from)).toEqual(["assets/*", "manifest.xml"]);
  });
});
