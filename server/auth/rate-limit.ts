import { randomUUID } from 'node:crypto';
import type { SyncStore } from '../store/types';

/**
 * Failed sign-ins are counted in the database, not in memory, so the limits hold across every
 * instance behind a load balancer and across restarts.
 *
 * Nothing is ever locked: after a few free failures, each further attempt must wait longer after
 * the last failure (1 s, 2 s, 4 s … up to a minute), so a guesser gets at most about one guess a
 * minute per account, while the owner loses at most a minute. And a device that has signed in
 * before (known-devices.ts) is counted on its own, so strangers' failures never slow it down.
 */
export interface DelayPolicy {
  /** Failures within the window that cost no wait. */
  free: number;
  /** The wait after the first failure past the free ones; it doubles with each further one. */
  firstDelayMs: number;
  maxDelayMs: number;
}

export interface LoginLimits {
  /** Failures for one account (firm + username), from anywhere but its known devices. */
  account: DelayPolicy;
  /** Failures from one client address (one address guessing many usernames), same exception. */
  address: DelayPolicy;
  /** Failures on one known device of the account (a stolen laptop guesses slowly too). */
  device: DelayPolicy;
  /** Failures older than this no longer count. */
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  account: { free: 5, firstDelayMs: 1000, maxDelayMs: 60 * 1000 },
  address: { free: 20, firstDelayMs: 1000, maxDelayMs: 60 * 1000 },
  device: { free: 5, firstDelayMs: 1000, maxDelayMs: 60 * 1000 },
  windowMs: 15 * 60 * 1000,
};

/** How long to wait after the last of `failures` recent failures before the next attempt. */
export function delayAfter(failures: number, policy: DelayPolicy): number {
  if (failures < policy.free) return 0;
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (failures - policy.free));
}

/** Who is signing in, as the limiter counts them. */
export interface SignInSource {
  /** The account tried: firm and username, whether or not they exist. */
  account: string;
  address: string;
  /** Set when the request carried a known device token of this very account. */
  knownDevice?: string;
}

interface Counter {
  key: string;
  policy: DelayPolicy;
}

export class LoginRateLimiter {
  constructor(
    private readonly store: SyncStore,
    private readonly limits: LoginLimits,
  ) {}

  /** A known device counts only its own failures; anyone else counts per account and address. */
  private counters(source: SignInSource): Counter[] {
    if (source.knownDevice !== undefined) {
      return [{ key: `device:${source.knownDevice}`, policy: this.limits.device }];
    }
    return [
      { key: `account:${source.account}`, policy: this.limits.account },
      { key: `addr:${source.address}`, policy: this.limits.address },
    ];
  }

  /**
   * Starts a sign-in attempt. The attempt is recorded as a failure FIRST and the failures before
   * it read after, so the check and the record are one step: of many attempts sent at once, the
   * k-th recorded sees at least k-1 others, and once past the free ones each must wait after the
   * last of them. An attempt that must wait is taken back (it checked nothing) and answers how
   * many seconds to wait; the others stay recorded until the caller says the password was right.
   */
  async begin(
    source: SignInSource,
    now: number,
  ): Promise<{ retryAfterSeconds?: number; succeeded(): Promise<void> }> {
    const counters = this.counters(source);
    const attempt = randomUUID();
    await Promise.all(counters.map(({ key }) => this.store.recordLoginFailure(key, now, attempt)));
    const since = now - this.limits.windowMs;
    const earlier = await Promise.all(
      counters.map(({ key }) => this.store.loginFailuresBefore(key, since, attempt)),
    );
    const readyAt = Math.max(
      ...earlier.map(({ count, latest }, i) => {
        const policy = (counters[i] as Counter).policy;
        return latest === undefined ? now : latest + delayAfter(count, policy);
      }),
    );
    const forget = () =>
      Promise.all(counters.map(({ key }) => this.store.forgetLoginFailure(key, attempt)));
    if (readyAt > now) {
      await forget();
      return {
        retryAfterSeconds: Math.max(1, Math.ceil((readyAt - now) / 1000)),
        succeeded: async () => {},
      };
    }
    return {
      succeeded: async () => {
        // Right password: this attempt was no failure, and the account's (or device's) earlier
        // ones are forgiven. The address keeps its other failures.
        await forget();
        const [own] = counters;
        if (own) await this.store.clearLoginFailures(own.key);
      },
    };
  }
}
