/** Preloaded into a command the bench runs: reports the process's peak resident memory when it exits. */
import { RSS_MARK } from "./measure";

process.on("exit", () => {
  process.stderr.write(`\n${RSS_MARK}${process.resourceUsage().maxRSS}\n`);
});
