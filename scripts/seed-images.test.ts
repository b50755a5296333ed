import { describe, expect, it } from 'vitest';

import { sha256Digest } from '../lib/registry';
import { buildDemoPlan } from './seed-images';

describe('demo plan', () => {
  it('is byte-for-byte stable (golden digest; update only on purpose)', () => {
    const digests = (): Record<string, string> =>
      Object.fromEntries(
        buildDemoPlan().flatMap((r) =>
          r.tags.map((t) => [`${r.repository}:${t.tag}`, t.manifest.digest]),
        ),
      );
    const first = digests();
    expect(digests()).toEqual(first);
    expect(first['demo/shazam:latest']).toBe(
      'sha256:59e9f4c5501847dd19638b6fd6fb3971d40a9c11d8dd0df27e8d4aa6b379ed5c',
    );
  });

  it('describes consistent nodes: digests and sizes of bytes, one diff_id per layer', () => {
    const seen = new Set<string>();
    const visit = (
      node: ReturnType<typeof buildDemoPlan>[number]['tags'][number]['manifest'],
    ): void => {
      expect(node.digest).toBe(sha256Digest(node.bytes));
      expect(node.size).toBe(node.bytes.length);
      const body = JSON.parse(node.bytes.toString('utf8')) as {
        mediaType: string;
        layers?: unknown[];
      };
      expect(body.mediaType).toBe(node.mediaType);
      for (const blob of node.blobs) expect(blob.digest).toBe(sha256Digest(blob.bytes));
      const config = node.blobs[0];
      if (body.layers && config && config.mediaType !== 'application/vnd.oci.empty.v1+json') {
        const parsed = JSON.parse(config.bytes.toString('utf8')) as {
          rootfs: { diff_ids: string[] };
        };
        expect(parsed.rootfs.diff_ids).toHaveLength(body.layers.length);
      }
      seen.add(node.digest);
      node.children.forEach(visit);
    };
    for (const repo of buildDemoPlan()) for (const t of repo.tags) visit(t.manifest);
    expect(seen.size).toBeGreaterThan(20);
  });
});
