import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { keepPreparedStatements } from './db';

describe('keepPreparedStatements', () => {
  it('compiles each SQL once and the kept statement still answers with the current rows', () => {
    const db = new Database(':memory:');
    keepPreparedStatements(db);
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    expect(db.prepare('INSERT INTO t (v) VALUES (?)')).toBe(insert);
    insert.run('a');
    db.prepare('INSERT INTO t (v) VALUES (?)').run('b');
    const select = 'SELECT v FROM t ORDER BY id';
    expect(db.prepare(select).all()).toEqual([{ v: 'a' }, { v: 'b' }]);
    db.prepare('UPDATE t SET v = ? WHERE id = ?').run('c', 1);
    expect(db.prepare(select).all()).toEqual([{ v: 'c' }, { v: 'b' }]);
    expect(db.prepare('SELECT v FROM t WHERE id = 2')).not.toBe(db.prepare(select));
    db.close();
  });

  it('keeps working after the schema changes under a kept statement', () => {
    const db = new Database(':memory:');
    keepPreparedStatements(db);
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    db.prepare('INSERT INTO t (id) VALUES (?)').run(1);
    expect(db.prepare('SELECT * FROM t').all()).toEqual([{ id: 1 }]);
    db.exec('ALTER TABLE t ADD COLUMN v TEXT');
    expect(db.prepare('SELECT * FROM t').all()).toEqual([{ id: 1, v: null }]);
    db.close();
  });
});
