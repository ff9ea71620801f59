/**
 * `npm start`: build the add-in, start sandbox + link service, and print the preview URL. On Windows and
 * macOS, where Excel desktop may be installed, it also offers to sideload the manifest.
 */
import path from "node:path";
import { spawnSync } from "node:child_process";
import type { ParsedArgs } from "./args";
import { describeServices, serveFromArgs, waitForInterrupt } from "./serve-command";

const ROOT = path.resolve(__dirname, "..", "..");

export async function runStartCommand(args: ParsedArgs): Promise<void> {
  if (args.options.help) {
    console.log(
      "Usage: shopbooks start [--no-build] [--port 3000] [--sandbox-port 8788] (and the options of serve)",
    );
    return;
  }
  if (!args.options["no-build"]) {
    console.log("Building the add-in (webpack)…");
    const webpack = path.join(ROOT, "node_modules", "webpack", "bin", "webpack.js");
    const build = spawnSync(process.execPath, [webpack, "--mode", "production"], {
      cwd: ROOT,
      stdio: "inherit",
    });
    if (build.status !== 0) throw new Error("The build failed; see the webpack output above.");
  }
  const services = await serveFromArgs(args);
  console.log(describeServices(services));
  if (process.platform === "win32" || process.platform === "darwin") {
    console.log(
      [
        "",
        "To open ShopBooks in Excel desktop (Excel needs HTTPS on https://localhost:3000):",
        "  npx office-addin-dev-certs install",
        "  HTTPS_CERT=~/.office-addin-dev-certs/localhost.crt HTTPS_KEY=~/.office-addin-dev-certs/localhost.key npm start",
        "  npx office-addin-debugging start manifest.xml desktop",
      ].join("\n"),
    );
  }
  console.log("\nPress Ctrl-C to stop.");
  await waitForInterrupt(services);
}
