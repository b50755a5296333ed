import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { AppError } from '@/lib/errors';
import type { JobProgress } from '@/lib/store';

import { createProgressReporter, MAX_PERSIST_RETRIES } from './progress';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

const step = (id: string, status: 'running' | 'done', parent?: string) => ({
  id,
  label: id,
  status,
  ...(parent ? { parent } : {}),
});

describe('progress reporter batching', () => {
  it('writes a top-level step change this turn, sub-step changes at most every 50 ms, the latest each time', async () => {
    const writes: JobProgress[] = [];
    const r = createProgressReporter({ steps: [] }, (p) => writes.push(structuredClone(p)));
    r.upsertStep(step('a', 'running'));
    await vi.advanceTimersByTimeAsync(0);
    expect(writes).toHaveLength(1);

    // A wave of work: twelve blobs under step a finishing a millisecond apart, each in its own turn.
    for (let i = 0; i < 12; i++) {
      r.upsertStep(step(`blob${i}`, 'done', 'a'));
      await vi.advanceTimersByTimeAsync(1);
    }
    expect(writes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(50);
    expect(writes).toHaveLength(2);
    expect(writes[1]!.steps).toHaveLength(13);

    // Nothing pending: no write without a change.
    await vi.advanceTimersByTimeAsync(500);
    expect(writes).toHaveLength(2);

    // The step they belong to ending is written this very turn, even right after a write: a crash
    // (kill -9) a moment later still finds it done.
    r.upsertStep(step('blob12', 'done', 'a'));
    await vi.advanceTimersByTimeAsync(0);
    r.upsertStep(step('a', 'done'));
    await vi.advanceTimersByTimeAsync(0);
    expect(writes.at(-1)!.steps.find((st) => st.id === 'a')?.status).toBe('done');
  });

  it('a sub-step change after a byte count is written within 50 ms, not 250', async () => {
    const writes: JobProgress[] = [];
    const r = createProgressReporter({ steps: [] }, (p) => writes.push(structuredClone(p)));
    r.setSteps([step('a', 'running'), { ...step('b', 'running', 'a'), bytesDone: 0 }]);
    await vi.advanceTimersByTimeAsync(0);
    r.updateStep('b', { bytesDone: 5 });
    r.updateStep('b', { status: 'done' });
    await vi.advanceTimersByTimeAsync(60);
    expect(writes).toHaveLength(2);
    expect(writes[1]!.steps[1]).toMatchObject({ status: 'done', bytesDone: 5 });
  });

  it('writes byte counters at most every 250 ms, and flush() writes what is pending at once', async () => {
    const writes: JobProgress[] = [];
    const r = createProgressReporter({ steps: [] }, (p) => writes.push(structuredClone(p)));
    r.setSteps([{ id: 'a', label: 'a', status: 'running', bytesDone: 0, bytesTotal: 100 }]);
    await vi.advanceTimersByTimeAsync(0);
    expect(writes).toHaveLength(1);
    for (let b = 1; b <= 10; b++) {
      r.updateStep('a', { bytesDone: b * 10 });
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(writes).toHaveLength(1);
    r.updateStep('a', { bytesDone: 100 });
    r.flush();
    expect(writes).toHaveLength(2);
    expect(writes[1]!.steps[0]!.bytesDone).toBe(100);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(writes).toHaveLength(2);
  });
});

describe('progress the store refuses', () => {
  const busy = () => new AppError('STORE_BUSY', 'locked', { retryable: true });

  it('retries a locked store with back-off, writing only the latest, and never reports it', async () => {
    const writes: JobProgress[] = [];
    let locked = 3;
    const failures: unknown[] = [];
    const r = createProgressReporter(
      { steps: [] },
      (p) => {
        if (locked-- > 0) throw busy();
        writes.push(structuredClone(p));
      },
      (err) => failures.push(err),
    );
    r.upsertStep(step('a', 'running'));
    await vi.advanceTimersByTimeAsync(0);
    // Changes while a retry waits do not meet the lock again: the retry writes them.
    r.upsertStep(step('b', 'running'));
    r.upsertStep(step('a', 'done'));
    await vi.advanceTimersByTimeAsync(50 + 100);
    expect(writes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(200);
    expect(writes).toEqual([{ steps: [step('a', 'done'), step('b', 'running')] }]);
    expect(failures).toEqual([]);
  });

  it('gives a lock that outlasts the retries, or any other failure at once, to onFailure once', async () => {
    const failures: unknown[] = [];
    let attempts = 0;
    const r = createProgressReporter(
      { steps: [] },
      () => {
        attempts++;
        throw busy();
      },
      (err) => failures.push(err),
    );
    r.upsertStep(step('a', 'running'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(attempts).toBe(1 + MAX_PERSIST_RETRIES);
    expect(failures).toHaveLength(1);
    r.upsertStep(step('a', 'done'));
    r.flush();
    await vi.advanceTimersByTimeAsync(1000);
    expect(attempts).toBe(1 + MAX_PERSIST_RETRIES);

    const full = new AppError('STORE_FULL', 'full');
    const other: unknown[] = [];
    const r2 = createProgressReporter(
      { steps: [] },
      () => {
        throw full;
      },
      (err) => other.push(err),
    );
    r2.upsertStep(step('a', 'running'));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(other).toEqual([full]);
  });
});
