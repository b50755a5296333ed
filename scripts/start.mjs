// `npm start`: serves the production build on 127.0.0.1 (one person on their own machine) unless
// told another address with -H/--hostname or HOSTNAME. Manifold itself refuses to listen on any
// other address without sign-in configured (instrumentation-node.ts prints which setting).
// Each request is stamped with the address it came from (x-manifold-peer), which only this
// server can know: a trusted reverse proxy is recognised by it.
import http from 'node:http';

process.env.NEXT_TELEMETRY_DISABLED = '1';

/** Returns the value after a flag (`-p 3000`, `--port=3000`), or undefined. */
function flag(args, short, long) {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === short || a === long) return args[i + 1];
    if (a.startsWith(`${long}=`)) return a.slice(long.length + 1);
  }
  return undefined;
}

const args = process.argv.slice(2);
const hostname = flag(args, '-H', '--hostname') ?? process.env.HOSTNAME ?? '127.0.0.1';
const port = Number(flag(args, '-p', '--port') ?? process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Manifold cannot start. The port ${JSON.stringify(port)} is not a port number.`);
  process.exit(1);
}
process.env.MANIFOLD_LISTEN_HOST = hostname;
process.env.MANIFOLD_PEER_HEADER = '1';

const { default: next } = await import('next');
const app = next({ dev: false, hostname, port, dir: process.cwd() });
const handle = app.getRequestHandler();
await app.prepare(); // runs instrumentation: a bad or unsafe configuration exits here

const server = http.createServer((req, res) => {
  // Only this server says where a request came from; a client's own claim is dropped.
  req.headers['x-manifold-peer'] = req.socket.remoteAddress ?? '';
  delete req.headers['x-manifold-tls'];
  void handle(req, res);
});
server.on('error', (err) => {
  console.error(`Manifold cannot listen on ${hostname}:${port}: ${err.message}`);
  process.exit(1);
});
server.listen(port, hostname, () => {
  const shown = hostname.includes(':') ? `[${hostname}]` : hostname;
  console.log(`Manifold: http://${shown}:${port}`);
});
// SIGTERM and SIGINT are Manifold's own (lib/ops-start.ts, run by instrumentation): readiness turns
// 503 while this server keeps answering, jobs drain, and the process exits within the bound.
