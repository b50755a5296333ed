/**
 * A scripted hostile registry on 127.0.0.1: its catalog and every repository's tag list never
 * end (each page links another), and each page mixes valid names with names outside the
 * distribution grammar (a path climbing out of a link, a spreadsheet formula). Manifests are
 * unknown. Used to show that listings stop at their caps and that such names never reach a page.
 */
import { startTestServer, type TestServer } from './local-http-server';

/** Names a hostile registry slips into its pages. */
export const HOSTILE_TAG = 'x/../../sign-in?next=//evil';
export const HOSTILE_REPOSITORY = '=HYPERLINK("http://evil.example","open")';

export interface HostileRegistry {
  host: string;
  url: string;
  /** Requests per kind since start. */
  counts: { catalog: number; tags: number; other: number };
  close(): Promise<void>;
}

export interface HostileOptions {
  /** Characters of each valid tag name (longer names weigh more per page; at most 128). */
  tagLength?: number;
}

function pageOf(url: URL): { n: number; last: number } {
  const n = Math.min(Math.max(Number(url.searchParams.get('n')) || 100, 1), 1000);
  return { n, last: Number(url.searchParams.get('last')) || 0 };
}

function nextLink(path: string, n: number, last: number): string {
  return `<${path}?n=${n}&last=${last + n}>; rel="next"`;
}

/** Returns a started hostile registry; call `close()` when done. */
export async function startHostileRegistry(opts: HostileOptions = {}): Promise<HostileRegistry> {
  const server: TestServer = await startTestServer();
  const counts = { catalog: 0, tags: 0, other: 0 };
  const tagLength = Math.min(opts.tagLength ?? 16, 128);
  server.handle((req, res) => {
    const url = new URL(req.url, server.url);
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      res
        .writeHead(status, { 'content-type': 'application/json', ...headers })
        .end(JSON.stringify(body));
    if (url.pathname === '/v2/' || url.pathname === '/v2') return json(200, {});
    if (url.pathname === '/v2/_catalog') {
      counts.catalog++;
      const { n, last } = pageOf(url);
      const repositories = Array.from({ length: n }, (_, i) => `endless/r${last + i + 1}`);
      repositories.push(HOSTILE_REPOSITORY, '../escape');
      return json(200, { repositories }, { link: nextLink('/v2/_catalog', n, last) });
    }
    const tags = /^\/v2\/(.+)\/tags\/list$/.exec(url.pathname);
    if (tags) {
      counts.tags++;
      const { n, last } = pageOf(url);
      const names = Array.from({ length: n }, (_, i) => `t${last + i + 1}-`.padEnd(tagLength, 'x'));
      names.push(HOSTILE_TAG);
      return json(200, { name: tags[1], tags: names }, { link: nextLink(url.pathname, n, last) });
    }
    counts.other++;
    return json(404, { errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] });
  });
  return { host: server.host, url: server.url, counts, close: () => server.close() };
}
