/**
 * Real store failures for tests: a small file system mounted for one test (fill it, make it
 * read-only), another process holding a lock on a SQLite file, a damaged page. Mounting needs
 * root, as the test machines run.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const HOLDER = path.join(import.meta.dirname, 'hold-store.ts');

export interface SmallFs {
  /** The mount point (empty at first). */
  dir: string;
  /** Writes a file of zeros until the file system has no block left; returns its path. */
  fill(): string;
  /** Remounts it read-only, as a failed disk or a read-only volume mount does. */
  readOnly(): void;
  /** Unmounts (lazily, so a connection left open cannot keep it) and removes the mount point. */
  unmount(): void;
}

/** Returns a tmpfs of `bytes` mounted on a new folder under the OS temp folder; throws without root. */
export function mountSmallFs(bytes: number): SmallFs {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifold-smallfs-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0700`, 'tmpfs', dir]);
  return {
    dir,
    fill() {
      const filler = path.join(dir, 'filler');
      const fd = fs.openSync(filler, 'a');
      const chunk = Buffer.alloc(4096);
      try {
        for (;;) fs.writeSync(fd, chunk);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
      } finally {
        fs.closeSync(fd);
      }
      return filler;
    },
    readOnly() {
      execFileSync('mount', ['-o', 'remount,ro', dir]);
    },
    unmount() {
      execFileSync('umount', ['-l', dir]);
      fs.rmdirSync(dir);
    },
  };
}

/** A child process holding a lock until it is stopped or killed. */
export interface Holder {
  pid: number;
  /** SIGKILL, as a crash does; resolves once the process is gone. */
  kill9(): Promise<void>;
  /** Resolves when the process has ended by itself. */
  exited: Promise<void>;
}

/**
 * Returns a started child process (node --import tsx test/support/hold-store.ts) once it holds its lock:
 * `['claim', dataDir]` claims a data folder as a Manifold server does; `['write-lock', dbFile,
 * ms]` holds SQLite's write lock on a database (BEGIN EXCLUSIVE) for `ms` then lets go.
 */
export async function holdInChild(args: string[]): Promise<Holder> {
  // tsx as a loader of this very process (its CLI would fork another, which kill -9 would miss).
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', HOLDER, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('held')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    void exited.then(() => reject(new Error(`hold-store exited before it held the lock:\n${out}`)));
  });
  return {
    pid: child.pid!,
    exited,
    kill9: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Returns a copy of a database (and its journal files) in a new temp folder, to read what a locked-down folder holds. */
export function copyDb(file: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifold-copy-'));
  for (const suffix of ['', '-wal']) {
    if (fs.existsSync(file + suffix))
      fs.copyFileSync(file + suffix, path.join(dir, path.basename(file) + suffix));
  }
  return path.join(dir, path.basename(file));
}

/** Overwrites the first bytes of page `page` (1-based) of a SQLite file with garbage. */
export function damagePage(file: string, page: number): void {
  const pageSize = fs.readFileSync(file).readUInt16BE(16);
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, (page - 1) * pageSize);
  } finally {
    fs.closeSync(fd);
  }
}
