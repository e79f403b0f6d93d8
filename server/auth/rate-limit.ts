import { randomUUID } from 'node:crypto';
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

  /**
   * Starts a sign-in attempt. The attempt is recorded as a failure FIRST and counted after, so
   * the check and the record are one step: of many attempts sent at once, the k-th recorded sees
   * at least k, and no more than the limit get to have their password checked. An attempt over
   * the limit is taken back (it checked nothing) and answers how many seconds to wait; the others
   * stay recorded until the caller says the password was right (`succeeded`).
   */
  async begin(
    username: string,
    address: string,
    now: number,
  ): Promise<{ retryAfterSeconds?: number; succeeded(): Promise<void> }> {
    const keys = [usernameKey(username), addressKey(address)] as const;
    const attempt = randomUUID();
    await Promise.all(keys.map((key) => this.store.recordLoginFailure(key, now, attempt)));
    const since = now - this.limits.windowMs;
    const [byUser, byAddress] = await Promise.all([
      this.store.countLoginFailures(keys[0], since),
      this.store.countLoginFailures(keys[1], since),
    ]);
    const forget = () =>
      Promise.all(keys.map((key) => this.store.forgetLoginFailure(key, attempt)));
    if (byUser > this.limits.perUsername || byAddress > this.limits.perAddress) {
      await forget();
      // The store counts, it does not say when the oldest failure ages out: the full window is
      // the honest upper bound.
      return {
        retryAfterSeconds: Math.ceil(this.limits.windowMs / 1000),
        succeeded: async () => {},
      };
    }
    return {
      succeeded: async () => {
        // Right password: this attempt was no failure, and the username's earlier ones are
        // forgiven (the address keeps its other failures).
        await forget();
        await this.recordSuccess(username);
      },
    };
  }

  /** A successful sign-in clears its username's counter (the address keeps its count). */
  async recordSuccess(username: string): Promise<void> {
    await this.store.clearLoginFailures(usernameKey(username));
  }
}
