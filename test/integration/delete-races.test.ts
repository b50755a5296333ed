/**
 * Issue 24 "Nothing lost, nothing frozen": a delete racing a retag or a copy of the same list,
 * through the route handlers of one server, against a real registry. The writer starts from 30 ms
 * before to 35 ms after the delete, 50 trials each. After both finish: whatever each reported is
 * true in the registry, a failed action changed nothing (the registry's access log shows no
 * accepted DELETE or tag PUT for it), and replaying the activity table gives exactly the
 * registry's state (every change has its row).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { waitForJob, type Job } from '@/lib/jobs';
import type { RegistryClient } from '@/lib/registry';
import { closeDb, listActivity, type ActivityRecord } from '@/lib/store';
import { seedDemo } from '@/scripts/seed-lib';
import type { AccessLogEntry } from '@/test/support/access-log';
import { startRegistry, type StartedRegistry } from '@/test/support/registry';
import { clientFor } from '@/test/support/registry-client';

// The route handlers import 'server-only', which throws outside Next's server bundles.
vi.mock('server-only', () => ({}));

const TRIALS = 50;
const ORIGIN = 'http://127.0.0.1:3000';
type Handler = (req: NextRequest, ctx: { params: Promise<object> }) => Promise<Response>;

let registry: StartedRegistry;
let client: RegistryClient;
let dataDir: string;
let list: string;
let routes: { del: Handler; retag: Handler; copy: Handler };

beforeAll(async () => {
  registry = await startRegistry({ variant: 'plain' });
  list = (await seedDemo({ url: registry.url }))['demo/shazam:latest']!;
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'manifold-delete-races-'));
  // lib/config reads the environment once, on first use (after this).
  process.env.MANIFOLD_REGISTRIES = registry.host;
  process.env.MANIFOLD_DATA_DIR = dataDir;
  process.env.MANIFOLD_DOCKER_CREDENTIALS = 'false';
  client = clientFor([registry]);
  routes = {
    del: (await import('@/app/api/images/delete/route')).POST,
    retag: (await import('@/app/api/images/retag/route')).POST,
    copy: (await import('@/app/api/images/copy/route')).POST,
  };
});

afterAll(async () => {
  await client?.close();
  closeDb();
  await registry?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function post(handler: Handler, url: string, body: unknown): Promise<Response> {
  const req = new NextRequest(new URL(url, ORIGIN), {
    method: 'POST',
    headers: { host: '127.0.0.1:3000', origin: ORIGIN, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return handler(req, { params: Promise.resolve({}) });
}

/** What an action answered: ok, or the error code it reported. */
type Outcome = { ok: true } | { ok: false; code: string };

async function outcomeOf(res: Response): Promise<Outcome> {
  const body = (await res.json()) as { job?: Job; error?: { code: string } };
  if (!res.ok) return { ok: false, code: body.error?.code ?? `HTTP ${res.status}` };
  if (!body.job) return { ok: true };
  const job = await waitForJob(body.job.id, 30_000);
  return job.status === 'succeeded'
    ? { ok: true }
    : { ok: false, code: job.error?.code ?? job.status };
}

interface Trial {
  kind: 'retag' | 'copy';
  offset: number;
  /** The list's repository, and where the writer puts its tag. */
  repository: string;
  target: { repository: string; tag: string };
  del: Outcome;
  write: Outcome;
  served: { list: boolean; v1: boolean; target: boolean };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function runTrial(kind: Trial['kind'], i: number, offset: number): Promise<Trial> {
  const repository = `race/${kind}-${i}`;
  // Half of the copies go to another repository, half stay in the list's own.
  const target =
    kind === 'copy' && i % 2 === 1
      ? { repository: `race/${kind}-${i}-dst`, tag: 'copied' }
      : { repository, tag: kind === 'copy' ? 'copied' : 'v2' };
  const at = (r: string) => ({ registry: registry.host, repository: r });
  await client.copyManifest(at('demo/shazam'), at(repository), list, { tags: ['v1'] });
  const image = { registry: registry.host, repository, digest: list };
  const reference =
    target.repository === repository ? target.tag : `${target.repository}:${target.tag}`;
  const del = async () => {
    await sleep(Math.max(0, -offset));
    return outcomeOf(await post(routes.del, '/api/images/delete', { ...image, seenTags: ['v1'] }));
  };
  const write = async () => {
    await sleep(Math.max(0, offset));
    const res =
      kind === 'retag'
        ? await post(routes.retag, '/api/images/retag', {
            ...image,
            targets: [{ reference, expectedDigest: null }],
          })
        : await post(routes.copy, '/api/images/copy', {
            ...image,
            destination: reference,
            expectedDigest: null,
          });
    return outcomeOf(res);
  };
  const [d, w] = await Promise.all([del(), write()]);
  const heads = await Promise.all([
    client.headManifest(at(repository), list),
    client.headManifest(at(repository), 'v1'),
    client.headManifest(at(target.repository), target.tag),
  ]);
  return {
    kind,
    offset,
    repository,
    target,
    del: d,
    write: w,
    served: {
      list: heads[0] !== undefined,
      v1: heads[1]?.digest === list,
      target: heads[2]?.digest === list,
    },
  };
}

/** Returns what the activity rows say the registry holds now, replayed from the trial's start. */
function replay(t: Trial, rows: ActivityRecord[]): Trial['served'] {
  const state = { list: true, v1: true, target: false };
  const isTarget = (r: ActivityRecord) =>
    r.repository === t.target.repository && r.tag === t.target.tag;
  for (const r of [...rows].sort((a, b) => a.id - b.id)) {
    if (r.action === 'delete' && r.repository === t.repository) {
      // Deleting the digest removes every tag on it: the log must name each one.
      if (r.tag === 'v1') state.v1 = false;
      if (isTarget(r)) state.target = false;
      state.list = false;
    } else if ((r.action === 'retag' || r.action === 'copy') && isTarget(r)) {
      state.target = r.digestAfter === list;
      if (t.target.repository === t.repository) state.list = true;
    }
  }
  return state;
}

/** Returns every broken promise of one trial (empty when the trial kept them all). */
function violations(t: Trial, log: AccessLogEntry[], rows: ActivityRecord[]): string[] {
  const out: string[] = [];
  const deletes = log.filter(
    (e) =>
      e.method === 'DELETE' &&
      e.status === 202 &&
      e.path === `/v2/${t.repository}/manifests/${list}`,
  );
  const puts = log.filter(
    (e) =>
      e.method === 'PUT' &&
      e.status === 201 &&
      e.path === `/v2/${t.target.repository}/manifests/${t.target.tag}`,
  );
  if (t.del.ok && (t.served.list || t.served.v1))
    out.push('the delete reported success but the list is served again');
  if (!t.del.ok && deletes.length > 0)
    out.push(`the delete reported ${t.del.code} after the registry deleted the list`);
  if (t.write.ok && !t.served.target)
    out.push(`the ${t.kind} reported success but its tag does not hold the list`);
  if (!t.write.ok && puts.length > 0)
    out.push(`the ${t.kind} reported ${t.write.code} after writing its tag`);
  const replayed = replay(t, rows);
  if (JSON.stringify(replayed) !== JSON.stringify(t.served))
    out.push(
      `the activity log says ${JSON.stringify(replayed)}, the registry ${JSON.stringify(t.served)}`,
    );
  return out;
}

const offsets = Array.from({ length: TRIALS }, (_, i) => Math.round(-30 + (65 * i) / (TRIALS - 1)));

async function race(kind: Trial['kind']): Promise<{ trials: Trial[]; broken: string[] }> {
  const trials: Trial[] = [];
  for (const [i, offset] of offsets.entries()) trials.push(await runTrial(kind, i, offset));
  // The registry writes its access log after answering: let the last lines land.
  await sleep(300);
  const log = await registry.accessLog();
  const broken: string[] = [];
  let brokenTrials = 0;
  for (const t of trials) {
    const rows = [
      ...listActivity({ registry: registry.host, repository: t.repository, limit: 500 }),
      ...(t.target.repository === t.repository
        ? []
        : listActivity({ registry: registry.host, repository: t.target.repository, limit: 500 })),
    ];
    const found = violations(t, log, rows);
    if (found.length > 0) brokenTrials++;
    for (const v of found) broken.push(`${t.kind} at ${t.offset} ms: ${v}`);
  }
  const tally = new Map<string, number>();
  for (const t of trials) {
    const key = `delete ${t.del.ok ? 'ok' : t.del.code}, ${t.kind} ${t.write.ok ? 'ok' : t.write.code}`;
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  console.log(
    `${kind}: ${JSON.stringify(Object.fromEntries(tally))}; ${brokenTrials} of ${trials.length} trials broken`,
  );
  return { trials, broken };
}

describe('a delete racing a write of the same list', () => {
  it('against a retag to a new tag: 50 trials, nothing lost, nothing misreported', async () => {
    const { broken } = await race('retag');
    expect(broken).toEqual([]);
  }, 120_000);

  it('against a copy (same and other repository): 50 trials, nothing lost, nothing misreported', async () => {
    const { broken } = await race('copy');
    expect(broken).toEqual([]);
  }, 120_000);
});
