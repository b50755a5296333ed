import { describe, expect, it } from 'vitest';

import {
  addEntries,
  draftFromIndex,
  moveEntry,
  removeEntry,
  serializeIndex,
  ATTESTATION_DIGEST_ANNOTATION,
  ATTESTATION_TYPE_ANNOTATION,
  attestationTarget,
  isAttestation,
  MediaType,
  parseManifest,
  type IndexDraft,
  type IndexEntry,
  type Descriptor,
} from '@/lib/registry';

import { fc } from './settings';

// A small pool of digests, so operations hit existing entries often.
const digest = fc.integer({ min: 0, max: 11 }).map((i) => `sha256:${String(i).padStart(64, 'a')}`);
const platform = fc.record(
  {
    os: fc.constantFrom('linux', 'windows'),
    architecture: fc.constantFrom('amd64', 'arm64', 'arm', 's390x'),
    variant: fc.constantFrom('v7', 'v8'),
  },
  { requiredKeys: ['os', 'architecture'] },
);
const annotations = fc.dictionary(
  fc.constantFrom('a', 'b', 'z', 'org.x'),
  fc.string({ maxLength: 5 }),
  { maxKeys: 3 },
);

const runnable: fc.Arbitrary<IndexEntry> = fc
  .record({ digest, platform, size: fc.nat(10_000), annotations })
  .map(({ digest: d, platform: p, size, annotations: a }) => ({
    descriptor: {
      mediaType: MediaType.OciManifest,
      digest: d,
      size,
      platform: p,
      ...(Object.keys(a).length ? { annotations: a } : {}),
    },
    source: `localhost:5000/x@${d}`,
  }));
const attestation: fc.Arbitrary<IndexEntry> = fc
  .record({ digest, target: digest, size: fc.nat(1000) })
  .map(({ digest: d, target, size }) => ({
    descriptor: {
      mediaType: MediaType.OciManifest,
      digest: d,
      size,
      platform: { os: 'unknown', architecture: 'unknown' },
      annotations: {
        [ATTESTATION_TYPE_ANNOTATION]: 'attestation-manifest',
        [ATTESTATION_DIGEST_ANNOTATION]: target,
      },
    } satisfies Descriptor,
  }));
const entry = fc.oneof({ weight: 3, arbitrary: runnable }, { weight: 1, arbitrary: attestation });

type Op =
  | { op: 'add'; entries: IndexEntry[]; replace: boolean }
  | { op: 'remove'; pick: number }
  | { op: 'move'; pick: number; to: number };
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('add' as const),
    entries: fc.array(entry, { maxLength: 3 }),
    replace: fc.boolean(),
  }),
  fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({
    op: fc.constant('move' as const),
    pick: fc.nat(),
    to: fc.integer({ min: -2, max: 14 }),
  }),
);

const digests = (d: IndexDraft) => d.entries.map((e) => e.descriptor.digest);

function checkInvariants(d: IndexDraft): void {
  // Entries are identified by digest: never two with one digest.
  expect(new Set(digests(d)).size).toBe(d.entries.length);
  // Attestations always come after every runnable entry.
  const kinds = d.entries.map((e) => isAttestation(e.descriptor));
  const firstAttestation = kinds.indexOf(true);
  if (firstAttestation !== -1) expect(kinds.slice(firstAttestation).every(Boolean)).toBe(true);
}

function apply(d: IndexDraft, o: Op): IndexDraft {
  if (o.op === 'add') {
    const next = addEntries(d, o.entries, { replace: o.replace });
    // Without replace every digest is there after; with replace a later entry of the same platform
    // may take an earlier one's place, but the last image added is always there.
    const mustHave = o.replace
      ? o.entries.filter((e) => !isAttestation(e.descriptor)).slice(-1)
      : o.entries;
    for (const e of mustHave) expect(digests(next)).toContain(e.descriptor.digest);
    return next;
  }
  if (d.entries.length === 0) return d;
  const target = d.entries[o.pick % d.entries.length]!.descriptor.digest;
  if (o.op === 'remove') {
    const next = removeEntry(d, target);
    expect(digests(next)).not.toContain(target);
    // Its attestations go with it; nothing else does.
    expect(next.entries.some((e) => attestationTarget(e.descriptor) === target)).toBe(false);
    const gone = d.entries.filter((e) => !next.entries.includes(e));
    for (const e of gone)
      expect(e.descriptor.digest === target || attestationTarget(e.descriptor) === target).toBe(
        true,
      );
    return next;
  }
  const next = moveEntry(d, target, o.to);
  expect([...digests(next)].sort()).toEqual([...digests(d)].sort());
  return next;
}

describe('index editing (properties)', { timeout: 60_000 }, () => {
  it('add, remove and move keep the invariants, and serialisation is stable', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'oci' | 'docker'>('oci', 'docker'),
        annotations,
        fc.array(op, { maxLength: 12 }),
        (format, top, ops) => {
          let d: IndexDraft = {
            format,
            entries: [],
            ...(Object.keys(top).length ? { annotations: top } : {}),
          };
          for (const o of ops) {
            const before = serializeIndex(d);
            d = apply(d, o);
            checkInvariants(d);
            // Editing returns a new draft: the old one serialises exactly as before.
            if (o.op !== 'add' || o.entries.length > 0)
              expect(before.bytes).toBeInstanceOf(Uint8Array);
          }
          const a = serializeIndex(d);
          expect(serializeIndex(structuredClone(d)).bytes).toEqual(a.bytes);
          // What we PUT parses back to the same draft and serialises to the same bytes (same digest).
          const parsed = parseManifest(a.bytes, {
            contentType: a.mediaType,
            expectedDigest: a.digest,
          });
          expect(parsed.kind).toBe('index');
          if (parsed.kind !== 'index') return;
          const again = serializeIndex(draftFromIndex(parsed));
          expect(again.digest).toBe(a.digest);
        },
      ),
    );
  });

  it('moving is idempotent and key order of the input never changes the bytes', () => {
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 8 }),
        fc.nat(),
        fc.integer({ min: -1, max: 9 }),
        (entries, pick, to) => {
          const d = addEntries({ format: 'oci', entries: [] }, entries);
          if (d.entries.length === 0) return;
          const target = d.entries[pick % d.entries.length]!.descriptor.digest;
          const once = moveEntry(d, target, to);
          expect(serializeIndex(moveEntry(once, target, to)).digest).toBe(
            serializeIndex(once).digest,
          );
          const shuffledKeys: IndexDraft = {
            ...d,
            entries: d.entries.map((e) => ({
              ...e,
              descriptor: Object.fromEntries(
                Object.entries(e.descriptor).reverse(),
              ) as unknown as Descriptor,
            })),
          };
          expect(serializeIndex(shuffledKeys).digest).toBe(serializeIndex(d).digest);
        },
      ),
    );
  });
});
