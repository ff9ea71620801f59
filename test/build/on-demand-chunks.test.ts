import path from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const makeConfig = require(path.resolve(__dirname, "..", "..", "webpack.config.js"));

test("shared chunks gather only the page's first load, so the on-demand .xlsx writer keeps its own chunk", () => {
  const groups = makeConfig({}, {}).optimization.splitChunks.cacheGroups;
  expect([groups.vendor.chunks, groups.shared.chunks]).toEqual(["initial", "initial"]);
});
