import { readFileSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';

import { describe, expect, it } from 'vitest';

import { sha256Digest } from '../hash';
import { parseManifest } from '../manifest';
import { createContentCache } from './content-cache';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const INDEX = readFileSync(
  path.join(import.meta.dirname, '..', 'testdata', 'manifests', 'postgres-17.11.oci-index.json'),
);

/** Returns the bytes the JS heap and array buffers hold after a full collection. */
function held(): number {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

describe('content cache', () => {
  it('holds no more memory than its ceiling, parsed manifests included', () => {
    const ceiling = 8 * 1024 * 1024;
    const repo = { registry: 'r.test', repository: 'library/postgres' };
    const before = held();
    const cache = createContentCache(ceiling);
    // 2000 distinct real-world indexes (10 KiB each, 20 MiB in all): far past the ceiling.
    for (let i = 0; i < 2000; i++) {
      const text = INDEX.toString('utf8').replace(/}\s*$/, `,"annotations":{"n":"${i}"}}`);
      const raw = new Uint8Array(Buffer.from(text));
      cache.setManifest(repo, sha256Digest(raw), { parsed: parseManifest(raw), headers: {} });
    }
    const grown = held() - before;
    expect(cache.getManifest(repo, sha256Digest(new Uint8Array(INDEX)))).toBeUndefined();
    // Manifests get half of the ceiling, blobs the other half; what the heap shows also holds the
    // test's own garbage and compiled code (up to ~0.5 MiB more, seen on a loaded machine), so the
    // bound is the whole ceiling. Counting bytes alone, the cache held 18 MB here.
    expect(grown).toBeLessThan(ceiling);
  });
});
