import { createServer } from 'node:net';

/** Whether something already listens on 127.0.0.1:`port` (binding it fails with EADDRINUSE). */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') resolve(true);
      else reject(error);
    });
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      probe.close(() => resolve(false));
    });
  });
}

/** The first free port after `port`, to suggest. */
export async function nextFreePort(port: number, avoid: readonly number[] = []): Promise<number> {
  for (let candidate = port + 1; candidate < port + 100; candidate++) {
    if (!avoid.includes(candidate) && !(await portInUse(candidate))) return candidate;
  }
  return port + 100;
}

/**
 * Stops with a line that says which option to use when a port the script needs is taken, before
 * it writes or starts anything: `EADDRINUSE` alone does not say what to do.
 */
export async function requireFreePorts(
  command: string,
  ports: readonly { port: number; option: string }[],
): Promise<void> {
  for (const { port, option } of ports) {
    if (!(await portInUse(port))) continue;
    const suggestion = await nextFreePort(
      port,
      ports.map((p) => p.port),
    );
    throw new Error(
      `port ${port} is already in use (another demo or server running?). ` +
        `Stop it, or choose another port: npm run ${command} -- ${option} ${suggestion}`,
    );
  }
}
