import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { migrate, versionBefore } from './migrations';

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

  it('gives old tokens their owner id with its sign-in method, revokes OIDC ones, and ends old sessions', () => {
    const db = new Database(':memory:');
    try {
      migrate(db, versionBefore('CREATE TABLE identities'));
      const token = db.prepare(
        `INSERT INTO tokens (id, secret_hash, name, user_name, via, role, created_at)
         VALUES (?, ?, 't', ?, ?, 'viewer', 'then')`,
      );
      token.run('a', 'ha', 'alice', 'password');
      token.run('b', 'hb', 'alice', 'oidc');
      token.run('c', 'hc', 'bob', 'proxy');
      db.prepare(
        `INSERT INTO sessions (id_hash, user_name, via, created_at, expires_at) VALUES ('s', 'alice', 'oidc', 'then', '9999')`,
      ).run();
      migrate(db);
      expect(
        db
          .prepare('SELECT id, owner_id, revoked_at IS NOT NULL AS revoked FROM tokens ORDER BY id')
          .all(),
      ).toEqual([
        { id: 'a', owner_id: 'local:alice', revoked: 0 },
        { id: 'b', owner_id: '', revoked: 1 },
        { id: 'c', owner_id: 'proxy:bob', revoked: 0 },
      ]);
      expect(db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 0 });
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
