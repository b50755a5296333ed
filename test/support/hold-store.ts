/**
 * A second process for store tests (see holdInChild in store-faults.ts). Prints "held" once its
 * lock is taken.
 *   tsx test/support/hold-store.ts claim <dataDir>          claims the folder until killed
 *   tsx test/support/hold-store.ts write-lock <dbFile> <ms>  holds the write lock for ms
 */
import Database from 'better-sqlite3';

const [mode, target, ms] = process.argv.slice(2);
if (!target) throw new Error('usage: hold-store.ts claim|write-lock <path> [ms]');

if (mode === 'claim') {
  // Loaded only here: the write-lock mode needs nothing of Manifold's.
  void import('@/lib/store/health').then(({ claimDataDir }) => {
    claimDataDir(target);
    console.log('held');
    setInterval(() => undefined, 60_000);
  });
} else {
  const db = new Database(target);
  db.exec('BEGIN EXCLUSIVE');
  console.log('held');
  setTimeout(
    () => {
      db.exec('COMMIT');
      db.close();
    },
    Number(ms ?? 3000),
  );
}
