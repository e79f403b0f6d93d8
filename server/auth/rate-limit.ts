import type { SyncStore } from '../store/types';

/**
 * Failed sign-ins are counted in the database, not in memory, so the limit holds across every
 * instance behind a load balancer and across restarts.
 */
export interface LoginLimits {
  /** Failures per username within the window before sign-in is refused. */
  perUsername: number;
  /** Failures per client address within the window (one address guessing many usernames). */
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perUsername: 5,
  perAddress: 20,
  windowMs: 15 * 60 * 1000,
};

const usernameKey = (username: string) => `user:${username}`;
const addressKey = (address: string) => `addr:${address}`;

export class LoginRateLimiter {
  constructor(
    private readonly store: SyncStore,
    private readonly limits: LoginLimits,
  ) {}

  /** Seconds to wait before trying again, or undefined when a sign-in attempt is allowed now. */
  async retryAfterSeconds(
    username: string,
    address: string,
    now: number,
  ): Promise<number | undefined> {
    const since = now - this.limits.windowMs;
    const [byUser, byAddress] = await Promise.all([
      this.store.countLoginFailures(usernameKey(username), since),
      this.store.countLoginFailures(addressKey(address), since),
    ]);
    if (byUser < this.limits.perUsername && byAddress < this.limits.perAddress) return undefined;
    // The store counts, it does not say when the oldest failure ages out: the full window is
    // the honest upper bound.
    return Math.ceil(this.limits.windowMs / 1000);
  }

  async recordFailure(username: string, address: string, now: number): Promise<void> {
    await Promise.all([
      this.store.recordLoginFailure(usernameKey(username), now),
      this.store.recordLoginFailure(addressKey(address), now),
    ]);
  }

  /** A successful sign-in clears its username's counter (the address keeps its count). */
  async recordSuccess(username: string): Promise<void> {
    await this.store.clearLoginFailures(usernameKey(username));
  }
}
