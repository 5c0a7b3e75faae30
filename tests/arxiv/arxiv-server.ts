import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeAfterTest } from '../helpers/close-after-test.js';


const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'arxiv');

/** How the fake API answers: fixtures by id (`<id>.xml`, else the empty feed), an HTTP error, broken XML, or silence. */
export type ArxivBehaviour = 'fixtures' | 'malformed' | 'hang' | { status: number };

/** A loopback stand-in for the arXiv API (`GET /api/query?id_list=…`), answering in the recorded Atom format. */
export interface FakeArxivApi {
  /** The query endpoint, for ARXIV_API_URL. */
  url: string;
  /** Requested ids, with the arrival time in ms. */
  requests: { id: string; at: number }[];
  behave(behaviour: ArxivBehaviour): void;
  close(): Promise<void>;
}


/** Starts the fake API; it closes after the current test unless `keepOpen` (then call `close()`). */
export async function startFakeArxiv(options: { keepOpen?: boolean } = {}): Promise<FakeArxivApi> {
  let behaviour: ArxivBehaviour = 'fixtures';
  const requests: { id: string; at: number }[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const id = url.searchParams.get('id_list') ?? '';
    requests.push({ id, at: Date.now() });
    if (behaviour === 'hang') return;
    if (typeof behaviour === 'object') {
      res.writeHead(behaviour.status, { 'content-type': 'text/plain' }).end('Service Unavailable');
      return;
    }
    if (behaviour === 'malformed') {
      res.writeHead(200, { 'content-type': 'application/atom+xml' }).end('<?xml version="1.0"?><feed><entry><title>Broken</entry></feed>');
      return;
    }
    if (url.pathname !== '/api/query') {
      res.writeHead(404).end();
      return;
    }
    // New-style ids (1706.03762) name a fixture; ids of the wrong form get arXiv's error entry, others the empty feed.
    const file = path.join(FIXTURES, `${id}.xml`);
    const body = /^\d{4}\.\d{4,5}$/.test(id)
      ? existsSync(file)
        ? readFileSync(file, 'utf8')
        : fixture('empty.xml', id)
      : fixture('error-incorrect-id.xml', id);
    res.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8' }).end(body);
  });
  if (!options.keepOpen) closeAfterTest(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/api/query`,
    requests,
    behave(next) {
      behaviour = next;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function fixture(name: string, id: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8').replaceAll('{ID}', escapeXml(id));
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
