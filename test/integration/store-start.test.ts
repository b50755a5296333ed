/**
 * A server start on a data folder it cannot use is refused with the file and the cause, and
 * nothing stored before is touched: a read-only or full file system (a real small tmpfs), a
 * damaged header, a damaged page in the middle, a write lock or a Manifold server in another
 * process, and a server killed with kill -9 whose folder must start again.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { hintFor, isAppError } from '@/lib/errors';
import {
  closeDb,
  DB_FILE_NAME,
  findSession,
  insertSession,
  LOCK_FILE_NAME,
  openDb,
  openStoreAtStart,
  releaseDataDir,
} from '@/lib/store';
import {
  copyDb,
  damagePage,
  holdInChild,
  mountSmallFs,
  type Holder,
} from '@/test/support/store-faults';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  try {
    closeDb();
    releaseDataDir();
  } finally {
    // Mounts outlive a failed test: they are always let go.
    for (const clean of cleanups.splice(0).reverse()) await clean();
  }
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifold-store-start-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const session = {
  userName: 'ada',
  groups: ['ops'],
  via: 'password' as const,
  expiresAt: '2999-01-01T00:00:00.000Z',
};

/** Stores sessions `kept-0` .. `kept-(n-1)` in `dir`'s database and closes it (checkpointed). */
function storeSessions(dir: string, n = 1): string {
  openDb(dir);
  for (let i = 0; i < n; i++)
    insertSession(`kept-${i}`, {
      ...session,
      principalId: `local:user-${i}`,
      userName: `user-${i}-${'x'.repeat(200)}`,
    });
  closeDb();
  return path.join(dir, DB_FILE_NAME);
}

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function refusalOf(dir: string, lockWaitMs?: number) {
  const err: unknown = await openStoreAtStart(dir, lockWaitMs).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isAppError(err)) throw new Error(`expected a refusal, got ${String(err)}`);
  return err;
}

describe('a server start refuses a data folder it cannot use', () => {
  it('starts on a healthy folder and the stored rows are there', async () => {
    const dir = tempDir();
    storeSessions(dir);
    await openStoreAtStart(dir);
    expect(findSession('kept-0')?.groups).toEqual(['ops']);
  });

  it('refuses a read-only file system, naming the folder, and what was stored stays readable', async () => {
    const small = mountSmallFs(4 * 1024 * 1024);
    cleanups.push(() => small.unmount());
    const dir = path.join(small.dir, 'data');
    const file = storeSessions(dir);
    small.readOnly();
    const err = await refusalOf(dir);
    expect(err.code).toBe('STORE_READ_ONLY');
    expect(err.message).toContain(dir);
    expect(err.message).toMatch(/cannot be written \(.*read-only file system/);
    const copy = copyDb(file);
    cleanups.push(() => fs.rmSync(path.dirname(copy), { recursive: true, force: true }));
    const db = new Database(copy, { readonly: true });
    expect(db.prepare('SELECT user_name FROM sessions').all()).toHaveLength(1);
    db.close();
  });

  it('refuses a full disk, and after space is freed everything stored before is there', async () => {
    const small = mountSmallFs(4 * 1024 * 1024);
    cleanups.push(() => small.unmount());
    const dir = path.join(small.dir, 'data');
    storeSessions(dir, 20);
    const filler = small.fill();
    const err = await refusalOf(dir);
    expect(err.code).toBe('STORE_FULL');
    expect(err.message).toContain(dir);
    expect(err.message).toContain('is on a full disk');
    fs.rmSync(filler);
    await openStoreAtStart(dir);
    expect(findSession('kept-19')).toBeDefined();
  });

  it('refuses a file whose header is damaged, naming it, and leaves its bytes as they were', async () => {
    const dir = tempDir();
    const file = storeSessions(dir);
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.from('not a database!!'), 0, 16, 0);
    fs.closeSync(fd);
    const before = sha256(file);
    const err = await refusalOf(dir);
    expect(err.code).toBe('STORE_CORRUPT');
    expect(err.message).toContain(file);
    expect(err.message).toContain('is damaged');
    expect(sha256(file)).toBe(before);
  });

  it('refuses a file with one damaged page in the middle (quick_check), and leaves it as it was', async () => {
    const dir = tempDir();
    const file = storeSessions(dir, 300);
    const pageSize = fs.readFileSync(file).readUInt16BE(16);
    const pages = fs.statSync(file).size / pageSize;
    expect(pages).toBeGreaterThan(10);
    damagePage(file, Math.floor(pages / 2));
    // Opening it and reading its schema still works: only a check of every page finds the damage.
    openDb(dir);
    closeDb();
    const before = sha256(file);
    const err = await refusalOf(dir);
    expect(err.code).toBe('STORE_CORRUPT');
    expect(err.message).toContain(file);
    expect(sha256(file)).toBe(before);
  });

  it('refuses a database another process holds the write lock of, without blocking the event loop', async () => {
    const dir = tempDir();
    const file = storeSessions(dir);
    const holder = await holdInChild(['write-lock', file, '20000']);
    cleanups.push(() => holder.kill9());
    let lag = 0;
    let last = Date.now();
    const probe = setInterval(() => {
      lag = Math.max(lag, Date.now() - last);
      last = Date.now();
    }, 5);
    const err = await refusalOf(dir, 500).finally(() => clearInterval(probe));
    expect(err.code).toBe('STORE_BUSY');
    expect(err.message).toContain(file);
    expect(err.message).toContain('is locked by another process');
    expect(lag).toBeLessThan(100);
  });
});

describe('one server per SQLite data folder', () => {
  let holder: Holder | undefined;
  afterEach(async () => {
    await holder?.kill9();
    holder = undefined;
  });

  it('refuses a second server on the folder and points to PostgreSQL for replicas', async () => {
    const dir = tempDir();
    storeSessions(dir);
    holder = await holdInChild(['claim', dir]);
    const err = await refusalOf(dir);
    expect(err.code).toBe('STORE_IN_USE');
    expect(err.message).toContain(dir);
    expect(hintFor(err.code)).toContain('MANIFOLD_DATABASE_URL');
    expect(hintFor(err.code)).toContain('PostgreSQL');
  });

  it('makes a damaged lock file anew instead of refusing: it holds nothing of value', async () => {
    const dir = tempDir();
    storeSessions(dir);
    fs.writeFileSync(path.join(dir, LOCK_FILE_NAME), Buffer.alloc(4096, 0x42));
    await openStoreAtStart(dir);
    expect(findSession('kept-0')).toBeDefined();
    holder = await holdInChild(['claim', dir]).catch((err: Error) => {
      expect(err.message).toContain('in use by another Manifold process');
      return undefined;
    });
    expect(holder).toBeUndefined();
  });

  it('starts again at once after the server holding the folder was killed with kill -9', async () => {
    const dir = tempDir();
    storeSessions(dir);
    holder = await holdInChild(['claim', dir]);
    expect((await refusalOf(dir)).code).toBe('STORE_IN_USE');
    await holder.kill9();
    holder = undefined;
    await openStoreAtStart(dir);
    expect(findSession('kept-0')).toBeDefined();
  });
});

describe('the server start (instrumentation)', () => {
  it('prints what is wrong with the database and its hint, and exits with status 1', async () => {
    const dir = tempDir();
    const file = storeSessions(dir);
    fs.writeFileSync(file, Buffer.alloc(8192, 0x42));
    // lib/config reads the environment once, on first use: nothing before this test used it.
    process.env.MANIFOLD_REGISTRIES = '127.0.0.1:5999';
    process.env.MANIFOLD_DATA_DIR = dir;
    process.env.MANIFOLD_DOCKER_CREDENTIALS = 'false';
    const printed: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      printed.push(args.map(String).join(' '));
    });
    vi.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`exit ${String(code)}`);
    });
    const { startNode } = await import('@/instrumentation-node');
    await expect(startNode()).rejects.toThrow('exit 1');
    const refusal = printed.find((line) => line.startsWith('Manifold cannot start.'));
    expect(refusal).toContain(`The database ${file} is damaged`);
    expect(refusal).toContain('restore manifold.db from a backup');
    vi.restoreAllMocks();
  });
});
