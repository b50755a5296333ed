/**
 * A tiny HTTP server on 127.0.0.1 for unit tests of the transport and authenticator: each test
 * installs a handler and reads the requests the server saw.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface TestServer {
  host: string;
  url: string;
  seen: SeenRequest[];
  /** Request body bytes received so far, counted as they arrive (before any handler runs). */
  bytesReceived(): number;
  handle(
    handler: (req: SeenRequest, res: http.ServerResponse, raw: http.IncomingMessage) => unknown,
  ): void;
  close(): Promise<void>;
}

/** Returns a started server on a free loopback port (or `port`); tests call `close()` when done. */
export async function startTestServer(port = 0): Promise<TestServer> {
  let handler: (
    req: SeenRequest,
    res: http.ServerResponse,
    raw: http.IncomingMessage,
  ) => unknown = (_req, res) => {
    res.writeHead(404).end();
  };
  const seen: SeenRequest[] = [];
  let bytesIn = 0;
  const server = http.createServer((raw, res) => {
    const chunks: Buffer[] = [];
    raw.on('data', (c: Buffer) => {
      bytesIn += c.length;
      chunks.push(c);
    });
    raw.on('end', () => {
      const req = {
        method: raw.method ?? 'GET',
        url: raw.url ?? '/',
        headers: raw.headers,
        body: Buffer.concat(chunks),
      };
      seen.push(req);
      Promise.resolve(handler(req, res, raw)).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    host: `127.0.0.1:${bound}`,
    url: `http://127.0.0.1:${bound}`,
    seen,
    bytesReceived: () => bytesIn,
    handle(h) {
      handler = h;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
