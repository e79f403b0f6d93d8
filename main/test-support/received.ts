import type { Envelope } from '../../shared/api';

/**
 * Records the envelopes one live query delivers; `until` waits for the first one (already seen or
 * still to come) that satisfies a condition, so tests wait on behaviour, not on a sleep.
 */
export class Received {
  readonly messages: Envelope<unknown>[] = [];
  private waiters: {
    test: (m: Envelope<unknown>) => boolean;
    resolve: (m: Envelope<unknown>) => void;
  }[] = [];

  readonly push = (message: Envelope<unknown>): void => {
    this.messages.push(message);
    this.waiters = this.waiters.filter((w) => !(w.test(message) && (w.resolve(message), true)));
  };

  until(
    test: (message: Envelope<unknown>) => boolean,
    timeoutMs = 2000,
  ): Promise<Envelope<unknown>> {
    const seen = this.messages.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching message in time')), timeoutMs);
      this.waiters.push({
        test,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }
}

/** The value of a successful envelope, or a test failure naming the error it carried. */
export function valueOf<T>(message: Envelope<unknown>): T {
  if (!message.ok) throw new Error(`expected ok, got ${JSON.stringify(message.error)}`);
  return message.value as T;
}
