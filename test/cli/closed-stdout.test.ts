/**
 * @jest-environment node
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SETTLEMENT_FIXTURES } from "../fixtures/settlement-fixtures";

const BIN = join(__dirname, "..", "..", "bin", "shopbooks.js");

describe("a reader that closes the pipe early", () => {
  let dir: string;
  let file: string;

  beforeAll(() => {
    // Far more output than a pipe holds, so the command is still writing when `head` has gone.
    dir = mkdtempSync(join(tmpdir(), "shopbooks-pipe-"));
    const [header, ...rows] = readFileSync(join(SETTLEMENT_FIXTURES, "my-basic.csv"), "utf8").trimEnd().split("\n");
    file = join(dir, "settled.csv");
    writeFileSync(file, [header, ...Array.from({ length: 40 }, () => rows).flat()].join("\n") + "\n");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const piped = (args: string) =>
    spawnSync("bash", ["-c", `set -o pipefail; "${process.execPath}" "${BIN}" ${args} | head -1`], {
      encoding: "utf8",
    });

  test("settlement --json FILE | head -1 prints the first line and ends quietly with exit 0", () => {
    const result = piped(`settlement --json "${file}"`);
    expect([result.stdout, result.stderr, result.status]).toEqual(["{\n", "", 0]);
  }, 30_000);
});
