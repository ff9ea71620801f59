/**
 * One page for everything (shared runtime): taskpane.html carries the task pane, the custom functions and
 * the ribbon commands. A single webpack runtime makes the three entries share module instances, so the
 * ribbon's command bus and the ledger connection are the same objects the pane uses.
 */
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

module.exports = (_env, argv = {}) => {
  const mode = argv.mode === "development" ? "development" : "production";
  return {
    mode,
    devtool: mode === "development" ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      functions: "./src/functions/functions.ts",
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      chunkFilename: "[name].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: { transpileOnly: true, compilerOptions: { module: "ESNext", noEmit: false } },
          },
        },
      ],
    },
    optimization: {
      runtimeChunk: "single",
      splitChunks: {
        chunks: "all",
        // Only the page's own entries share chunks: code loaded on demand (the .xlsx writer and exceljs)
        // stays in its own chunk instead of joining the first load.
        cacheGroups: {
          vendor: { test: /[\\/]node_modules[\\/]/, name: "vendor", chunks: "initial", priority: 10 },
          shared: {
            minChunks: 2,
            name: "shared",
            chunks: "initial",
            priority: 0,
            reuseExistingChunk: true,
            enforce: true,
          },
          defaultVendors: false,
          default: false,
        },
      },
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ input: "./src/functions/functions.ts", output: "functions.json" }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane", "functions", "commands"],
        chunksSortMode: "manual",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext]" },
          { from: "manifest.xml", to: "manifest.xml" },
        ],
      }),
    ],
    performance: { hints: false },
    stats: "errors-warnings",
  };
};
