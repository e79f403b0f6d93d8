/**
 * How often at most a live board goes to the page while its results keep coming. During a first
 * sync the core rebuilds the board after every slice it writes, and a page that rendered each of
 * them spent its frames on the cards that had just arrived (issue 19: long tasks of up to 460 ms
 * on the opportunity board); a person cannot read a board that changes faster than this anyway.
 */
export const BOARD_RESULT_EVERY_MS = 300;

export interface Coalesced<T> {
  (result: T): void;
  /** Drops a result still waiting (the subscription ended). */
  stop(): void;
}

/**
 * Passes a live query's results on at most once per `everyMs`: a result after a quiet spell goes
 * at once (a card a person moved shows without waiting), and results that come faster are
 * coalesced into the latest, which goes when the spell is over. Every result is a whole answer,
 * so skipping the ones in between loses nothing; the last one always goes.
 */
export function coalescedResults<T>(
  deliver: (result: T) => void,
  everyMs = BOARD_RESULT_EVERY_MS,
): Coalesced<T> {
  let lastSentAt = -Infinity;
  let waiting: { result: T } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const send = (result: T) => {
    lastSentAt = Date.now();
    deliver(result);
  };
  const coalesced = (result: T) => {
    const wait = lastSentAt + everyMs - Date.now();
    if (wait <= 0 && timer === undefined) {
      send(result);
      return;
    }
    waiting = { result };
    timer ??= setTimeout(
      () => {
        timer = undefined;
        const latest = waiting;
        waiting = undefined;
        if (latest) send(latest.result);
      },
      Math.max(wait, 0),
    );
  };
  coalesced.stop = () => {
    clearTimeout(timer);
    timer = undefined;
    waiting = undefined;
  };
  return coalesced;
}
