import { gunzipSync } from 'node:zlib';

import { extract } from 'tar-stream';
import { describe, expect, it } from 'vitest';

import { buildLayer, crc32, createTar, gzipStored } from './seed-tar';

async function listTar(
  tar: Buffer,
): Promise<{ name: string; type: string; mode: number; mtime: number; body: string }[]> {
  const ex = extract();
  const out: { name: string; type: string; mode: number; mtime: number; body: string }[] = [];
  const done = new Promise<void>((resolve, reject) => {
    ex.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => {
        chunks.push(c as Buffer);
      });
      stream.on('end', () => {
        out.push({
          name: header.name,
          type: header.type ?? '',
          mode: header.mode ?? 0,
          mtime: header.mtime?.getTime() ?? -1,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        next();
      });
    });
    ex.on('finish', resolve);
    ex.on('error', reject);
  });
  ex.end(tar);
  await done;
  return out;
}

describe('seed-tar', () => {
  it('writes a ustar archive that tar-stream reads back, sorted, with mtime 0', async () => {
    const tar = createTar([
      { path: 'opt/app/run', type: 'file', content: '#!/bin/sh\n', mode: 0o755 },
      { path: 'opt/', type: 'dir' },
      { path: 'opt/app', type: 'dir' },
      { path: 'opt/app/link', type: 'symlink', linkname: 'run' },
    ]);
    expect(tar.length % 512).toBe(0);
    const entries = await listTar(tar);
    expect(entries.map((e) => [e.name, e.type])).toEqual([
      ['opt/', 'directory'],
      ['opt/app/', 'directory'],
      ['opt/app/link', 'symlink'],
      ['opt/app/run', 'file'],
    ]);
    expect(entries[3]).toMatchObject({ mode: 0o755, mtime: 0, body: '#!/bin/sh\n' });
  });

  it('writes gzip that zlib inflates, with a fixed header, for empty and multi-block input', () => {
    for (const size of [0, 10, 70_000, 200_000]) {
      const data = Buffer.alloc(size, 7);
      const gz = gzipStored(data);
      expect([...gz.subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
      expect(gunzipSync(gz).equals(data)).toBe(true);
    }
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('is deterministic', () => {
    const entries = [{ path: 'a.txt', type: 'file' as const, content: 'a' }];
    const one = buildLayer(entries);
    const two = buildLayer(entries);
    expect(one.digest).toBe(two.digest);
    expect(one.diffId).not.toBe(one.digest);
    expect(one.size).toBe(one.gz.length);
  });
});
