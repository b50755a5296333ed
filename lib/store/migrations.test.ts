import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { migrate } from './migrations';

describe('migrate', () => {
  it('adds format_chosen to drafts, defaulting to chosen for drafts made before it, and runs once', () => {
    const db = new Database(':memory:');
    try {
      migrate(db);
      const version = db.pragma('user_version', { simple: true }) as number;
      expect(version).toBeGreaterThanOrEqual(2);
      db.prepare(
        `INSERT INTO drafts (id, name, content, created_at, updated_at) VALUES ('a', 'old', '{}', 'now', 'now')`,
      ).run();
      expect(db.prepare('SELECT format_chosen FROM drafts WHERE id = ?').get('a')).toEqual({
        format_chosen: 1,
      });
      migrate(db);
      expect(db.pragma('user_version', { simple: true })).toBe(version);
    } finally {
      db.close();
    }
  });

  it('leaves drafts and jobs from before owners without one (admins only) and stores both for new rows', () => {
    const db = new Database(':memory:');
    try {
      migrate(db);
      db.prepare(
        `INSERT INTO drafts (id, name, content, created_at, updated_at) VALUES ('old', 'old', '{}', 'now', 'now')`,
      ).run();
      expect(
        db.prepare('SELECT owner_id, owner_name, shared_with FROM drafts WHERE id = ?').get('old'),
      ).toEqual({ owner_id: null, owner_name: null, shared_with: null });
      db.prepare(
        `INSERT INTO jobs (id, kind, status, params, progress, created_at, updated_at)
         VALUES ('j', 'copy', 'failed', '{}', '{}', 'now', 'now')`,
      ).run();
      expect(db.prepare('SELECT resources FROM jobs WHERE id = ?').get('j')).toEqual({
        resources: null,
      });
    } finally {
      db.close();
    }
  });
});
