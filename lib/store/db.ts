import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';

import { getConfig } from '@/lib/config';

import { migrate } from './migrations';
import { guardConnection, toStoreError } from './store-error';

/** A better-sqlite3 connection (re-exported so callers need not import the driver). */
export type Db = Database.Database;

export const DB_FILE_NAME = 'manifold.db';

interface DbState {
  db: Db;
  file: string;
}

// One connection per process, kept on globalThis: Next bundles route handlers separately and
// reloads modules in dev, and every copy must share the connection (and the job runner).
const globalForDb = globalThis as unknown as { manifoldDb?: DbState };

/**
 * How long a write waits for another process's lock before it fails with STORE_BUSY. better-sqlite3
 * waits synchronously, on the event loop: a longer wait would stop the whole server from
 * answering (5 s froze every request), so a lock held elsewhere fails fast instead.
 */
export const BUSY_TIMEOUT_MS = 5;

/**
 * Returns a connection to `<dataDir>/manifold.db` (created with WAL journaling and the current
 * schema), and makes it the process-wide one that getDb() returns. Closes a connection to
 * another file first. Throws STORE_READ_ONLY, STORE_FULL, STORE_BUSY or STORE_CORRUPT when the
 * folder or file cannot be created, opened or brought up to date.
 */
export function openDb(dataDir: string): Db {
  const file = path.join(path.resolve(dataDir), DB_FILE_NAME);
  const current = globalForDb.manifoldDb;
  if (current?.file === file && current.db.open) return current.db;
  if (current) closeDb();
  let db: Db | undefined;
  try {
    prepareFiles(file);
    db = new Database(file);
    guardConnection(db, file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    keepPreparedStatements(db);
    migrate(db);
  } catch (err) {
    db?.close();
    throw toStoreError(err, file);
  }
  globalForDb.manifoldDb = { db, file };
  return db;
}

function prepareFiles(file: string): void {
  // The database holds sessions and the activity log: only the server's user may read it.
  const dir = path.dirname(file);
  if (fs.mkdirSync(dir, { recursive: true, mode: 0o700 }) !== undefined) fs.chmodSync(dir, 0o700);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    fs.closeSync(fs.openSync(f, 'a', 0o600));
    fs.chmodSync(f, 0o600);
  }
}

const MAX_KEPT_STATEMENTS = 500;

/**
 * Makes `db.prepare(sql)` return the statement it compiled for that SQL before (the oldest of 500
 * is let go). better-sqlite3 compiles on every call, and the store prepares the same SQL again
 * and again (a job writes its progress many times a second): that was 1.5 ms of CPU per push.
 * A statement is reusable as long as it is not iterated while iterated, which the store never does.
 */
export function keepPreparedStatements(db: Db): void {
  const prepare = db.prepare.bind(db);
  const kept = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let statement = kept.get(sql);
    if (!statement) {
      statement = prepare(sql);
      if (kept.size >= MAX_KEPT_STATEMENTS) kept.delete(kept.keys().next().value!);
      kept.set(sql, statement);
    }
    return statement;
  }) as Db['prepare'];
}

/** Returns the process-wide connection, opening `<getConfig().dataDir>/manifold.db` on first use; throws like openDb. */
export function getDb(): Db {
  const current = globalForDb.manifoldDb;
  if (current?.db.open) return current.db;
  return openDb(getConfig().dataDir);
}

/** Closes the process-wide connection (tests, shutdown); a later getDb() opens it again. Never throws. */
export function closeDb(): void {
  const current = globalForDb.manifoldDb;
  globalForDb.manifoldDb = undefined;
  if (current?.db.open) {
    try {
      current.db.close();
    } catch {
      // already closed or busy: nothing more to do
    }
  }
}

/** Returns the current time as an ISO 8601 string (the store's timestamp format). */
export function nowIso(): string {
  return new Date().toISOString();
}

/** Returns the JSON value stored in a TEXT column, or `fallback` when it is null or not JSON. */
export function parseJsonColumn<T>(text: string | null | undefined, fallback: T): T {
  if (text === null || text === undefined || text === '') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
