/** Builds a bench page's script with webpack (production, as the add-in ships) into bench/out/browser. */
import path from "node:path";
import webpack from "webpack";

export const BROWSER_OUT = path.resolve(__dirname, "..", "out", "browser");

export function bundleBenchPage(entry: string, name: string): Promise<string> {
  const compiler = webpack({
    mode: "production",
    target: "web",
    devtool: false,
    context: path.resolve(__dirname, "..", ".."),
    entry: { [name]: entry },
    output: { path: BROWSER_OUT, filename: "[name].js" },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "ESNext", noEmit: false } } },
        },
      ],
    },
    performance: { hints: false },
    stats: "errors-warnings",
  });
  return new Promise((resolve, reject) => {
    compiler.run((error, stats) => {
      compiler.close(() => undefined);
      if (error) return reject(error);
      if (stats?.hasErrors()) return reject(new Error(stats.toString("errors-only")));
      resolve(path.join(BROWSER_OUT, `${name}.js`));
    });
  });
}
