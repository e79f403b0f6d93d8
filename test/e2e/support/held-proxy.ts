import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 in front of a real sync server, which can hold the server's answers:
 * requests go through, the server answers, but while held nothing it sends reaches the client
 * (a slow or stalled server, as the client sees it). `release` delivers every held byte in order
 * and lets the rest through again. Byte-level, so HTTP, keep-alive and the event stream are
 * untouched by it.
 */
export interface HeldProxy {
  /** http://127.0.0.1:<port>, the address a person types instead of the server's. */
  url: string;
  hold(): void;
  release(): void;
  /** How many chunks of the server's answers are held now. */
  heldChunks(): number;
  close(): Promise<void>;
}

export async function startHeldProxy(target: string): Promise<HeldProxy> {
  const { hostname, port } = new URL(target);
  let holding = false;
  let held: (() => void)[] = [];
  const sockets = new Set<Socket>();
  // While held, every delivery waits in one queue, so each connection's bytes keep their order.
  const deliver = (write: () => void) => (holding ? held.push(write) : write());

  const proxy = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop);
    upstream.on('error', () => deliver(drop));
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => deliver(() => client.write(chunk)));
    upstream.on('end', () => deliver(() => client.end()));
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port: proxyPort } = proxy.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${proxyPort}`,
    hold: () => {
      holding = true;
    },
    release: () => {
      holding = false;
      const waiting = held;
      held = [];
      for (const write of waiting) write();
    },
    heldChunks: () => held.length,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => proxy.close(resolve));
    },
  };
}
