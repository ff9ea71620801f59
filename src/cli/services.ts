/**
 * Starts what the add-in needs to run: the link service and, when no real TikTok app is configured,
 * the sandbox it talks to. Used by `start`, `serve` and the browser tests.
 */
import path from "node:path";
import { readLinkConfig, type LinkConfig } from "../server/config";
import { startLinkService } from "../server/link-service";
import { startSandbox, type RunningSandbox, type SandboxOptions } from "../sandbox";

export interface ServicesOptions {
  port: number;
  sandboxPort: number;
  distDir?: string;
  env?: NodeJS.ProcessEnv;
  sandbox?: Omit<SandboxOptions, "port" | "redirectUrl">;
  log?: (line: string) => void;
  /** Serve over HTTPS (Excel requires it for a sideloaded add-in). */
  https?: { cert: string | Buffer; key: string | Buffer };
}

export interface RunningServices {
  /** Base URL of the link service, e.g. http://127.0.0.1:3000 */
  url: string;
  previewUrl: string;
  /** The embedded sandbox, when no TikTok app is configured. */
  sandbox?: RunningSandbox;
  close(): Promise<void>;
}

export async function startServices(options: ServicesOptions): Promise<RunningServices> {
  const distDir = options.distDir ?? path.resolve(__dirname, "..", "..", "dist");
  let config: LinkConfig | null = readLinkConfig(options.env ?? process.env);
  let sandbox: RunningSandbox | undefined;
  if (!config) {
    sandbox = await startSandbox({ ...options.sandbox, port: options.sandboxPort, log: options.log });
    const { info } = sandbox;
    config = {
      appKey: info.appKey,
      appSecret: info.appSecret,
      apiBase: info.apiBase,
      authBase: info.authBase,
      authorizeUrl: info.authorizeUrl,
    };
  }
  let link;
  try {
    // The embedded sandbox keeps its own (movable) clock; requests are signed in its time.
    const now = sandbox ? () => sandbox!.clock.now() : undefined;
    link = await startLinkService({
      port: options.port,
      config,
      staticDir: distDir,
      log: options.log,
      now,
      https: options.https,
    });
  } catch (error) {
    await sandbox?.close();
    throw error;
  }
  sandbox?.setRedirectUrl(`${link.url}/auth/tiktok/callback`);
  return {
    url: link.url,
    previewUrl: `${link.url}/taskpane.html`,
    sandbox,
    async close() {
      await link.close();
      await sandbox?.close();
    },
  };
}
