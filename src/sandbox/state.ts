/** Everything one running sandbox holds, passed to every route. */
import type { AuthStore } from "./auth-store";
import type { SandboxClock } from "./clock";
import type { SandboxApp } from "./credentials";
import type { World } from "./data/world";
import type { FaultPlan } from "./faults";
import type { RequestIds } from "./http/envelope";
import type { PageTokens } from "./page-token";
import type { RateLimiter } from "./rate-limit";

export interface SandboxState {
  app: SandboxApp;
  world: World;
  clock: SandboxClock;
  auth: AuthStore;
  pageTokens: PageTokens;
  rateLimiter: RateLimiter;
  requestIds: RequestIds;
  /** Where the authorize page sends ?code&state; loopback only. */
  redirectUrl: string;
  /** http://127.0.0.1:PORT once listening. */
  url: string;
  log: (line: string) => void;
  /** Failures queued through POST /sandbox/faults. */
  faults: FaultPlan;
}
