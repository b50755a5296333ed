import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { closeDb, getDb, openDb } from '@/lib/store';

import {
  countSignInAttempt,
  SIGN_IN_POLICY,
  signInKeys,
  signInSucceeded,
} from './sign-in-throttle';

let dir: string;
const T0 = 1_700_000_000_000;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifold-throttle-unit-'));
  openDb(dir);
});

beforeEach(() => {
  getDb().prepare('DELETE FROM sign_in_throttle').run();
});

afterAll(() => {
  closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Returns the code thrown by an attempt, or 'ok'. */
function attempt(name: string, address: string | undefined, now = T0): string {
  try {
    countSignInAttempt(signInKeys(name, address), now);
    return 'ok';
  } catch (err) {
    return (err as { code?: string }).code ?? 'thrown';
  }
}

describe('sign-in throttling policy', () => {
  it('stops one (name, address) after its limit, and only that pair', () => {
    for (let i = 0; i < SIGN_IN_POLICY.perPair; i++)
      expect(attempt('vera', '192.0.2.1')).toBe('ok');
    expect(attempt('vera', '192.0.2.1')).toBe('RATE_LIMITED');
    expect(attempt('vera', '192.0.2.2')).toBe('ok');
    expect(attempt('ed', '192.0.2.1')).toBe('ok');
    // The window ends.
    expect(attempt('vera', '192.0.2.1', T0 + SIGN_IN_POLICY.windowMs)).toBe('ok');
  });

  it('gives each address fewer tries for a name under attack, but a fresh address still some', () => {
    for (let a = 0; a < SIGN_IN_POLICY.perName / SIGN_IN_POLICY.perPair; a++)
      for (let i = 0; i < SIGN_IN_POLICY.perPair; i++) attempt('lou', `198.51.100.${a}`);
    for (let i = 0; i < SIGN_IN_POLICY.perPairUnderAttack; i++)
      expect(attempt('lou', '192.0.2.9')).toBe('ok');
    expect(attempt('lou', '192.0.2.9')).toBe('RATE_LIMITED');
    expect(attempt('lou', '192.0.2.10')).toBe('ok');
  });

  it('stops an address spraying many names, without a shared bucket when no address is known', () => {
    for (let i = 0; i < SIGN_IN_POLICY.perAddress; i++) attempt(`n${i}`, '203.0.113.9');
    expect(attempt('fresh', '203.0.113.9')).toBe('RATE_LIMITED');
    expect(attempt('fresh', '203.0.113.10')).toBe('ok');
    for (let i = 0; i < SIGN_IN_POLICY.perAddress + 5; i++) attempt(`m${i}`, undefined);
    expect(attempt('other', undefined)).toBe('ok');
  });

  it('clears the pair on success', () => {
    for (let i = 0; i < SIGN_IN_POLICY.perPair - 1; i++) attempt('kim', '192.0.2.3');
    signInSucceeded(signInKeys('kim', '192.0.2.3'));
    for (let i = 0; i < SIGN_IN_POLICY.perPair; i++) expect(attempt('kim', '192.0.2.3')).toBe('ok');
  });

  it('caps all attempts together', () => {
    for (let i = 0; i < SIGN_IN_POLICY.global.limit; i++)
      attempt(`u${i}`, `10.1.${i >> 8}.${i & 255}`);
    expect(attempt('anyone', '192.0.2.200')).toBe('RATE_LIMITED');
    expect(attempt('anyone', '192.0.2.200', T0 + SIGN_IN_POLICY.global.windowMs)).toBe('ok');
  });
});
