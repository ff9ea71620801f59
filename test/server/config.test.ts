import { readLinkConfig } from "../../src/server/config";

describe("link configuration from the environment", () => {
  test("no app key and no secret means the sandbox", () => {
    expect(readLinkConfig({})).toBeNull();
    expect(readLinkConfig({ TIKTOK_APP_KEY: " ", TIKTOK_APP_SECRET: "" })).toBeNull();
  });

  test("a real app uses TikTok's hosts by default", () => {
    expect(
      readLinkConfig({
        TIKTOK_APP_KEY: "6abc",
        TIKTOK_APP_SECRET: "s3cr3t",
        TIKTOK_AUTHORIZE_URL: "https://services.tiktokshop.com/open/authorize?service_id=7123",
      }),
    ).toEqual({
      appKey: "6abc",
      appSecret: "s3cr3t",
      apiBase: "https://open-api.tiktokglobalshop.com",
      authBase: "https://auth.tiktok-shops.com",
      authorizeUrl: "https://services.tiktokshop.com/open/authorize?service_id=7123",
    });
  });

  test("hosts can be overridden and lose a trailing slash", () => {
    const config = readLinkConfig({
      TIKTOK_APP_KEY: "k",
      TIKTOK_APP_SECRET: "s",
      TIKTOK_API_BASE: "http://127.0.0.1:8788/",
      TIKTOK_AUTH_BASE: "http://127.0.0.1:8788",
      TIKTOK_AUTHORIZE_URL: "http://127.0.0.1:8788/open/authorize?service_id=1",
    });
    expect(config?.apiBase).toBe("http://127.0.0.1:8788");
    expect(config?.authBase).toBe("http://127.0.0.1:8788");
  });

  test("only one of key and secret is a clear error", () => {
    expect(() => readLinkConfig({ TIKTOK_APP_KEY: "k" })).toThrow(
      "TIKTOK_APP_SECRET is not set but TIKTOK_APP_KEY is: set both (from Partner Center → App details) to use a real TikTok app, or neither to use the sandbox.",
    );
    expect(() => readLinkConfig({ TIKTOK_APP_SECRET: "s" })).toThrow("TIKTOK_APP_KEY is not set but TIKTOK_APP_SECRET is");
  });

  test("a real app without its authorization link is refused", () => {
    expect(() => readLinkConfig({ TIKTOK_APP_KEY: "k", TIKTOK_APP_SECRET: "s" })).toThrow("TIKTOK_AUTHORIZE_URL is not set");
  });

  test("a malformed host is refused with the variable's name", () => {
    expect(() =>
      readLinkConfig({ TIKTOK_APP_KEY: "k", TIKTOK_APP_SECRET: "s", TIKTOK_AUTHORIZE_URL: "https://a/b?x=1", TIKTOK_API_BASE: "open-api" }),
    ).toThrow('TIKTOK_API_BASE is not a URL ("open-api")');
  });
});
