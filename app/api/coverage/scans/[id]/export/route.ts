import { z } from 'zod';

import {
  coverageFilterSchema,
  csvHeader,
  csvLines,
  getScan,
  scanIdParams,
  scanTotals,
} from '@/lib/coverage';
import { scanResources } from '@/lib/coverage/resources';
import { route } from '@/lib/http';
import { iterateCoverageRepos } from '@/lib/store';

export const dynamic = 'force-dynamic';

const query = coverageFilterSchema.extend({ format: z.enum(['csv', 'json']).default('csv') });

function stream(lines: Iterable<string>): ReadableStream<Uint8Array> {
  const it = lines[Symbol.iterator]();
  const enc = new TextEncoder();
  // Pulled a chunk at a time: a 2,000-repository export never sits whole in memory.
  return new ReadableStream({
    pull(controller) {
      let chunk = '';
      for (let i = 0; i < 100; i++) {
        const next = it.next();
        if (next.done) {
          if (chunk) controller.enqueue(enc.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value;
      }
      controller.enqueue(enc.encode(chunk));
    },
  });
}

/** GET /api/coverage/scans/[id]/export?format=csv|json&missing=&has=&only=&q= -> the filtered report as a download. */
export const GET = route(
  { params: scanIdParams, query, resources: scanResources('pull') },
  ({ params: { id }, query: { format, ...filter } }) => {
    const scan = getScan(id);
    const name = `coverage-${scan.registry.replace(/[^a-z0-9.-]/gi, '_')}-${id.slice(0, 8)}.${format}`;
    const headers = {
      'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json',
      'content-disposition': `attachment; filename="${name}"`,
    };
    if (format === 'csv') {
      const platforms = scanTotals(id).platforms.map((p) => p.platform);
      function* lines(): Generator<string> {
        yield `${csvHeader(platforms)}\r\n`;
        for (const repo of iterateCoverageRepos(id, filter))
          for (const line of csvLines(repo, platforms)) yield `${line}\r\n`;
      }
      return new Response(stream(lines()), { headers });
    }
    function* json(): Generator<string> {
      const { params: scanParams, registry, createdAt, finishedAt } = scan;
      yield `{"scan":${JSON.stringify({ id, registry, params: scanParams, createdAt, finishedAt })},"filter":${JSON.stringify(filter)},"repositories":[`;
      let first = true;
      for (const repo of iterateCoverageRepos(id, filter)) {
        yield `${first ? '' : ','}\n${JSON.stringify(repo)}`;
        first = false;
      }
      yield '\n]}\n';
    }
    return new Response(stream(json()), { headers });
  },
);
