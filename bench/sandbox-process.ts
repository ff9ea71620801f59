/** A sandbox in a child process, so the client's CPU time is measured apart from the server's. */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { SandboxInfo } from "../src/sandbox";
import type { TokenBundle } from "../src/core/tiktok/types";
import { sandboxSellerToken } from "../src/sandbox/seller-token";

export interface SandboxProcess {
  url: string;
  info: SandboxInfo;
  token: TokenBundle;
  stop(): Promise<void>;
}

export async function startSandboxProcess(args: string[]): Promise<SandboxProcess> {
  const bin = path.resolve(__dirname, "..", "bin", "shopbooks.js");
  const child: ChildProcess = spawn(process.execPath, [bin, "sandbox", "--port", "0", ...args], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    let text = "";
    const timer = setTimeout(() => reject(new Error("The sandbox did not start within 60 s.")), 60_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
    child.once("exit", (code) => reject(new Error(`The sandbox exited (${code}) before it started.`)));
  });
  child.stdout!.resume();
  const info = (await (await fetch(`${url}/sandbox/info`)).json()) as SandboxInfo;
  const token = await sandboxSellerToken(url, info);
  return {
    url,
    info,
    token,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
