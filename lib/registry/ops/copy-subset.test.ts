import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { planRemovePlatform, planSubset } from './copy-subset';
import { sha256Digest } from '../hash';
import { attestationTarget, isAttestation } from '../descriptor';
import { parseManifest, type ParsedIndex } from '../manifest';
import { MediaType } from '../media-types';

function loadIndex(file: string): ParsedIndex {
  const raw = new Uint8Array(
    readFileSync(path.join(import.meta.dirname, '..', 'testdata', 'manifests', file)),
  );
  const parsed = parseManifest(raw, {});
  if (parsed.kind !== 'index') throw new Error(`${file} is not an index`);
  return parsed;
}

const postgres = loadIndex('postgres-17.11.oci-index.json');
const dotnet = loadIndex('dotnet-runtime-5.0.docker-list.json');
const runnable = (p: ParsedIndex) => p.manifests.filter((d) => !isAttestation(d));
const byArch = (p: ParsedIndex, arch: string) =>
  runnable(p).find((d) => d.platform?.architecture === arch)!;

describe('planSubset', () => {
  it('keeps the original bytes and digest when every platform is chosen', () => {
    const plan = planSubset(
      postgres,
      runnable(postgres).map((d) => d.digest),
    );
    expect(plan.whole).toBe(true);
    expect(plan.index.digest).toBe(postgres.digest);
    expect(plan.index.bytes).toBe(postgres.raw);
    expect(plan.removed).toEqual([]);
  });

  it('makes a new index with the chosen platforms, each with its attestation', () => {
    const amd64 = byArch(postgres, 'amd64');
    const arm64 = byArch(postgres, 'arm64');
    const plan = planSubset(postgres, [amd64.digest, arm64.digest]);
    expect(plan.whole).toBe(false);
    expect(plan.index.mediaType).toBe(MediaType.OciIndex);
    expect(plan.index.digest).toBe(sha256Digest(plan.index.bytes));
    expect(plan.index.digest).not.toBe(postgres.digest);
    const kept = plan.kept.filter((d) => !isAttestation(d)).map((d) => d.digest);
    expect(kept).toEqual([amd64.digest, arm64.digest]);
    expect(plan.kept.filter(isAttestation).map((d) => attestationTarget(d))).toEqual([
      amd64.digest,
      arm64.digest,
    ]);
    expect(plan.removed).toHaveLength(postgres.manifests.length - 4);
    const json = JSON.parse(new TextDecoder().decode(plan.index.bytes)) as { manifests: unknown[] };
    expect(json.manifests).toHaveLength(4);
  });

  it('keeps the Docker list format', () => {
    const plan = planSubset(dotnet, [byArch(dotnet, 'arm64').digest]);
    expect(plan.index.mediaType).toBe(MediaType.DockerManifestList);
    expect(plan.kept).toHaveLength(1);
  });

  it.each([
    ['nothing chosen', []],
    ['an attestation', [postgres.manifests.find(isAttestation)!.digest]],
    ['a digest not in the list', [sha256Digest('elsewhere')]],
  ])('refuses %s', (_what, keep) => {
    expect(() => planSubset(postgres, keep)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }) as Error,
    );
  });
});

describe('planRemovePlatform', () => {
  it('drops the platform and its attestation, keeping the rest in order', () => {
    const s390x = byArch(postgres, 's390x');
    const plan = planRemovePlatform(postgres, s390x.digest);
    expect(plan.removed.map((d) => d.digest)).toEqual([
      s390x.digest,
      postgres.manifests.find((d) => attestationTarget(d) === s390x.digest)!.digest,
    ]);
    expect(plan.kept.filter((d) => !isAttestation(d))).toHaveLength(runnable(postgres).length - 1);
  });

  it('refuses the last platform', () => {
    const one = planSubset(dotnet, [byArch(dotnet, 'arm64').digest]);
    const parsed = parseManifest(one.index.bytes, {});
    if (parsed.kind !== 'index') throw new Error('expected an index');
    expect(() => planRemovePlatform(parsed, byArch(dotnet, 'arm64').digest)).toThrow(
      /last platform/,
    );
  });
});
