/**
 * The auth host's token endpoints: unsigned GETs with the app secret in the query.
 * Errors (undocumented by TikTok; seen in the wild): unknown, used or expired auth code and unknown or
 * already-used refresh token → 36004005 "can not find related auth record"; expired refresh token →
 * 36004001 "rt has expired"; bad app_key, app_secret or grant_type → 36009004.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, errors } from "../http/api-error";
import { sendEnvelope } from "../http/envelope";
import type { PlainRoute } from "../http/router";
import { parseQuery } from "../http/request";
import type { SandboxState } from "../state";

function tokenRoute(path: string, credential: "auth_code" | "refresh_token", grantType: string): PlainRoute {
  return {
    kind: "plain",
    method: "GET",
    path,
    faultable: true,
    async handle(_req: IncomingMessage, res: ServerResponse, state: SandboxState, url: URL) {
      const requestId = state.requestIds.next(state.clock.now());
      try {
        const { values, repeated } = parseQuery(url.search);
        if (repeated.length > 0) throw errors.repeatedQuery(repeated[0]);
        const allowed = ["app_key", "app_secret", credential, "grant_type"];
        const unknown = Object.keys(values).find((k) => !allowed.includes(k));
        if (unknown) {
          throw errors.unknownQuery(unknown, unknown === "sign" || unknown === "timestamp" ? " Token requests are not signed." : "");
        }
        for (const name of ["app_key", "app_secret"] as const) {
          if (values[name] !== undefined && !values[name].startsWith("sandbox")) throw errors.productionCredential(name);
        }
        if (values.app_key !== state.app.appKey) throw errors.invalidAppKey();
        if (values.app_secret !== state.app.appSecret) throw errors.invalidAppSecret();
        if (values.grant_type !== grantType) throw errors.invalidGrantType(grantType);
        const secret = values[credential];
        if (!secret) throw errors.invalidQuery(`'${credential}' is required.`);
        const data = credential === "auth_code" ? state.auth.exchangeCode(secret) : state.auth.refresh(secret);
        sendEnvelope(res, 200, { code: 0, data, message: "success", request_id: requestId });
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        sendEnvelope(res, error.httpStatus, { code: error.code, data: null, message: error.message, request_id: requestId });
      }
    },
  };
}

export const tokenGetRoute = tokenRoute("/api/v2/token/get", "auth_code", "authorized_code");
export const tokenRefreshRoute = tokenRoute("/api/v2/token/refresh", "refresh_token", "refresh_token");
