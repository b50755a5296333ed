import { describe, expect, it } from 'vitest';

import { AppError } from '@/lib/errors';

import { createRequestGate } from './gate';

describe('createRequestGate', () => {
  it('never runs more than `concurrency` requests at once, and counts them', async () => {
    const gate = createRequestGate({ concurrency: 3 });
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        gate.run(async () => {
          peak = Math.max(peak, ++active);
          await new Promise((r) => setTimeout(r, 2));
          active--;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(gate.requests).toBe(20);
  });

  it('pauses every request after a 429 and sends the refused one again', async () => {
    const sleeps: number[] = [];
    const gate = createRequestGate({
      concurrency: 2,
      rateLimitPauseMs: 1000,
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
    });
    let calls = 0;
    const value = await gate.run(() => {
      calls++;
      if (calls < 3) throw new AppError('TOOMANYREQUESTS', 'slow down', { status: 429 });
      return Promise.resolve('ok');
    });
    expect(value).toBe('ok');
    expect(calls).toBe(3);
    expect(gate.requests).toBe(3);
    // The first pause, then a doubled one.
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThan(900);
    expect(sleeps[1]).toBeGreaterThan(1900);
  });

  it('gives up after the retries and does not retry other errors', async () => {
    const gate = createRequestGate({
      concurrency: 1,
      rateLimitRetries: 1,
      sleep: () => Promise.resolve(),
    });
    let calls = 0;
    await expect(
      gate.run(() => {
        calls++;
        throw new AppError('TOOMANYREQUESTS', 'no');
      }),
    ).rejects.toMatchObject({ code: 'TOOMANYREQUESTS' });
    expect(calls).toBe(2);
    await expect(
      gate.run(() => Promise.reject(new AppError('DENIED', 'no'))),
    ).rejects.toMatchObject({
      code: 'DENIED',
    });
  });

  it('refuses new requests once its signal is aborted', async () => {
    const controller = new AbortController();
    const gate = createRequestGate({ concurrency: 1, signal: controller.signal });
    controller.abort();
    await expect(gate.run(() => Promise.resolve(1))).rejects.toMatchObject({ code: 'ABORTED' });
    expect(gate.requests).toBe(0);
  });
});
