/**
 * A scriptable hostile registry (or a fault-injecting proxy in front of a real one) on a free
 * loopback port. Each request is answered by the first rule that matches its method, path and
 * occurrence; unmatched requests go to `proxyTo` (a real registry) or get a 404. Every request and
 * every accepted connection is recorded, so a test can assert that a port was never contacted.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export interface FaultRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** 1-based occurrence of this method+path among the requests the rule's pattern matched. */
  nth: number;
  /** When it arrived (ms since the epoch), to measure waits between retries. */
  at: number;
  /** The name of the rule that answered it, when a named rule did. */
  rule?: string;
}

/** What the proxy target answered, read whole (for responders that tamper with it). */
export interface UpstreamAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface FaultContext {
  req: FaultRequest;
  res: http.ServerResponse;
  socket: Socket;
  /** This server's base URL, e.g. http://127.0.0.1:PORT. */
  base: string;
  /** Forwards the request to the proxy target (when configured) and streams its answer back. */
  forward(): Promise<void>;
  /** Sends the request to the proxy target and returns its whole answer without answering the client. */
  upstream(): Promise<UpstreamAnswer>;
}

export type Responder = (ctx: FaultContext) => void | Promise<void>;

export interface FaultRule {
  method?: string;
  /** Exact path (without query) or a pattern tested against path and query. */
  path: string | RegExp;
  /** Only this occurrence (1-based) of a matching request; default every one. */
  nth?: number;
  /** Only the first `times` matching requests; later ones fall through to the next rule. */
  times?: number;
  /** Names the rule in `requests[].rule`, to count what it answered. */
  name?: string;
  respond: Responder;
}

export interface FaultServer {
  /** '127.0.0.1:PORT' */
  host: string;
  url: string;
  port: number;
  requests: FaultRequest[];
  /** Connections accepted so far (a refused client never opens one). */
  connections(): number;
  /** Adds a rule; earlier rules win. Returns the server for chaining. */
  on(rule: FaultRule): FaultServer;
  /** Requests a named rule answered so far. */
  hits(name: string): FaultRequest[];
  /** Removes every rule and forgets what was recorded. */
  reset(): void;
  close(): Promise<void>;
}

export interface FaultServerOptions {
  /** Base URL of a real registry that unmatched requests are forwarded to. */
  proxyTo?: string;
  /** Serve HTTPS with this certificate and key (PEM). */
  tls?: { cert: string; key: string };
}

/** Returns a started fault server on 127.0.0.1; call `close()` when done. */
export async function startFaultServer(options: FaultServerOptions = {}): Promise<FaultServer> {
  const rules: FaultRule[] = [];
  const counts = new Map<FaultRule, number>();
  const requests: FaultRequest[] = [];
  let connections = 0;
  let base = '';

  const onRequest = (raw: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    raw.on('data', (c: Buffer) => chunks.push(c));
    raw.on('end', () => {
      const url = raw.url ?? '/';
      const method = raw.method ?? 'GET';
      const pathOnly = url.split('?')[0] ?? url;
      const body = Buffer.concat(chunks);
      let chosen: FaultRule | undefined;
      let nth = 0;
      for (const rule of rules) {
        if (rule.method && rule.method.toUpperCase() !== method) continue;
        const hit = typeof rule.path === 'string' ? rule.path === pathOnly : rule.path.test(url);
        if (!hit) continue;
        const n = (counts.get(rule) ?? 0) + 1;
        counts.set(rule, n);
        if (rule.nth !== undefined && rule.nth !== n) continue;
        if (rule.times !== undefined && n > rule.times) continue;
        chosen = rule;
        nth = n;
        break;
      }
      const req: FaultRequest = {
        method,
        url,
        headers: raw.headers,
        body,
        nth,
        at: Date.now(),
        ...(chosen?.name ? { rule: chosen.name } : {}),
      };
      requests.push(req);
      const ctx: FaultContext = {
        req,
        res,
        socket: raw.socket,
        base,
        forward: () => forward(options.proxyTo, req, res),
        upstream: () => upstream(options.proxyTo, req),
      };
      const responder: Responder = chosen?.respond ?? ((c) => c.forward());
      Promise.resolve(responder(ctx)).catch(() => res.destroy());
    });
  };

  const server = options.tls
    ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, onRequest)
    : http.createServer(onRequest);
  server.on(options.tls ? 'secureConnection' : 'connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const self: FaultServer = {
    host: `127.0.0.1:${port}`,
    url: base,
    port,
    requests,
    connections: () => connections,
    hits: (name) => requests.filter((r) => r.rule === name),
    on(rule) {
      rules.push(rule);
      return self;
    },
    reset() {
      rules.length = 0;
      counts.clear();
      requests.length = 0;
      connections = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return self;
}

async function forward(
  target: string | undefined,
  req: FaultRequest,
  res: http.ServerResponse,
): Promise<void> {
  if (!target) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"errors":[{"code":"NOT_FOUND","message":"no rule matched"}]}');
    return;
  }
  // The Host header stays the proxy's, so the registry's Location headers point back through it.
  const headers = { ...req.headers };
  await new Promise<void>((resolve, reject) => {
    const out = http.request(new URL(req.url, target), { method: req.method, headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
      up.on('end', resolve);
      up.on('error', reject);
    });
    out.on('error', reject);
    out.end(req.body);
  });
}

async function upstream(target: string | undefined, req: FaultRequest): Promise<UpstreamAnswer> {
  if (!target) throw new Error('the fault server has no proxy target');
  // The Host header stays the proxy's, so the registry's Location headers point back through it.
  const headers = { ...req.headers };
  return new Promise<UpstreamAnswer>((resolve, reject) => {
    const out = http.request(new URL(req.url, target), { method: req.method, headers }, (up) => {
      const chunks: Buffer[] = [];
      up.on('data', (c: Buffer) => chunks.push(c));
      up.on('end', () =>
        resolve({ status: up.statusCode ?? 502, headers: up.headers, body: Buffer.concat(chunks) }),
      );
      up.on('error', reject);
    });
    out.on('error', reject);
    out.end(req.body);
  });
}

/** Ready-made answers; compose them in rules. */
export const respond = {
  /** A plain status with optional headers and body. */
  status(code: number, headers: http.OutgoingHttpHeaders = {}, body = ''): Responder {
    return ({ res }) => {
      res.writeHead(code, headers).end(body);
    };
  },
  /** JSON with a status. */
  json(code: number, value: unknown, headers: http.OutgoingHttpHeaders = {}): Responder {
    const text = JSON.stringify(value);
    return ({ res }) => {
      res.writeHead(code, { 'content-type': 'application/json', ...headers }).end(text);
    };
  },
  /** A 401 with a Bearer (or Basic) challenge naming any realm. */
  challenge(realm: string, params: Record<string, string> = {}, scheme = 'Bearer'): Responder {
    const attrs = Object.entries({ realm, ...params })
      .map(([k, v]) => `${k}="${v}"`)
      .join(',');
    return respond.json(
      401,
      { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] },
      { 'www-authenticate': `${scheme} ${attrs}` },
    );
  },
  /** A redirect; `location` may be a function of the request (e.g. to keep the path). */
  redirect(code: number, location: string | ((req: FaultRequest) => string)): Responder {
    return ({ req, res }) => {
      const where = typeof location === 'string' ? location : location(req);
      res.writeHead(code, { location: where, 'content-length': '0' }).end();
    };
  },
  /** 202 Accepted for a blob upload, with any Location. */
  uploadLocation(location: string): Responder {
    return ({ res }) => {
      res
        .writeHead(202, {
          location,
          'docker-upload-uuid': 'fault',
          range: '0-0',
          'content-length': '0',
        })
        .end();
    };
  },
  /** Headers at once, then the body one chunk every `intervalMs` (a registry that trickles). */
  trickle(
    body: Buffer | string,
    opts: { intervalMs: number; chunkBytes?: number; headers?: http.OutgoingHttpHeaders },
  ): Responder {
    const bytes = Buffer.from(body);
    const size = opts.chunkBytes ?? 1;
    return ({ res }) =>
      new Promise<void>((resolve) => {
        res.writeHead(200, { 'content-length': String(bytes.length), ...opts.headers });
        let offset = 0;
        const timer = setInterval(() => {
          if (res.destroyed || offset >= bytes.length) {
            clearInterval(timer);
            if (!res.destroyed) res.end();
            resolve();
            return;
          }
          res.write(bytes.subarray(offset, offset + size));
          offset += size;
        }, opts.intervalMs);
        res.on('close', () => {
          clearInterval(timer);
          resolve();
        });
      });
  },
  /** Resets the connection (TCP RST) without answering. */
  reset(): Responder {
    return ({ socket }) => {
      socket.resetAndDestroy();
    };
  },
  /** 429 with a Retry-After in seconds. */
  retryAfter(seconds: number): Responder {
    return respond.json(
      429,
      { errors: [{ code: 'TOOMANYREQUESTS', message: 'slow down' }] },
      { 'retry-after': String(seconds) },
    );
  },
  /** An HTML error page, as proxies and load balancers answer. */
  html(code: number, title = 'Bad Gateway'): Responder {
    return respond.status(
      code,
      { 'content-type': 'text/html' },
      `<html><head><title>${code} ${title}</title></head><body><h1>${title}</h1></body></html>`,
    );
  },
  /** The real answer's headers and its first `bytes` body bytes, then a TCP reset. */
  resetMidBody(bytes: number): Responder {
    return async (ctx) => {
      const up = await ctx.upstream();
      ctx.res.writeHead(up.status, up.headers);
      ctx.res.write(up.body.subarray(0, bytes), () =>
        setTimeout(() => ctx.socket.resetAndDestroy(), 20),
      );
    };
  },
  /** No answer for `ms` (default: until the client gives up), then the connection is closed. */
  stall(ms = 600_000): Responder {
    return ({ res, socket }) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          socket.destroy();
          resolve();
        }, ms);
        res.on('close', () => {
          clearTimeout(timer);
          resolve();
        });
      });
  },
  /** The real answer with its full Content-Length, but only `bytes` of the body, then the connection ends. */
  truncate(bytes: number): Responder {
    return async (ctx) => {
      const up = await ctx.upstream();
      ctx.res.writeHead(up.status, { ...up.headers, 'content-length': String(up.body.length) });
      ctx.res.write(up.body.subarray(0, bytes), () => ctx.socket.destroy());
    };
  },
  /** The real answer with every body byte changed (same length and headers): a digest that lies. */
  corrupt(): Responder {
    return async (ctx) => {
      const up = await ctx.upstream();
      const body = Buffer.from(up.body);
      for (let i = 0; i < body.length; i++) body[i] = body[i]! ^ 0x20;
      ctx.res.writeHead(up.status, up.headers).end(body);
    };
  },
  /** A 200 manifest of `bytes` bytes (padded JSON), bigger than any registry stores. */
  hugeManifest(mediaType: string, bytes = 4 * 1024 * 1024 + 1024): Responder {
    const head = `{"schemaVersion":2,"mediaType":"${mediaType}","manifests":[],"annotations":{"pad":"`;
    const body = Buffer.from(head + 'x'.repeat(bytes - head.length - 3) + '"}}');
    return ({ res }) => {
      res
        .writeHead(200, { 'content-type': mediaType, 'content-length': String(body.length) })
        .end(body);
    };
  },
  /** The request reaches the real registry (a PUT lands), then the connection drops unanswered. */
  dropAfterForward(): Responder {
    return async (ctx) => {
      await ctx.upstream();
      ctx.socket.resetAndDestroy();
    };
  },
};
