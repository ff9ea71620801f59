import { signRequest, stringToSign } from "../../../src/core/tiktok/sign";
import { hmacSha256Hex } from "../../../src/server/hmac";

const cipher = "GCP_XF90igAAAABh00qsWgtvOiGFNqyubMt3";

describe("202309 request signing", () => {
  test("the documented step-by-step example wraps path and sorted params in the secret (V1)", () => {
    const input = { path: "/authorization/202309/shops", query: { timestamp: "1623812664", app_key: "29a39d" } };
    expect(stringToSign("e59af819cc", input)).toBe(
      "e59af819cc/authorization/202309/shopsapp_key29a39dtimestamp1623812664e59af819cc",
    );
    expect(signRequest("e59af819cc", input, hmacSha256Hex)).toBe(
      "b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8",
    );
  });

  test.each([
    ["V2 library unit test", "app_secret", "/test-api", { foo: "bar" }, undefined,
      "d3cb7fe11ecae942802ceeca67e7cf10120cc12f1517d45fbc1c8cfe5413c80f"],
    ["V3 legacy order search, access_token excluded, body unsigned", "123", "/api/orders/search",
      { app_key: "12abcd", shop_id: "123456", timestamp: "1600000000", access_token: "ROW_token" }, undefined,
      "dcbce84df8e4a7bd4674dc5f1e5d88f6b029b17592b087f504df38c906552b44"],
    ["V4 legacy order settlements", "123", "/api/finance/order/settlements",
      { app_key: "12abcd", order_id: "576462772652640213", shop_id: "123456", timestamp: "1600000000" }, undefined,
      "a7413dac4b6a6aa8f9f99e77a394b9952bf7742e205c3a0b0ae8196dfaca877b"],
    ["DV1 webhook update with body", "e59af819cc", "/event/202309/webhooks",
      { app_key: "68xu9ks5p4i8", shop_cipher: "ROW_xkMbgAAAeVAQra0eZWebFQq5aIK", timestamp: "1696909648" },
      '{"address":"https://partner.tiktokshop.com","event_type":"PACKAGE_UPDATE"}',
      "cd0d6268252f4ba293bf7ea4c0a2873bf9beec600d22530638564ab301435f7a"],
    ["DV2 order search ignores sign and access_token", "e59af819cc", "/order/202309/orders/search",
      { app_key: "29a39d", page_size: "100", shop_cipher: cipher, sort_field: "create_time", sort_order: "ASC",
        timestamp: "1700000100", access_token: "TTP_x", sign: "deadbeef" },
      '{"order_status":"AWAITING_SHIPMENT","create_time_ge":1700000000,"create_time_lt":1700086400}',
      "7116d90622eacab8fd62932646d4b7c22276218583e802cdb12b9fefda762495"],
    ["DV3 order detail with comma-joined ids", "e59af819cc", "/order/202309/orders",
      { app_key: "29a39d", ids: "576461413038785752,576461413038785753", shop_cipher: cipher, timestamp: "1700000100" },
      undefined, "aac1d241b10dac364847c396af9998f7506a03e7105ab4c1ff7ae498e0e6634b"],
    ["DV4 decoded page token with + and /, empty object body", "e59af819cc", "/order/202309/orders/search",
      { app_key: "29a39d", page_size: "20",
        page_token: "6AsPQsUMvH3RkchNUPPh22NROHkE0D8pmq/N5M1kHYcZmtRyv9aVrNv65W7Q6tFA+7D1ud64MPNz5OaT",
        shop_cipher: cipher, timestamp: "1700000100" },
      "{}", "266afb10d7cf3ca4874e0670752db749ececc7b479c86e41d1a842b5abe28c31"],
  ])("%s", (_name, secret, path, query, body, expected) => {
    expect(signRequest(secret, { path, query: query as Record<string, string>, body }, hmacSha256Hex)).toBe(expected);
  });

  test("an empty JSON object body is signed, unlike no body", () => {
    const input = { path: "/order/202309/orders/search", query: { app_key: "a", timestamp: "1" } };
    expect(signRequest("s", { ...input, body: "{}" }, hmacSha256Hex)).not.toBe(signRequest("s", input, hmacSha256Hex));
  });
});
