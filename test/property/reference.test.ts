import { describe, expect, it } from 'vitest';

import { formatReference, isAppError, parseReference, type ImageReference } from '@/lib/registry';

import { fc, thrown } from './settings';

const component = fc.stringMatching(/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/, { maxLength: 20 });
const hostLabel = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
const registry = fc.oneof(
  fc.constantFrom('docker.io', 'localhost', 'ghcr.io', '[::1]:5000', '127.0.0.1:5000'),
  fc.tuple(hostLabel, hostLabel).map(([a, b]) => `${a}.${b}`),
  fc.tuple(hostLabel, fc.integer({ min: 1, max: 65535 })).map(([h, p]) => `${h}:${p}`),
);
const tag = fc.stringMatching(/^[\w][\w.-]{0,40}$/);
const digest = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .map((b) => `sha256:${Buffer.from(b).toString('hex')}`);

const reference: fc.Arbitrary<ImageReference> = fc
  .record(
    {
      registry,
      path: fc.array(component, { minLength: 1, maxLength: 4 }),
      tag,
      digest,
    },
    { requiredKeys: ['registry', 'path'] },
  )
  .map(({ registry: r, path, tag: t, digest: d }) => {
    const repository =
      r === 'docker.io' && path.length === 1 ? `library/${path[0]}` : path.join('/');
    const ref: ImageReference = { registry: r, repository };
    if (t !== undefined) ref.tag = t;
    if (d !== undefined) ref.digest = d;
    return ref;
  })
  .filter((r) => r.repository.length <= 255);

describe('reference parsing (properties)', { timeout: 60_000 }, () => {
  it('parse(format(ref)) gives the reference back, and formatting it again is stable', () => {
    fc.assert(
      fc.property(reference, (ref) => {
        const text = formatReference(ref);
        const parsed = parseReference(text);
        expect(parsed).toEqual(ref);
        expect(formatReference(parsed)).toBe(text);
        // The familiar short form means the same image.
        expect(parseReference(formatReference(ref, { short: true }))).toEqual(ref);
      }),
    );
  });

  it('any string either parses to a reference that formats back to itself, or throws INVALID_REFERENCE', () => {
    const input = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      reference.chain((r) =>
        fc
          .tuple(fc.nat(formatReference(r).length), fc.string({ maxLength: 3 }))
          .map(([at, junk]) => {
            const s = formatReference(r);
            return s.slice(0, at) + junk + s.slice(at);
          }),
      ),
    );
    fc.assert(
      fc.property(input, (s) => {
        const err = thrown(() => parseReference(s));
        if (err === undefined) {
          const parsed = parseReference(s);
          expect(parseReference(formatReference(parsed))).toEqual(parsed);
        } else {
          expect(isAppError(err)).toBe(true);
          expect((err as { code: string }).code).toBe('INVALID_REFERENCE');
        }
      }),
    );
  });
});
