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
});
