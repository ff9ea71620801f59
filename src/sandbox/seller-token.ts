/**
 * Links a seeded seller without a browser: an authorization code from POST /sandbox/auth-code, exchanged
 * at the token endpoint as the link service would. For scripts, the demo and tests.
 */
import type { Envelope, TokenBundle } from "../core/tiktok/types";
import type { SandboxInfo } from "./index";

export async function sandboxSellerToken(
  url: string,
  info: SandboxInfo,
  sellerIndex = 0,
): Promise<TokenBundle> {
  const seller = info.sellers[sellerIndex];
  if (!seller)
    throw new Error(`The sandbox has no seller ${sellerIndex + 1}: it seeds ${info.sellers.length}.`);
  const codeAnswer = await fetch(`${url}/sandbox/auth-code`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(seller),
  });
  const { code } = (await codeAnswer.json()) as { code?: string };
  if (!code) throw new Error(`The sandbox gave no authorization code (HTTP ${codeAnswer.status}).`);
  const query = new URLSearchParams({
    app_key: info.appKey,
    app_secret: info.appSecret,
    auth_code: code,
    grant_type: "authorized_code",
  });
  const answer = (await (await fetch(`${url}/api/v2/token/get?${query}`)).json()) as Envelope<TokenBundle>;
  if (answer.code !== 0 || !answer.data)
    throw new Error(`The sandbox refused the code: ${answer.code} ${answer.message}`);
  return answer.data;
}
