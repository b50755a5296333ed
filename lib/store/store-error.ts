import type Database from 'better-sqlite3';

import { AppError, isAppError } from '@/lib/errors';

export type StoreCode =
  'STORE_READ_ONLY' | 'STORE_FULL' | 'STORE_BUSY' | 'STORE_CORRUPT' | 'STORE_IN_USE';

// SQLite's primary result codes (an extended code such as SQLITE_READONLY_DBMOVED starts with
// its primary one) and the file-system errno of Node, each to the store failure it means.
const BY_PREFIX: [string, StoreCode][] = [
  ['SQLITE_READONLY', 'STORE_READ_ONLY'],
  ['SQLITE_CANTOPEN', 'STORE_READ_ONLY'],
  ['SQLITE_PERM', 'STORE_READ_ONLY'],
  ['SQLITE_FULL', 'STORE_FULL'],
  ['SQLITE_BUSY', 'STORE_BUSY'],
  ['SQLITE_LOCKED', 'STORE_BUSY'],
  ['SQLITE_CORRUPT', 'STORE_CORRUPT'],
  ['SQLITE_NOTADB', 'STORE_CORRUPT'],
  ['EROFS', 'STORE_READ_ONLY'],
  ['EACCES', 'STORE_READ_ONLY'],
  ['EPERM', 'STORE_READ_ONLY'],
  ['ENOSPC', 'STORE_FULL'],
  ['EDQUOT', 'STORE_FULL'],
];

const MESSAGES: Record<StoreCode, string> = {
  STORE_READ_ONLY: 'Manifold’s database is read-only: nothing can be saved right now.',
  STORE_FULL: 'The disk holding Manifold’s database is full: nothing can be saved right now.',
  STORE_BUSY: 'Manifold’s database is locked by another process: nothing could be saved.',
  STORE_CORRUPT: 'Manifold’s database file is damaged.',
  STORE_IN_USE: 'Another Manifold process is using this data folder.',
};

// A lock held elsewhere makes every write fail fast, and each is retried: one line per 10 s says so.
const BUSY_LOG_EVERY_MS = 10_000;
let busyLoggedAt = -Infinity;

// The browser reads the sentence; the file and SQLite's own words are for the server log.
function logStoreFailure(code: StoreCode, file: string, reason: string): void {
  if (code === 'STORE_BUSY') {
    if (Date.now() - busyLoggedAt < BUSY_LOG_EVERY_MS) return;
    busyLoggedAt = Date.now();
  }
  console.error(`Manifold store: ${code} on ${file}: ${reason}`);
}

/** Returns the store code a SQLite or file-system error stands for, or undefined for any other error. */
export function storeCodeOf(err: unknown): StoreCode | undefined {
  if (isAppError(err)) return err.code.startsWith('STORE_') ? (err.code as StoreCode) : undefined;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  return BY_PREFIX.find(([prefix]) => code === prefix || code.startsWith(`${prefix}_`))?.[1];
}

/**
 * Returns the AppError for a store failure: `err` itself when it is already an AppError, a
 * STORE_* AppError (with `err` as its cause) for a SQLite or file-system error that has one, else
 * `err` unchanged. Never throws.
 */
export function toStoreError(err: unknown, file: string): unknown {
  if (isAppError(err)) return err;
  const code = storeCodeOf(err);
  if (!code) return err;
  logStoreFailure(code, file, (err as Error).message);
  return new AppError(code, MESSAGES[code], { cause: err, retryable: code === 'STORE_BUSY' });
}

/** Returns `fn` wrapped so that a SQLite or file-system error it throws becomes a STORE_* AppError. */
export function guardStore<A extends unknown[], R>(fn: (...args: A) => R, file: string) {
  return (...args: A): R => {
    try {
      return fn(...args);
    } catch (err) {
      throw toStoreError(err, file);
    }
  };
}

// A row read while iterating can meet a damaged page too: the rows are guarded, not only the start.
function* guardRows<T>(rows: Iterable<T>, file: string): Generator<T> {
  try {
    yield* rows;
  } catch (err) {
    throw toStoreError(err, file);
  }
}

/**
 * Returns nothing; makes every way `db` touches its file (statements it prepares and their rows,
 * exec, pragma, transactions) throw STORE_* AppErrors instead of raw SqliteErrors: the one place
 * the driver's codes are mapped. Never throws itself.
 */
export function guardConnection(db: Database.Database, file: string): void {
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    let statement: Database.Statement;
    try {
      statement = prepare(sql);
    } catch (err) {
      throw toStoreError(err, file);
    }
    for (const method of ['run', 'get', 'all'] as const) {
      const original = statement[method].bind(statement);
      (statement as unknown as Record<string, unknown>)[method] = guardStore(original, file);
    }
    const iterate = guardStore(statement.iterate.bind(statement), file);
    statement.iterate = ((...args: unknown[]) =>
      guardRows(iterate(...args), file)) as typeof statement.iterate;
    return statement;
  }) as Database.Database['prepare'];
  db.exec = guardStore(db.exec.bind(db), file);
  db.pragma = guardStore(db.pragma.bind(db), file);
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn: (...args: unknown[]) => unknown) => {
    const tx = transaction(fn);
    const guarded = guardStore(tx, file) as unknown as typeof tx;
    for (const mode of ['deferred', 'immediate', 'exclusive'] as const) {
      guarded[mode] = guardStore((...args: unknown[]) => tx[mode](...args), file);
    }
    guarded.default = guarded;
    return guarded;
  }) as Database.Database['transaction'];
}
