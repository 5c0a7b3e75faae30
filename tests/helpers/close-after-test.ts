import type { Server } from 'node:http';
import { afterEach } from 'vitest';

const servers: Server[] = [];
afterEach(async () => {
  while (servers.length > 0) {
    const server = servers.pop()!;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** Closes a fake server (and its open connections) after the current test. */
export function closeAfterTest(server: Server): void {
  servers.push(server);
}
