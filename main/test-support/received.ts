import type { LiveMessage } from '../../shared/api';

/**
 * Records the messages one live query delivers (as they crossed IPC: boards may be diffs); `until` waits for the first one (already seen or
 * still to come) that satisfies a condition, so tests wait on behaviour, not on a sleep.
 */
export class Received {
  readonly messages: LiveMessage[] = [];
  private waiters: {
    test: (m: LiveMessage) => boolean;
    resolve: (m: LiveMessage) => void;
  }[] = [];

  readonly push = (message: LiveMessage): void => {
    this.messages.push(message);
    this.waiters = this.waiters.filter((w) => !(w.test(message) && (w.resolve(message), true)));
  };

  until(test: (message: LiveMessage) => boolean, timeoutMs = 2000): Promise<LiveMessage> {
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

/** The value of a whole successful result, or a test failure naming what came instead. */
export function valueOf<T>(message: LiveMessage): T {
  if (!message.ok) throw new Error(`expected ok, got ${JSON.stringify(message.error)}`);
  if (!('value' in message)) throw new Error('expected a whole result, got a board diff');
  return message.value as T;
}
