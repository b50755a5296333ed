import { describe, expect, it } from 'vitest';

import { isAppError, MediaType, parseManifest, sha256Digest } from '@/lib/registry';

import { fc, thrown } from './settings';

const digest = fc.oneof(
  fc
    .uint8Array({ minLength: 32, maxLength: 32 })
    .map((b) => `sha256:${Buffer.from(b).toString('hex')}`),
  fc.string({ maxLength: 20 }),
);
const mediaType = fc.oneof(
  fc.constantFrom(
    MediaType.OciIndex,
    MediaType.DockerManifestList,
    MediaType.OciManifest,
    MediaType.DockerManifest,
    'application/vnd.docker.distribution.manifest.v1+prettyjws',
    'text/html',
  ),
  fc.string({ maxLength: 12 }),
);
// Descriptors that are right, or wrong in one field in any JSON way.
const descriptor = fc.record(
  {
    mediaType,
    digest,
    size: fc.oneof(fc.nat(), fc.integer(), fc.double(), fc.string({ maxLength: 3 })),
    platform: fc.oneof(
      fc.record({ os: fc.string({ maxLength: 6 }), architecture: fc.string({ maxLength: 6 }) }),
      fc.jsonValue({ maxDepth: 2 }),
    ),
    annotations: fc.oneof(
      fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })),
      fc.jsonValue({ maxDepth: 2 }),
    ),
  },
  { requiredKeys: [] },
);
const manifestLike = fc.record(
  {
    schemaVersion: fc.oneof(fc.constantFrom(1, 2), fc.jsonValue({ maxDepth: 1 })),
    mediaType,
    manifests: fc.oneof(fc.array(descriptor, { maxLength: 4 }), fc.jsonValue({ maxDepth: 2 })),
    config: fc.oneof(descriptor, fc.jsonValue({ maxDepth: 2 })),
    layers: fc.oneof(fc.array(descriptor, { maxLength: 4 }), fc.jsonValue({ maxDepth: 2 })),
    subject: descriptor,
    annotations: fc.jsonValue({ maxDepth: 2 }),
  },
  { requiredKeys: [] },
);
const validDigest = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .map((b) => `sha256:${Buffer.from(b).toString('hex')}`);
const validDescriptor = fc.record({
  mediaType: fc.constantFrom(MediaType.OciManifest, MediaType.OciLayer),
  digest: validDigest,
  size: fc.nat(),
});
const valid = fc.oneof(
  fc.record({
    schemaVersion: fc.constant(2),
    mediaType: fc.constantFrom(MediaType.OciIndex, MediaType.DockerManifestList),
    manifests: fc.array(validDescriptor, { maxLength: 3 }),
  }),
  fc.record({
    schemaVersion: fc.constant(2),
    mediaType: fc.constantFrom(MediaType.OciManifest, MediaType.DockerManifest),
    config: validDescriptor,
    layers: fc.array(validDescriptor, { maxLength: 3 }),
  }),
);
const body = fc.oneof(
  valid.map((m) => new TextEncoder().encode(JSON.stringify(m))),
  manifestLike.map((m) => new TextEncoder().encode(JSON.stringify(m))),
  fc.jsonValue().map((v) => new TextEncoder().encode(JSON.stringify(v))),
  fc.uint8Array({ maxLength: 200 }),
  fc.string({ maxLength: 60 }).map((s) => new TextEncoder().encode(s)),
);
const options = fc.record(
  {
    contentType: fc.oneof(mediaType, fc.constant(null)),
    expectedDigest: digest,
    headerDigest: fc.oneof(digest, fc.constant(null)),
    expectedSize: fc.integer({ min: -1, max: 400 }),
  },
  { requiredKeys: [] },
);

describe('manifest parsing (properties)', { timeout: 60_000 }, () => {
  it('never crashes on arbitrary JSON or bytes: a parsed manifest or an AppError, nothing else', () => {
    let parsedCount = 0;
    fc.assert(
      fc.property(body, options, (raw, opts) => {
        const err = thrown(() => parseManifest(raw, opts));
        if (err !== undefined) {
          expect(isAppError(err), (err as Error).message).toBe(true);
          return;
        }
        const parsed = parseManifest(raw, opts);
        parsedCount++;
        expect(parsed.raw).toBe(raw);
        expect(parsed.size).toBe(raw.byteLength);
        if (!opts.expectedDigest?.startsWith('sha512:'))
          expect(parsed.digest).toBe(sha256Digest(raw));
        if (parsed.kind === 'index') expect(Array.isArray(parsed.manifests)).toBe(true);
        else expect(Array.isArray(parsed.layers)).toBe(true);
      }),
    );
    // The generator reaches valid manifests too, so the success branch is exercised.
    expect(parsedCount).toBeGreaterThan(0);
  });
});
