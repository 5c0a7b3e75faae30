import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeAfterTest } from '../helpers/close-after-test.js';


const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'hf');

/** How the fake API answers the next requests. */
export type HfBehaviour = 'fixtures' | { status: number } | 'invalid-json' | 'hang' | { body: unknown };

/** A loopback stand-in for the Hugging Face daily papers API, serving tests/fixtures/hf/daily_papers-<date>.json. */
export interface FakeHfApi {
  url: string;
  requests: string[];
  behave(behaviour: HfBehaviour): void;
  close(): Promise<void>;
}


/** Starts the fake API; it closes after the current test unless `keepOpen` (then call `close()`). */
export async function startFakeHfApi(options: { keepOpen?: boolean } = {}): Promise<FakeHfApi> {
  let behaviour: HfBehaviour = 'fixtures';
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (behaviour === 'hang') return; // never answers; the client's timeout must fire
    if (behaviour === 'invalid-json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('[{"paper": ');
      return;
    }
    if (typeof behaviour === 'object' && 'status' in behaviour) {
      res.writeHead(behaviour.status, { 'content-type': 'application/json' }).end('{"error":"Service Unavailable"}');
      return;
    }
    if (typeof behaviour === 'object' && 'body' in behaviour) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(behaviour.body));
      return;
    }
    if (url.pathname !== '/api/daily_papers') {
      res.writeHead(404).end();
      return;
    }
    const date = url.searchParams.get('date') ?? '';
    const file = path.join(FIXTURES, `daily_papers-${date}.json`);
    const body = /^\d{4}-\d{2}-\d{2}$/.test(date) && existsSync(file) ? readFileSync(file, 'utf8') : '[]';
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  if (!options.keepOpen) closeAfterTest(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    behave: (b) => {
      behaviour = b;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
