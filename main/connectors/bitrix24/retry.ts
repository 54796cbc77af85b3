/** Backoff with jitter for transient failures (network, 5xx, HTML bodies — ref §3.3). */

export interface RetryPolicy {
  /** Retries after the first attempt for transient failures. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** ±fraction of random spread around the exponential delay. */
  jitter: number;
  /** Upper bound of consecutive limit refusals (503/429) before giving up; they are waited out, not failed. */
  maxLimitWaits: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 5, baseDelayMs: 500, maxDelayMs: 30_000, jitter: 0.2, maxLimitWaits: 200 };

/** Delay before retry number `attempt` (1-based): base·2^(attempt−1), capped, ± jitter. */
export function backoffMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const spread = exp * policy.jitter * (random() * 2 - 1);
  return Math.max(0, Math.round(exp + spread));
}
