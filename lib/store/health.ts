import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import Database from 'better-sqlite3';

import { AppError, isAppError } from '@/lib/errors';

import { closeDb, DB_FILE_NAME, openDb, type Db } from './db';
import { storeCodeOf, toStoreError, type StoreCode } from './store-error';

/** The file whose lock says which process serves a data folder (never delete it while one runs). */
export const LOCK_FILE_NAME = 'manifold.lock';

/** Below this much free space a start is refused: SQLite needs room for its journal and pages. */
export const MIN_FREE_BYTES = 1024 * 1024;

const WHAT: Record<StoreCode, string> = {
  STORE_READ_ONLY: 'cannot be written',
  STORE_FULL: 'is on a full disk',
  STORE_BUSY: 'is locked by another process',
  STORE_CORRUPT: 'is damaged',
  STORE_IN_USE: 'is in use by another Manifold process',
};

// What the operator reads when the server refuses to start: the file, the cause, SQLite's words.
function refusal(err: unknown, file: string, noun = 'The database'): unknown {
  const mapped = toStoreError(err, file);
  const code = storeCodeOf(mapped);
  if (!code) return err;
  const cause = isAppError(mapped) ? mapped.cause : err;
  const because = cause instanceof Error ? cause.message : '';
  return new AppError(code, `${noun} ${file} ${WHAT[code]}${because ? ` (${because})` : ''}.`, {
    cause: err,
  });
}

const globalForLock = globalThis as unknown as { manifoldDataLock?: { file: string; db: Db } };

/**
 * Claims the data folder for this process, for as long as it lives: an exclusive SQLite lock on
 * `<dir>/manifold.lock`, which the kernel drops when the process ends, even by kill -9, so a
 * crash never blocks a restart. Returns nothing; throws STORE_IN_USE while another process
 * holds it, another STORE_* code when the file cannot be made.
 */
export function claimDataDir(dir: string): void {
  const file = path.join(path.resolve(dir), LOCK_FILE_NAME);
  const held = globalForLock.manifoldDataLock;
  if (held?.file === file && held.db.open) return;
  let lock: Db;
  try {
    lock = lockFile(file);
  } catch (err) {
    const code = storeCodeOf(err);
    if (code === 'STORE_BUSY') {
      throw new AppError(
        'STORE_IN_USE',
        `The data folder ${path.dirname(file)} is in use by another Manifold process (it holds ${file}).`,
        { cause: err },
      );
    }
    if (code !== 'STORE_CORRUPT') throw refusal(err, file, 'The lock file');
    // Nobody holds it (that would be BUSY) and it holds nothing of value: make it anew.
    try {
      for (const f of [file, `${file}-journal`]) fs.rmSync(f, { force: true });
      lock = lockFile(file);
    } catch (again) {
      throw refusal(again, file, 'The lock file');
    }
  }
  globalForLock.manifoldDataLock = { file, db: lock };
}

function lockFile(file: string): Db {
  const lock = new Database(file);
  try {
    lock.pragma('busy_timeout = 0');
    // The first write takes the exclusive lock; this mode keeps it until the connection closes.
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER, host TEXT, started_at TEXT)');
    lock.exec('BEGIN EXCLUSIVE');
    lock.exec('DELETE FROM holder');
    lock
      .prepare('INSERT INTO holder VALUES (?, ?, ?)')
      .run(process.pid, os.hostname(), new Date().toISOString());
    lock.exec('COMMIT');
    return lock;
  } catch (err) {
    lock.close();
    throw err;
  }
}

/** Lets the data folder go (tests); a later claimDataDir() takes it again. Never throws. */
export function releaseDataDir(): void {
  const held = globalForLock.manifoldDataLock;
  globalForLock.manifoldDataLock = undefined;
  if (held?.db.open) held.db.close();
}

function checkWritable(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // access() says yes to root on a read-only mount; writing a file is the test that cannot lie.
  const probe = path.join(dir, `.write-check-${process.pid}`);
  try {
    fs.writeFileSync(probe, 'manifold', { flag: 'w', mode: 0o600 });
  } finally {
    fs.rmSync(probe, { force: true });
  }
  const { bavail, bsize } = fs.statfsSync(dir);
  if (bavail * bsize < MIN_FREE_BYTES) {
    throw Object.assign(new Error(`${bavail * bsize} bytes free, fewer than ${MIN_FREE_BYTES}`), {
      code: 'ENOSPC',
    });
  }
}

// A write lock held by another process (a backup, a sqlite3 shell) may be brief: wait for it
// without blocking the event loop, then give up with STORE_BUSY.
async function checkWritableDb(db: Db, waitMs: number): Promise<void> {
  const until = Date.now() + waitMs;
  for (let delay = 10; ; delay = Math.min(delay * 2, 250)) {
    try {
      db.exec('BEGIN IMMEDIATE');
      db.exec('ROLLBACK');
      return;
    } catch (err) {
      if (storeCodeOf(err) !== 'STORE_BUSY' || Date.now() + delay > until) throw err;
    }
    await sleep(delay);
  }
}

/**
 * Returns the process-wide connection after the checks a server start needs: the data folder is
 * writable with space left, no other process serves it (claimDataDir), the database opens,
 * `PRAGMA quick_check` finds it whole and a write lock can be had within `lockWaitMs`. Throws a
 * STORE_* AppError whose message names the file and the cause.
 */
export async function openStoreAtStart(dataDir: string, lockWaitMs = 2000): Promise<Db> {
  const dir = path.resolve(dataDir);
  const file = path.join(dir, DB_FILE_NAME);
  try {
    checkWritable(dir);
  } catch (err) {
    throw refusal(err, dir, 'The data folder');
  }
  claimDataDir(dir);
  try {
    const db = openDb(dir);
    const problems = (db.pragma('quick_check', { simple: false }) as Record<string, string>[])
      .map((row) => Object.values(row)[0])
      .filter((line) => line !== 'ok');
    if (problems.length > 0) {
      throw Object.assign(new Error(problems.slice(0, 3).join('; ')), { code: 'SQLITE_CORRUPT' });
    }
    await checkWritableDb(db, lockWaitMs);
    return db;
  } catch (err) {
    closeDb();
    releaseDataDir();
    throw refusal(err, file);
  }
}
