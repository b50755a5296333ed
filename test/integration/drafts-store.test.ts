import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { getJob, recoverInterruptedJobs } from '@/lib/jobs';
import {
  closeDb,
  getDb,
  getDraft,
  insertDraft,
  insertJob,
  listActivity,
  listDrafts,
  openDb,
  recordActivity,
  updateDraft,
  updateJobRecord,
} from '@/lib/store';

import { openTestStore, type StoreHandle } from './push-setup';

let store: StoreHandle;

beforeAll(async () => {
  store = await openTestStore('manifold-store-');
});

afterAll(async () => {
  await store?.cleanup();
});

describe('the SQLite store across a server restart', () => {
  it('keeps drafts, jobs and activity; marks jobs the old server left running as interrupted', () => {
    expect(getDb().pragma('journal_mode', { simple: true })).toBe('wal');
    const draft = insertDraft({
      name: 'survivor',
      index: {
        format: 'docker',
        entries: [
          {
            descriptor: {
              mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
              digest: `sha256:${'a'.repeat(64)}`,
              size: 428,
              platform: { os: 'linux', architecture: 'amd64' },
            },
            source: `127.0.0.1:5000/demo/shazam:amd64@sha256:${'a'.repeat(64)}`,
          },
        ],
      },
      basedOn: {
        reference: '127.0.0.1:5000/demo/shazam:latest',
        digest: `sha256:${'b'.repeat(64)}`,
      },
    });
    const edited = updateDraft(draft.id, { name: 'survivor (edited)' });
    expect(edited !== 'conflict' && edited?.revision).toBe(2);
    recordActivity({
      action: 'push',
      registry: '127.0.0.1:5000',
      repository: 'demo/x',
      tag: 'latest',
      digestAfter: `sha256:${'c'.repeat(64)}`,
      detail: { n: 1 },
    });
    const job = insertJob({
      id: 'job-1',
      kind: 'push-draft',
      params: { draftId: draft.id },
      subject: `draft:${draft.id}`,
      owner: 'old-server',
    });
    updateJobRecord(job.id, {
      status: 'running',
      owner: 'old-server',
      progress: { steps: [{ id: 'a', label: 'A', status: 'done' }] },
    });

    // "Restart": close the database and open it again from the same data folder.
    closeDb();
    openDb(store.dataDir);

    const back = getDraft(draft.id);
    expect(back).toMatchObject({
      name: 'survivor (edited)',
      revision: 2,
      basedOn: draft.basedOn,
      index: draft.index,
    });
    expect(listDrafts().map((d) => [d.id, d.entryCount, d.format])).toEqual([
      [draft.id, 1, 'docker'],
    ]);
    expect(listActivity({ repository: 'demo/x' })[0]).toMatchObject({
      action: 'push',
      tag: 'latest',
      digestBefore: null,
      detail: { n: 1 },
    });

    expect(recoverInterruptedJobs()).toBe(1);
    const interrupted = getJob('job-1');
    expect(interrupted?.status).toBe('interrupted');
    expect(interrupted?.error).toMatchObject({ code: 'INTERRUPTED', retryable: true });
    expect(interrupted?.progress.steps[0]?.status).toBe('done');
    // Only once per connection.
    expect(recoverInterruptedJobs()).toBe(0);
  });
});
