import { describe, expect, it } from 'vitest';

import { createHelperRuns } from './helper-runs';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('credential helper runs', () => {
  it('runs a helper once for many concurrent lookups of one server, then serves the cache', async () => {
    let clock = 0;
    const runs = createHelperRuns({ now: () => clock, ttlMs: 1000 });
    let calls = 0;
    const fn = async () => {
      calls++;
      await tick(5);
      return 'secret';
    };
    const all = await Promise.all(Array.from({ length: 20 }, () => runs.run('a', fn)));
    expect(all.every((v) => v === 'secret')).toBe(true);
    expect(calls).toBe(1);
    clock = 999;
    await runs.run('a', fn);
    expect(calls).toBe(1);
    clock = 1000;
    await runs.run('a', fn);
    expect(calls).toBe(2);
  });

  it('runs at most `concurrency` helpers at once', async () => {
    const runs = createHelperRuns({ concurrency: 2 });
    let active = 0;
    let peak = 0;
    const fn = async () => {
      active++;
      peak = Math.max(peak, active);
      await tick(10);
      active--;
      return 'x';
    };
    await Promise.all(Array.from({ length: 8 }, (_, i) => runs.run(`host-${i}`, fn)));
    expect(peak).toBe(2);
  });

  it('starts at most `perMinute` helpers a minute and answers undefined beyond', async () => {
    let clock = 0;
    const runs = createHelperRuns({ perMinute: 3, now: () => clock });
    let calls = 0;
    const fn = () => Promise.resolve(`v${++calls}`);
    const first = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((k) => runs.run(k, fn)));
    expect(first).toEqual(['v1', 'v2', 'v3', undefined, undefined]);
    expect(calls).toBe(3);
    clock = 60_000;
    expect(await runs.run('d', fn)).toBe('v4');
  });
});
