import { createParser } from 'eventsource-parser';
import type { SyncStreamEvent } from '../shared/sync/protocol';

/** What a test reads off the stream: an event, a comment (heartbeat), or the stream's end. */
export type StreamItem = SyncStreamEvent | { type: 'comment'; text: string } | { type: 'end' };

/**
 * Reads GET /sync/stream with fetch (as the client does: bearer header, no EventSource). `next()`
 * waits for the next event or comment, without timers: the test's own timeout is the limit.
 */
export async function openStream(apiUrl: string, token: string) {
  const controller = new AbortController();
  const response = await fetch(`${apiUrl}/sync/stream`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  const queue: StreamItem[] = [];
  let wake: (() => void) | undefined;
  const push = (item: StreamItem) => {
    queue.push(item);
    wake?.();
  };
  const parser = createParser({
    onEvent: (event) => push(JSON.parse(event.data) as SyncStreamEvent),
    onComment: (text) => push({ type: 'comment', text }),
  });
  if (response.body) {
    void (async () => {
      const decoder = new TextDecoder();
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          parser.feed(decoder.decode(chunk, { stream: true }));
        }
      } catch {
        // Aborted by close().
      }
      push({ type: 'end' });
    })();
  }
  return {
    response,
    async next(options: { skipComments?: boolean } = { skipComments: true }): Promise<StreamItem> {
      for (;;) {
        const item = queue.shift();
        if (item && !(options.skipComments && item.type === 'comment')) return item;
        if (!item) await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    close: () => controller.abort(),
  };
}
