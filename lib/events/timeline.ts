import type { ActivityAction, ActivityRecord, PlatformEntry, TagChangeRecord } from '@/lib/store';

/** How a change became known: Manifold made it, the registry sent an event, or a check saw it. */
export type ChangeSource = 'manifold' | 'event' | 'check';

/** What changed between a list and the one before it on the same tag. */
export interface PlatformDiff {
  added: string[];
  removed: string[];
  /** Platforms present in both whose child manifest is another one. */
  replaced: string[];
}

/** One period of a tag's life: the digest it held from `from` until `to` (null: still holds it). */
export interface TimelineEntry {
  /** null: the tag did not exist in this period (deleted). */
  digest: string | null;
  /** null: before Manifold's records begin (known only from the change that replaced it). */
  from: string | null;
  to: string | null;
  /** A Manifold user, the registry's actor, or null (a check saw it, or nobody was named). */
  who: string | null;
  how: ChangeSource;
  /** The Manifold action, when Manifold made the change. */
  action: ActivityAction | null;
  /** A list's platforms, when known. */
  platforms: PlatformEntry[] | null;
  /** Against the previous list on this tag; null when either side's platforms are unknown. */
  diff: PlatformDiff | null;
}

interface Item {
  time: string;
  digest: string | null;
  /** Manifold's rows name what the tag held before the change. */
  before?: string | null;
  who: string | null;
  how: ChangeSource;
  action: ActivityAction | null;
  platforms: PlatformEntry[] | null;
}

const UNKNOWN_START: TimelineEntry = {
  digest: null,
  from: null,
  to: null,
  who: null,
  how: 'manifold',
  action: null,
  platforms: null,
  diff: null,
};

// A registry event and Manifold's own activity row for the same write land this close together.
const SAME_WRITE_MS = 120_000;

function platformsFromDetail(detail: Record<string, unknown>): PlatformEntry[] | null {
  const p = detail.platforms;
  if (!Array.isArray(p)) return null;
  const ok = p.every(
    (x) =>
      typeof x === 'object' &&
      x !== null &&
      typeof (x as PlatformEntry).platform === 'string' &&
      typeof (x as PlatformEntry).digest === 'string',
  );
  return ok ? (p as PlatformEntry[]) : null;
}

function items(activity: ActivityRecord[], changes: TagChangeRecord[]): Item[] {
  const fromActivity = activity.map<Item>((a) => ({
    time: a.time,
    digest: a.digestAfter,
    before: a.digestBefore,
    who: a.who,
    how: 'manifold',
    action: a.action,
    platforms: platformsFromDetail(a.detail),
  }));
  const fromChanges = changes.map<Item>((c) => ({
    time: c.time,
    digest: c.digest,
    who: c.actor,
    how: c.via,
    action: null,
    platforms: c.platforms,
  }));
  // Manifold's own row first at equal times: it names the user, the event only the registry's.
  return [...fromActivity, ...fromChanges].sort((x, y) => x.time.localeCompare(y.time));
}

/** Returns what changed from one list's platforms to the next's, or null when one is unknown. */
export function diffPlatforms(
  before: PlatformEntry[] | null,
  after: PlatformEntry[] | null,
): PlatformDiff | null {
  if (!before || !after) return null;
  const b = new Map(before.map((p) => [p.platform, p.digest]));
  const a = new Map(after.map((p) => [p.platform, p.digest]));
  return {
    added: [...a.keys()].filter((k) => !b.has(k)),
    removed: [...b.keys()].filter((k) => !a.has(k)),
    replaced: [...a.keys()].filter((k) => b.has(k) && b.get(k) !== a.get(k)),
  };
}

/**
 * Returns one tag's timeline, newest first, from Manifold's activity rows and the changes events
 * and checks recorded: a report of the digest the tag already held is folded into the period it
 * belongs to (Manifold's own write and the registry's event for it are one entry, named after the
 * Manifold user), so each entry is a digest the tag held, from when to when, and who put it there.
 */
export function buildTimeline(
  activity: ActivityRecord[],
  changes: TagChangeRecord[],
): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const it of items(activity, changes)) {
    // The first record is a Manifold change: what it replaced is the earliest digest known.
    if (out.length === 0 && it.before && it.before !== it.digest)
      out.push({ ...UNKNOWN_START, digest: it.before });
    const cur = out.at(-1);
    if (cur && cur.digest === it.digest) {
      cur.platforms ??= it.platforms;
      const sameWrite =
        cur.from !== null && Math.abs(Date.parse(it.time) - Date.parse(cur.from)) <= SAME_WRITE_MS;
      if (it.how === 'manifold' && cur.how !== 'manifold' && sameWrite)
        Object.assign(cur, { who: it.who, how: it.how, action: it.action });
      continue;
    }
    if (cur) cur.to = it.time;
    out.push({ digest: it.digest, from: it.time, to: null, ...pick(it), diff: null });
  }
  let lastList: TimelineEntry | undefined;
  for (const e of out) {
    if (!e.digest) continue;
    if (lastList) e.diff = diffPlatforms(lastList.platforms, e.platforms);
    lastList = e;
  }
  return out.reverse();
}

function pick(it: Item): Pick<TimelineEntry, 'who' | 'how' | 'action' | 'platforms'> {
  return { who: it.who, how: it.how, action: it.action, platforms: it.platforms };
}
