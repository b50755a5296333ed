import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';

import { httpStatusOf, isAppError, toPublicError } from '@/lib/errors';

import { guardConnection, storeCodeOf, toStoreError } from './store-error';

const sqlite = (code: string) => Object.assign(new Error(code), { name: 'SqliteError', code });

describe('storeCodeOf', () => {
  it.each([
    ['SQLITE_READONLY', 'STORE_READ_ONLY'],
    ['SQLITE_READONLY_DBMOVED', 'STORE_READ_ONLY'],
    ['SQLITE_READONLY_DIRECTORY', 'STORE_READ_ONLY'],
    ['SQLITE_CANTOPEN', 'STORE_READ_ONLY'],
    ['SQLITE_FULL', 'STORE_FULL'],
    ['SQLITE_BUSY', 'STORE_BUSY'],
    ['SQLITE_BUSY_SNAPSHOT', 'STORE_BUSY'],
    ['SQLITE_LOCKED', 'STORE_BUSY'],
    ['SQLITE_CORRUPT', 'STORE_CORRUPT'],
    ['SQLITE_CORRUPT_INDEX', 'STORE_CORRUPT'],
    ['SQLITE_NOTADB', 'STORE_CORRUPT'],
    ['EROFS', 'STORE_READ_ONLY'],
    ['EACCES', 'STORE_READ_ONLY'],
    ['ENOSPC', 'STORE_FULL'],
  ])('%s is %s', (code, expected) => {
    expect(storeCodeOf(sqlite(code))).toBe(expected);
  });

  it.each(['SQLITE_ERROR', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_BUSYNESS', 'ENOENT', undefined])(
    '%s is not a store failure',
    (code) => {
      expect(storeCodeOf(Object.assign(new Error('x'), { code }))).toBeUndefined();
    },
  );
});

describe('toStoreError', () => {
  it('gives each failure its status and hint, keeps SQLite words out of the public form', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const cases = [
      ['SQLITE_READONLY', 503, false],
      ['SQLITE_FULL', 503, false],
      ['SQLITE_BUSY', 503, true],
      ['SQLITE_CORRUPT', 500, false],
    ] as const;
    for (const [code, status, retryable] of cases) {
      const err = toStoreError(sqlite(code), '/data/manifold.db');
      expect(isAppError(err)).toBe(true);
      const pub = toPublicError(err);
      expect(pub.code).toMatch(/^STORE_/);
      expect(httpStatusOf(pub.code)).toBe(status);
      expect(pub.retryable).toBe(retryable);
      expect(pub.hint).toBeTruthy();
      expect(JSON.stringify(pub)).not.toContain('/data/manifold.db');
      expect(JSON.stringify(pub)).not.toContain(code);
    }
    vi.restoreAllMocks();
  });

  it('leaves other errors as they are', () => {
    const other = new TypeError('boom');
    expect(toStoreError(other, 'f')).toBe(other);
  });
});

describe('guardConnection', () => {
  it('maps what statements, exec, pragma and transactions throw', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const db = new Database(':memory:');
    guardConnection(db, ':memory:');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    db.pragma('max_page_count = 2');
    const codeOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return isAppError(err) ? err.code : String(err);
      }
      return 'no error';
    };
    const rows = (from: number) =>
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
       INSERT INTO t (id) SELECT i + ${from} FROM n`;
    const big = () => db.exec(rows(0));
    expect(codeOf(big)).toBe('STORE_FULL');
    expect(codeOf(() => db.prepare(rows(200_000)).run())).toBe('STORE_FULL');
    expect(codeOf(() => db.transaction(big)())).toBe('STORE_FULL');
    expect(codeOf(() => db.transaction(big).immediate())).toBe('STORE_FULL');
    expect(codeOf(() => db.prepare('SELECT * FROM missing'))).toContain('no such table');
    db.close();
    vi.restoreAllMocks();
  });
});

describe('guardConnection while rows are read', () => {
  it('maps a damaged page met in the middle of an iteration', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'manifold-store-error-'));
    try {
      const file = path.join(dir, 'rows.db');
      const setup = new Database(file);
      setup.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
      const insert = setup.prepare('INSERT INTO t (v) VALUES (?)');
      for (let i = 0; i < 200; i++) insert.run('z'.repeat(500));
      setup.close();
      // The last page holds the last rows: the iteration starts well and meets it late.
      const pageSize = readFileSync(file).readUInt16BE(16);
      const pages = statSync(file).size / pageSize;
      const fd = openSync(file, 'r+');
      writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, (pages - 1) * pageSize);
      closeSync(fd);
      const db = new Database(file);
      guardConnection(db, file);
      const seen: unknown[] = [];
      let code: string | undefined;
      try {
        for (const row of db.prepare('SELECT id FROM t ORDER BY id').iterate()) seen.push(row);
      } catch (err) {
        code = isAppError(err) ? err.code : String(err);
      }
      expect(seen.length).toBeGreaterThan(0);
      expect(code).toBe('STORE_CORRUPT');
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      vi.restoreAllMocks();
    }
  });
});
