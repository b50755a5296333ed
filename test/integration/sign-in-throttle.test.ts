/**
 * Password sign-in throttling from the attacker's side, through the real sign-in route: it must
 * stop guessing without letting anyone lock out someone else (behind the same proxy, or a chosen
 * user from everywhere), survive a restart, and not tell known names from unknown ones by time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { callApi, configure } from '@/test/support/auth-app';

vi.mock('server-only', () => ({}));

const PASSWORD = 'correct horse battery staple';
const PROXY = '10.9.9.9';

let dataDir: string;
let file: string;
let withStrongHash: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifold-throttle-'));
  // Cost 12, as `npm run hash-password` makes them: timing differences show at real cost.
  const strong = await bcrypt.hash(PASSWORD, 12);
  const quick = await bcrypt.hash(PASSWORD, 4);
  const proxy = [
    '  proxy:',
    '    userHeader: X-Forwarded-User',
    `    trustedAddresses: [${PROXY}]`,
  ];
  const users = ['vera', 'ed', 'kim', 'lou', 'max'].map(
    (n) => `    - { name: ${n}, passwordHash: "${quick}" }`,
  );
  file = ['auth:', '  users:', ...users, ...proxy, ''].join('\n');
  const tim = `    - { name: tim, passwordHash: "${strong}" }`;
  withStrongHash = ['auth:', '  users:', tim, ...proxy, ''].join('\n');
});

afterAll(async () => {
  const { closeDb } = await import('@/lib/store');
  closeDb();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Signs in through the trusted proxy, from client `from` (what X-Forwarded-For names). */
async function attempt(name: string, from: string, password = 'wrong'): Promise<number> {
  const res = await callApi('POST', 'auth/sign-in', {
    peer: PROXY,
    headers: { 'x-forwarded-for': `${from}, ${PROXY}` },
    body: { name, password },
  });
  return res.status;
}

describe('password sign-in throttling', () => {
  it('ten wrong tries by one address do not lock out another user behind the same proxy', async () => {
    configure(dataDir, file);
    for (let i = 0; i < 10; i++) expect(await attempt('vera', '203.0.113.5')).toBe(401);
    expect(await attempt('vera', '203.0.113.5')).toBe(429);
    expect(await attempt('ed', '203.0.113.6', PASSWORD)).toBe(200);
    // Spraying many names from one address does not lock the others out either.
    for (let i = 0; i < 12; i++) await attempt(`nobody-${i}`, '203.0.113.7');
    expect(await attempt('kim', '203.0.113.8', PASSWORD)).toBe(200);
  });

  it('an attacker cannot lock a chosen user out from every address', async () => {
    configure(dataDir, file);
    for (let a = 1; a <= 5; a++)
      for (let i = 0; i < 10; i++) await attempt('lou', `198.51.100.${a}`);
    expect(await attempt('lou', '198.51.100.1')).toBe(429); // the guessing addresses stop
    expect(await attempt('lou', '192.0.2.44', PASSWORD)).toBe(200); // lou, from elsewhere, goes in
  });

  it('keeps its counters across a restart (they live in the store)', async () => {
    configure(dataDir, file);
    for (let i = 0; i < 10; i++) await attempt('max', '198.51.100.77');
    configure(dataDir, file);
    expect(await attempt('max', '198.51.100.77')).toBe(429);
  });

  it('answers unknown names as slowly as known ones (timing does not list the users)', async () => {
    configure(dataDir, withStrongHash);
    const time = async (name: string, from: string): Promise<number> => {
      const t0 = performance.now();
      expect(await attempt(name, from)).toBe(401);
      return performance.now() - t0;
    };
    await time('tim', '192.0.2.100'); // warm-up: the first answer of each kind pays for loading
    await time('nobody-warm', '192.0.2.101');
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i++) {
      known.push(await time('tim', `192.0.2.${110 + i}`));
      unknown.push(await time(`nobody-${i}-x`, `192.0.2.${120 + i}`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const [k, u] = [median(known), median(unknown)];
    expect(Math.max(k, u) / Math.min(k, u)).toBeLessThan(2);
  });
});
