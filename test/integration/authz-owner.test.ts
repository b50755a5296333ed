/**
 * Ownership and lists from the attacker's side (issue 20): the draft resolver, another team's
 * image in a draft, drafts without owners, jobs retried or read by whoever found their id, and
 * lists showing every repository of a registry. Route handlers are called directly as a browser
 * would; two real registries' access logs show that nothing outside a grant is ever asked for.
 */
import { randomUUID } from 'node:crypto';

import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { callRoute, TEST_ORIGIN, type ApiRequest } from '@/test/support/api-routes';
import { startAuthzWorld, type AuthzWorld, type User } from '@/test/support/authz-world';

vi.mock('server-only', () => ({}));

let w: AuthzWorld;
let r1: string;

/** The fields these tests read from the routes' JSON answers (each route fills some). */
interface Body {
  error?: { code?: string; details?: { action?: string } };
  id?: string;
  digest?: string;
  name?: string;
  status?: string;
  sharedWith?: string | null;
  owner?: { name: string } | null;
  entries?: { digest: string; jobId: string | null; repository: string }[];
  drafts?: { id: string }[];
  job?: { id: string };
  total?: number;
  /** A page of a scan's repositories, or the count in its totals. */
  repositories?: { repository: string }[] | number;
}

interface Answer {
  status: number;
  body: Body;
  text: string;
}

/** Returns the answer of route `key` to `user` (signed in by session cookie). */
async function api(key: string, user: User, req: Omit<ApiRequest, 'cookie'> = {}): Promise<Answer> {
  const r = w.routes.find((x) => x.key === key);
  if (!r) throw new Error(`no route ${key}`);
  const res = await callRoute(r, { ...req, cookie: w.cookies[user] });
  const text = await res.text();
  let body: Body = {};
  try {
    body = JSON.parse(text) as Body;
  } catch {
    // A CSV export: read as text.
  }
  return { status: res.status, body, text };
}

const codeOf = (a: Answer) => [a.status, a.body.error?.code];

/** Returns every request either registry received since the last mark for a b/ repository. */
async function outsideRequests(): Promise<string[]> {
  return (await w.since())
    .filter((e) => e.repository?.startsWith('b/'))
    .map((e) => `${e.method} ${e.path}`);
}

async function writes(): Promise<string[]> {
  return (await w.since())
    .filter((e) => e.method !== 'GET' && e.method !== 'HEAD')
    .map((e) => `${e.method} ${e.path}`);
}

/** Returns the id of a new draft `user` made (from `from` when given). */
async function draftOf(user: User, name: string, from?: string): Promise<string> {
  const res = await api('POST drafts', user, { body: { name, ...(from ? { from } : {}) } });
  expect([name, res.status]).toEqual([name, 201]);
  return (res.body as { id: string }).id;
}

/** Returns the finished job after `user` pushed draft `id` to `to`. */
async function pushed(user: User, id: string, to: string, force = false): Promise<string> {
  const res = await api('POST drafts/[id]/push', user, {
    params: { id },
    body: { destinations: [{ reference: to, expectedDigest: null }], force },
  });
  expect(res.status).toBe(202);
  const jobId = (res.body as { job: { id: string } }).job.id;
  const { waitForJob } = await import('@/lib/jobs');
  const job = await waitForJob(jobId, 30_000);
  expect([job.status, job.error]).toEqual(['succeeded', null]);
  return jobId;
}

/** Returns the principal a session cookie signs in, as the door sees it. */
async function principalOf(user: User) {
  const { identify } = await import('@/lib/auth/guard');
  const req = new NextRequest(new URL('/', TEST_ORIGIN), { headers: { cookie: w.cookies[user] } });
  return identify(req)!;
}

beforeAll(async () => {
  w = await startAuthzWorld({ groups: { eddie: ['team-a'], ada: ['team-a'] } });
  r1 = w.r1.host;
}, 120_000);

afterAll(async () => {
  await w?.stop();
});

describe('the draft resolver', () => {
  it('resolves only what the caller may pull: a viewer of a/* learns nothing of b/secret', async () => {
    await w.mark();
    const secret = await api('GET drafts/resolve', 'vic', { query: `?ref=${r1}/b/secret:prod` });
    expect(codeOf(secret)).toEqual([403, 'FORBIDDEN']);
    expect(secret.text).not.toContain(w.digest);
    expect(await outsideRequests()).toEqual([]);
    const own = await api('GET drafts/resolve', 'vic', { query: `?ref=${r1}/a/app:latest` });
    expect([own.status, own.body.digest]).toEqual([200, w.digest]);
  });
});

describe("another team's image in a draft", () => {
  it('an editor of a/* can neither add b/secret to a draft nor start one from it', async () => {
    await w.mark();
    const id = await draftOf('eddie', 'mine');
    const add = await api('POST drafts/[id]/entries', 'eddie', {
      params: { id },
      body: { reference: `${r1}/b/secret:prod` },
    });
    expect(codeOf(add)).toEqual([403, 'FORBIDDEN']);
    const from = await api('POST drafts', 'eddie', {
      body: { name: 'stolen', from: `${r1}/b/secret:prod` },
    });
    expect(codeOf(from)).toEqual([403, 'FORBIDDEN']);
    expect(await outsideRequests()).toEqual([]);
  });

  it('a draft of theirs holding b/secret is neither shown, previewed nor pushed into a/*', async () => {
    const id = await draftOf('root', 'secret', `${r1}/b/secret:prod`);
    // As if it had been added before the grants changed: the draft is eddie's now.
    const eddie = await principalOf('eddie');
    const { getDb } = await import('@/lib/store');
    getDb()
      .prepare('UPDATE drafts SET owner_id = ?, owner_name = ? WHERE id = ?')
      .run(eddie.id, eddie.name, id);
    await w.mark();
    const to = `${r1}/a/stolen:1`;
    const push = await api('POST drafts/[id]/push', 'eddie', {
      params: { id },
      body: { destinations: [{ reference: to, expectedDigest: null }] },
    });
    expect(codeOf(push)).toEqual([403, 'FORBIDDEN']);
    const preview = await api('POST drafts/[id]/preview', 'eddie', {
      params: { id },
      body: { destinations: [to] },
    });
    expect(codeOf(preview)).toEqual([403, 'FORBIDDEN']);
    const read = await api('GET drafts/[id]', 'eddie', { params: { id }, query: '?check=1' });
    expect(codeOf(read)).toEqual([403, 'FORBIDDEN']);
    expect(read.text).not.toContain(w.digest);
    expect(await outsideRequests()).toEqual([]);
    expect(await writes()).toEqual([]);
    const list = await api('GET drafts', 'eddie');
    expect((list.body.drafts ?? []).map((d: { id: string }) => d.id)).not.toContain(id);
    // The page answers as the API does.
    const { draftPageData } = await import('@/lib/server/drafts');
    const { readerOf } = await import('@/lib/auth/reader');
    expect(draftPageData(id, eddie, readerOf(eddie))).toEqual({
      denied: expect.stringContaining('b/secret') as string,
    });
  });
});

describe('drafts have an owner', () => {
  it("another editor of the same repositories cannot open, change, copy, push or delete someone's draft", async () => {
    const id = await draftOf('ada', 'ada’s list', `${r1}/a/app:latest`);
    const mine = await api('GET drafts/[id]', 'ada', { params: { id } });
    expect([mine.status, mine.body.owner?.name, mine.body.sharedWith]).toEqual([200, 'ada', null]);
    const entry = (mine.body.entries as { digest: string }[])[0]!.digest;
    await w.mark();
    const attempts: [string, Omit<ApiRequest, 'cookie'>][] = [
      ['GET drafts/[id]', { params: { id } }],
      ['PATCH drafts/[id]', { params: { id }, body: { name: 'mine now' } }],
      ['POST drafts/[id]/duplicate', { params: { id }, body: {} }],
      [
        'POST drafts/[id]/entries',
        { params: { id }, body: { reference: `${r1}/a/scratch:latest` } },
      ],
      [
        'PATCH drafts/[id]/entries/[digest]',
        { params: { id, digest: entry }, body: { position: 0 } },
      ],
      ['DELETE drafts/[id]/entries/[digest]', { params: { id, digest: entry } }],
      ['POST drafts/[id]/preview', { params: { id }, body: { destinations: [`${r1}/a/x:1`] } }],
      [
        'POST drafts/[id]/push',
        {
          params: { id },
          body: { destinations: [{ reference: `${r1}/a/x:1`, expectedDigest: null }] },
        },
      ],
      ['GET drafts/[id]/jobs', { params: { id } }],
      ['DELETE drafts/[id]', { params: { id } }],
    ];
    for (const [key, req] of attempts) {
      const res = await api(key, 'eddie', req);
      // Not found, as for an id that does not exist: draft ids are not confirmed.
      expect([key, ...codeOf(res)]).toEqual([key, 404, 'DRAFT_NOT_FOUND']);
    }
    expect(await writes()).toEqual([]);
    const list = await api('GET drafts', 'eddie');
    expect((list.body.drafts ?? []).map((d: { id: string }) => d.id)).not.toContain(id);
    const after = await api('GET drafts/[id]', 'ada', { params: { id } });
    expect([after.body.name, (after.body.entries ?? []).length]).toEqual([
      'ada’s list',
      (mine.body.entries ?? []).length,
    ]);
    // An admin of everything may; an admin of a/* only is not an admin of drafts.
    expect((await api('GET drafts/[id]', 'root', { params: { id } })).status).toBe(200);
  });

  it('the owner shares with a group they are in; its members may edit, but not re-share', async () => {
    const id = await draftOf('ada', 'team list');
    const foreign = await api('PATCH drafts/[id]', 'ada', {
      params: { id },
      body: { sharedWith: 'ops' },
    });
    expect(codeOf(foreign)).toEqual([400, 'VALIDATION']);
    const shared = await api('PATCH drafts/[id]', 'ada', {
      params: { id },
      body: { sharedWith: 'team-a' },
    });
    expect([shared.status, shared.body.sharedWith]).toEqual([200, 'team-a']);
    const renamed = await api('PATCH drafts/[id]', 'eddie', {
      params: { id },
      body: { name: 'ours' },
    });
    expect([renamed.status, renamed.body.name]).toEqual([200, 'ours']);
    const list = await api('GET drafts', 'eddie');
    expect((list.body.drafts ?? []).map((d: { id: string }) => d.id)).toContain(id);
    const reshare = await api('PATCH drafts/[id]', 'eddie', {
      params: { id },
      body: { sharedWith: null },
    });
    expect(codeOf(reshare)).toEqual([400, 'VALIDATION']);
    expect(codeOf(await api('GET drafts/[id]', 'vic', { params: { id } }))).toEqual([
      404,
      'DRAFT_NOT_FOUND',
    ]);
  });
});

describe('jobs', () => {
  it('a retry is authorised anew against what the job does (a forced push needs admin) and acts for the retrier', async () => {
    const id = await draftOf('root', 'forced', `${r1}/a/app:latest`);
    const jobId = await pushed('root', id, `${r1}/a/forced:1`, true);
    // Someone moves the tag, and the job is left failed: its retry has a tag to overwrite.
    const other = await draftOf('root', 'other', `${r1}/a/app:latest`);
    const view = await api('GET drafts/[id]', 'root', { params: { id: other } });
    const first = (view.body.entries as { digest: string }[])[0]!.digest;
    const smaller = await api('DELETE drafts/[id]/entries/[digest]', 'root', {
      params: { id: other, digest: first },
    });
    expect(smaller.status).toBe(200);
    await pushed('root', other, `${r1}/a/forced:1`, true);
    const { updateJobRecord, listActivity } = await import('@/lib/store');
    updateJobRecord(jobId, {
      status: 'failed',
      error: { code: 'NETWORK', message: 'x', retryable: true },
    });
    await w.mark();
    const byEditor = await api('POST jobs/[id]/retry', 'eddie', { params: { id: jobId } });
    expect([...codeOf(byEditor), byEditor.body.error?.details?.action]).toEqual([
      403,
      'FORBIDDEN',
      'overwrite',
    ]);
    expect(await writes()).toEqual([]);
    const seen = await api('GET jobs/[id]', 'vic', { params: { id: jobId } });
    expect([seen.status, seen.body.status]).toEqual([200, 'failed']);

    const byAdmin = await api('POST jobs/[id]/retry', 'ada', { params: { id: jobId } });
    expect(byAdmin.status).toBe(202);
    const { waitForJob } = await import('@/lib/jobs');
    const done = await waitForJob(jobId, 30_000);
    expect([done.status, done.actor?.name]).toEqual(['succeeded', 'ada']);
    const rows = listActivity({ jobId });
    expect(rows[0]?.who).toBe('ada');
  });

  it('a job touching b/secret answers 404 to a viewer of a/*, long poll included, and its id is not listed', async () => {
    const id = await draftOf('root', 'leak', `${r1}/b/secret:prod`);
    const jobId = await pushed('root', id, `${r1}/a/leak:1`);
    const t0 = Date.now();
    for (const query of ['', '?wait=25000&since=x']) {
      const res = await api('GET jobs/[id]', 'vic', { params: { id: jobId }, query });
      expect([query, ...codeOf(res)]).toEqual([query, 404, 'JOB_NOT_FOUND']);
    }
    expect(Date.now() - t0).toBeLessThan(5_000);
    // Without any grant the answer is the same for any id, real or not.
    const nora = await api('GET jobs/[id]', 'nora', { params: { id: jobId } });
    const random = await api('GET jobs/[id]', 'nora', { params: { id: randomUUID() } });
    expect(codeOf(nora)).toEqual(codeOf(random));
    expect(nora.text).not.toContain(jobId);
    const retry = await api('POST jobs/[id]/retry', 'eddie', { params: { id: jobId } });
    expect(codeOf(retry)).toEqual([404, 'JOB_NOT_FOUND']);
    // Its activity row in a/leak is vic's to see, without the job's id.
    const vic = await api('GET activity', 'vic', { query: '?repository=a/leak' });
    expect((vic.body.entries ?? []).map((e: { jobId: string | null }) => e.jobId)).toEqual([null]);
    expect(vic.text).not.toContain(jobId);
    const root = await api('GET activity', 'root', { query: '?repository=a/leak' });
    expect((root.body.entries ?? []).map((e: { jobId: string | null }) => e.jobId)).toEqual([
      jobId,
    ]);
    // The tag's history names the same rows: without the id of a job vic may not see.
    const history = (user: 'vic' | 'root') =>
      api('GET images/history', user, {
        query: `?registry=${r1}&repository=a/leak&tag=1`,
      });
    const vicHistory = await history('vic');
    expect(vicHistory.status).toBe(200);
    expect((vicHistory.body.entries ?? []).map((e) => e.jobId)).toEqual([null]);
    expect(vicHistory.text).not.toContain(jobId);
    expect(((await history('root')).body.entries ?? []).map((e) => e.jobId)).toEqual([jobId]);
  });
});

describe('lists hold only what the reader may see', () => {
  it('activity, drafts and scans: a viewer of a/* sees a/* only; a user without grants sees nothing', async () => {
    const id = await draftOf('root', 'into b', `${r1}/a/app:latest`);
    await pushed('root', id, `${r1}/b/pushed:1`);
    const all = await api('GET activity', 'root', { query: '?limit=500' });
    expect(
      (all.body.entries ?? []).some((e: { repository: string }) => e.repository === 'b/pushed'),
    ).toBe(true);
    const vic = await api('GET activity', 'vic', { query: '?limit=500' });
    expect((vic.body.entries ?? []).length).toBeGreaterThan(0);
    expect(
      (vic.body.entries ?? []).every((e: { repository: string }) => e.repository.startsWith('a/')),
    ).toBe(true);
    // Without any grant, the lists are refused (the pages show their empty state).
    for (const key of ['GET activity', 'GET drafts', 'GET coverage/scans']) {
      const res = await api(key, 'nora');
      expect([key, ...codeOf(res)]).toEqual([key, 403, 'FORBIDDEN']);
    }
    const { listActivity } = await import('@/lib/store');
    const { activityKeeper } = await import('@/lib/jobs');
    const { draftsPageData } = await import('@/lib/server/drafts');
    const { readerOf } = await import('@/lib/auth/reader');
    const nora = readerOf(await principalOf('nora'));
    expect(draftsPageData(nora)).toEqual({ drafts: [] });
    expect(listActivity({ limit: 500 }, activityKeeper(nora))).toEqual([]);
  });

  it("a coverage scan's repositories, totals and export count only what the reader may pull", async () => {
    const started = await api('POST coverage/scans', 'root', { body: { registry: r1 } });
    expect(started.status).toBe(202);
    const scanId = (started.body as { id: string }).id;
    const { waitForJob } = await import('@/lib/jobs');
    expect((await waitForJob(scanId, 60_000)).status).toBe('succeeded');
    const names = async (user: User): Promise<{ total: number; names: string[] }> => {
      const res = await api('GET coverage/scans/[id]/repositories', user, {
        params: { id: scanId },
      });
      expect(res.status).toBe(200);
      const page = Array.isArray(res.body.repositories) ? res.body.repositories : [];
      return { total: res.body.total ?? -1, names: page.map((r) => r.repository) };
    };
    const root = await names('root');
    expect(root.names).toContain('b/secret');
    const vic = await names('vic');
    expect(vic.names.length).toBeGreaterThan(0);
    expect(vic.names.every((n) => n.startsWith('a/'))).toBe(true);
    expect(vic.total).toBe(vic.names.length);
    expect(vic.total).toBeLessThan(root.total);
    const totals = await api('GET coverage/scans/[id]/totals', 'vic', { params: { id: scanId } });
    expect(totals.body.repositories).toBe(vic.total);
    const csv = await api('GET coverage/scans/[id]/export', 'vic', { params: { id: scanId } });
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('a/app');
    expect(csv.text).not.toContain('b/');
    const json = await api('GET coverage/scans/[id]/export', 'vic', {
      params: { id: scanId },
      query: '?format=json',
    });
    expect(json.text).not.toContain('b/secret');
    const nora = await api('GET coverage/scans/[id]/repositories', 'nora', {
      params: { id: scanId },
    });
    expect(nora.status).toBe(403);
  });
});
