/**
 * A loopback HTTP server that hands every request to Manifold's event route handler, as Next
 * would: the real registry's notifications reach the real handler. It keeps each delivery (body
 * and answer) so a test can read what was sent and send it again.
 */
import http from 'node:http';

import { NextRequest } from 'next/server';

import { freePort } from './free-port';

export interface Delivery {
  path: string;
  headers: Record<string, string>;
  body: string;
  status: number;
}

export interface StartedReceiver {
  /** e.g. http://127.0.0.1:PORT */
  url: string;
  deliveries: Delivery[];
  stop(): Promise<void>;
}

type Handler = (req: NextRequest, ctx?: { params?: Promise<unknown> }) => Promise<Response>;

/** Returns a started receiver calling `handler` with the `[source]` segment of /api/events/<source>. */
export async function startEventReceiver(handler: Handler): Promise<StartedReceiver> {
  const port = await freePort('127.0.0.1');
  const deliveries: Delivery[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      const url = `http://127.0.0.1:${port}${req.url ?? '/'}`;
      const source = /^\/api\/events\/([^/?]+)/.exec(req.url ?? '')?.[1] ?? '';
      const request = new NextRequest(url, { method: req.method ?? 'GET', headers, body });
      void handler(request, { params: Promise.resolve({ source }) }).then(
        async (answer) => {
          deliveries.push({ path: req.url ?? '', headers, body, status: answer.status });
          res.writeHead(answer.status, { 'content-type': 'application/json' });
          res.end(await answer.text());
        },
        (err: unknown) => {
          res.writeHead(500);
          res.end(String(err));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    deliveries,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
