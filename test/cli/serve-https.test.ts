import { execFileSync } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { httpsFrom } from "../../src/cli/serve-command";
import { startServices } from "../../src/cli/services";

const hasOpenssl = (() => {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe("serving over HTTPS, as Excel requires", () => {
  test("needs both a certificate and a key, and says so", () => {
    expect(() => httpsFrom("cert.pem", undefined)).toThrow(
      "HTTPS needs both a certificate and a key: set HTTPS_CERT and HTTPS_KEY (or --cert and --key).",
    );
    expect(() => httpsFrom("/nonexistent/cert.pem", "/nonexistent/key.pem")).toThrow(
      "No such file: /nonexistent/cert.pem",
    );
    expect(httpsFrom(undefined, undefined)).toBeUndefined();
  });

  // The certificate is made with openssl, where the machine has it.
  (hasOpenssl ? test : test.skip)(
    "with a certificate and key the link service answers on https://localhost",
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shopbooks-tls-"));
      const cert = path.join(dir, "cert.pem");
      const key = path.join(dir, "key.pem");
      execFileSync(
        "openssl",
        [
          "req",
          "-x509",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-keyout",
          key,
          "-out",
          cert,
          "-days",
          "1",
          "-subj",
          "/CN=localhost",
        ],
        { stdio: "ignore" },
      );
      fs.writeFileSync(path.join(dir, "taskpane.html"), "<!doctype html><title>ShopBooks</title>");
      const services = await startServices({
        port: 0,
        sandboxPort: 0,
        distDir: dir,
        https: httpsFrom(cert, key),
      });
      try {
        expect(services.previewUrl).toMatch(/^https:\/\/localhost:\d+\/taskpane\.html$/);
        const status = await new Promise<number>((resolve, reject) => {
          https
            .get(
              services.previewUrl.replace("localhost", "127.0.0.1"),
              { rejectUnauthorized: false },
              (res) => {
                res.resume();
                resolve(res.statusCode ?? 0);
              },
            )
            .on("error", reject);
        });
        expect(status).toBe(200);
      } finally {
        await services.close();
      }
    },
  );
});
