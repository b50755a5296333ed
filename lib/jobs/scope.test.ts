import { describe, expect, it } from 'vitest';

import { createProgressReporter } from './progress';
import { currentJobId, noteJobWait, runInJobScope } from './scope';

const wait = (id: number, registry: string, waitedMs: number, done = false) => ({
  id,
  registry,
  waitedMs,
  done,
});

describe('job scope', () => {
  it('shows the longest wait as the message and gives the handler’s own message back after', async () => {
    const reporter = createProgressReporter({ steps: [], message: 'Copying' }, () => undefined);
    const shown: Array<string | undefined> = [];
    await runInJobScope('job-1', reporter, (progress) => {
      expect(currentJobId()).toBe('job-1');
      noteJobWait(wait(1, 'a.test', 5_000));
      shown.push(progress.snapshot().message);
      noteJobWait(wait(2, 'b.test', 10_000));
      shown.push(progress.snapshot().message);
      // The handler moves on while a request still waits: the wait stays in view.
      progress.setMessage('Copying the index');
      shown.push(progress.snapshot().message);
      noteJobWait(wait(2, 'b.test', 12_000, true));
      shown.push(progress.snapshot().message);
      noteJobWait(wait(1, 'a.test', 7_400, true));
      shown.push(progress.snapshot().message);
      return Promise.resolve();
    });
    expect(shown).toEqual([
      'Waiting for a.test for 5 s',
      'Waiting for b.test for 10 s',
      'Waiting for b.test for 10 s',
      'Waiting for a.test for 5 s',
      'Copying the index',
    ]);
  });

  it('ignores waits outside a job', () => {
    expect(currentJobId()).toBeUndefined();
    expect(() => noteJobWait(wait(1, 'a.test', 5_000))).not.toThrow();
  });
});
