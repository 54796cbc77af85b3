// Simulated OAuth 2.0 of a local app (ref §1.2): access tokens live `accessTokenTtlSec` simulated seconds
// (default 3600) → 401 expired_token; refresh_token grant returns a NEW pair and invalidates the old refresh
// token (single use); client_id/client_secret are checked.
import { randomBytes } from 'node:crypto';
import type { SimClock } from '../core/clock';

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  expires: number;
}

interface AccessToken { userId: number; expiresAtSim: number }

export type TokenLookup = { userId: number } | 'expired' | 'invalid';

export class OAuthStore {
  readonly clientId = 'local.sim00000000000001.00000001';
  readonly clientSecret = 'SimClientSecret0000000000000000000000000000000001';
  private access = new Map<string, AccessToken>();
  private refresh = new Map<string, number>();

  constructor(
    private readonly clock: SimClock,
    private ttlSec: () => number,
  ) {}

  issue(userId: number): TokenPair {
    const access = randomBytes(16).toString('hex');
    const refresh = randomBytes(16).toString('hex');
    const ttl = this.ttlSec();
    this.access.set(access, { userId, expiresAtSim: this.clock.simSeconds() + ttl });
    this.refresh.set(refresh, userId);
    return { access_token: access, refresh_token: refresh, expires_in: ttl, expires: Math.floor(this.clock.realMsAtSim(this.clock.simSeconds() + ttl) / 1000) };
  }

  /** null = invalid_grant */
  refreshWith(refreshToken: string): TokenPair | null {
    const userId = this.refresh.get(refreshToken);
    if (userId === undefined) return null;
    this.refresh.delete(refreshToken);
    return this.issue(userId);
  }

  lookup(accessToken: string): TokenLookup {
    const t = this.access.get(accessToken);
    if (!t) return 'invalid';
    if (this.clock.simSeconds() >= t.expiresAtSim) return 'expired';
    return { userId: t.userId };
  }

  expireAll(): void {
    for (const t of this.access.values()) t.expiresAtSim = 0;
  }

  revokeAll(): void {
    this.access.clear();
    this.refresh.clear();
  }
}
