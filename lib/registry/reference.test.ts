import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { isAppError } from '@/lib/errors';
import {
  familiarName,
  formatReference,
  isValidRepository,
  isValidTag,
  manifestReference,
  parseReference,
  registryApiHost,
  withDigest,
  withTag,
  type ImageReference,
} from './reference';

interface ValidCase {
  input: string;
  expect: ImageReference;
  short: string;
}
interface InvalidCase {
  input: string;
  error: string;
  position?: number;
}

const table = JSON.parse(
  readFileSync(path.join(import.meta.dirname, 'testdata/references.json'), 'utf8'),
) as { cases: Array<ValidCase | InvalidCase> };
const valid = table.cases.filter((c): c is ValidCase => 'expect' in c);
const invalid = table.cases.filter((c): c is InvalidCase => 'error' in c);

const DIGEST = 'sha256:6a3f4e9a2b5c8d7e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e';

function parseError(input: string): Error {
  try {
    parseReference(input);
  } catch (err) {
    if (err instanceof Error) return err;
  }
  throw new Error(`expected parseReference(${JSON.stringify(input)}) to throw`);
}

describe('parseReference', () => {
  it('has at least 40 real-world cases', () => {
    expect(valid.length + invalid.length).toBeGreaterThanOrEqual(40);
  });

  it.each(valid)('parses $input', ({ input, expect: expected }) => {
    expect(parseReference(input)).toEqual(expected);
  });

  it.each(valid)('formats $input back to its canonical and short forms', ({ input, short }) => {
    const ref = parseReference(input);
    const canonical = formatReference(ref);
    expect(canonical.startsWith(`${ref.registry}/${ref.repository}`)).toBe(true);
    expect(parseReference(canonical)).toEqual(ref);
    expect(formatReference(ref, { short: true })).toBe(short);
    expect(parseReference(short)).toEqual(ref);
  });

  it.each(invalid)('rejects $input ($error)', ({ input, error, position }) => {
    const err = parseError(input);
    expect(isAppError(err)).toBe(true);
    expect(err).toMatchObject({ code: 'INVALID_REFERENCE' });
    expect(err.message).toContain(error);
    expect(err.message).toContain(JSON.stringify(input));
    if (position !== undefined) expect(err.message).toContain(`at position ${position}`);
  });

  it('reports positions in the input as given, after whitespace and docker:// are stripped', () => {
    expect(parseError('  docker://Alpine').message).toContain('at position 12');
  });

  it('uses defaultRegistry for names without a registry, without adding library/', () => {
    expect(parseReference('demo/shazam:amd64', { defaultRegistry: 'localhost:5000' })).toEqual({
      registry: 'localhost:5000',
      repository: 'demo/shazam',
      tag: 'amd64',
    });
    expect(parseReference('shazam', { defaultRegistry: 'localhost:5000' })).toEqual({
      registry: 'localhost:5000',
      repository: 'shazam',
    });
    expect(parseReference('alpine', { defaultRegistry: 'index.docker.io' })).toEqual({
      registry: 'docker.io',
      repository: 'library/alpine',
    });
    expect(parseReference('quay.io/a/b', { defaultRegistry: 'localhost:5000' }).registry).toBe(
      'quay.io',
    );
  });

  it('keeps both tag and digest', () => {
    const ref = parseReference(`docker.io/library/busybox:latest@${DIGEST}`);
    expect(ref).toEqual({
      registry: 'docker.io',
      repository: 'library/busybox',
      tag: 'latest',
      digest: DIGEST,
    });
    expect(manifestReference(ref)).toBe(DIGEST);
  });
});

describe('formatReference / familiarName', () => {
  it.each([
    [{ registry: 'docker.io', repository: 'library/alpine' }, 'alpine', 'docker.io/library/alpine'],
    [{ registry: 'docker.io', repository: 'library/a/b' }, 'library/a/b', 'docker.io/library/a/b'],
    [
      { registry: 'docker.io', repository: 'bitnami/nginx' },
      'bitnami/nginx',
      'docker.io/bitnami/nginx',
    ],
    [{ registry: 'quay.io', repository: 'library/x' }, 'quay.io/library/x', 'quay.io/library/x'],
    [{ registry: '[::1]:5000', repository: 'a' }, '[::1]:5000/a', '[::1]:5000/a'],
    // Without docker.io/ these would read back as registries foo.bar and localhost.
    [
      { registry: 'docker.io', repository: 'foo.bar/app' },
      'docker.io/foo.bar/app',
      'docker.io/foo.bar/app',
    ],
    [
      { registry: 'docker.io', repository: 'localhost/app' },
      'docker.io/localhost/app',
      'docker.io/localhost/app',
    ],
  ])('%o -> %s', (ref, familiar, full) => {
    expect(familiarName(ref)).toBe(familiar);
    expect(formatReference(ref)).toBe(full);
  });
});

describe('withTag / withDigest / manifestReference', () => {
  const base = parseReference('quay.io/org/app:1.0');

  it('withTag replaces the tag and drops a digest', () => {
    expect(withTag({ ...base, digest: DIGEST }, 'v2')).toEqual({
      registry: 'quay.io',
      repository: 'org/app',
      tag: 'v2',
    });
  });

  it('withDigest pins and keeps the tag for display', () => {
    const pinned = withDigest(base, DIGEST);
    expect(pinned).toEqual({
      registry: 'quay.io',
      repository: 'org/app',
      tag: '1.0',
      digest: DIGEST,
    });
    expect(formatReference(pinned)).toBe(`quay.io/org/app:1.0@${DIGEST}`);
  });

  it.each([
    ['withTag', () => withTag(base, 'bad tag')],
    ['withTag', () => withTag(base, '')],
    ['withDigest', () => withDigest(base, 'sha256:123')],
    ['withDigest', () => withDigest(base, 'latest')],
  ])('%s rejects invalid input', (_name, fn) => {
    expect(fn).toThrow(expect.objectContaining({ code: 'INVALID_REFERENCE' }) as Error);
  });

  it.each([
    [{ registry: 'docker.io', repository: 'library/alpine' }, 'latest'],
    [{ registry: 'docker.io', repository: 'library/alpine', tag: '3.19' }, '3.19'],
    [{ registry: 'docker.io', repository: 'library/alpine', tag: '3.19', digest: DIGEST }, DIGEST],
  ])('manifestReference(%o) = %s', (ref, expected) => {
    expect(manifestReference(ref)).toBe(expected);
  });
});

describe('isValidTag / isValidRepository', () => {
  it.each([
    ['latest', true],
    ['v1.0.0-rc.1', true],
    ['_internal', true],
    ['UPPER_case', true],
    ['x'.repeat(128), true],
    ['x'.repeat(129), false],
    ['', false],
    ['-dash', false],
    ['.dot', false],
    ['a:b', false],
    ['a/b', false],
  ])('isValidTag(%s) = %s', (tag, ok) => {
    expect(isValidTag(tag)).toBe(ok);
  });

  it.each([
    ['library/alpine', true],
    ['a/b/c', true],
    ['my_org/my__app', true],
    ['a---b', true],
    ['a'.repeat(255), true],
    ['a'.repeat(256), false],
    ['Library/alpine', false],
    ['a//b', false],
    ['a/', false],
    ['', false],
    ['a_-b', false],
    ['.a', false],
  ])('isValidRepository(%s) = %s', (name, ok) => {
    expect(isValidRepository(name)).toBe(ok);
  });
});

describe('registryApiHost', () => {
  it.each([
    ['docker.io', 'registry-1.docker.io'],
    ['index.docker.io', 'registry-1.docker.io'],
    ['registry-1.docker.io', 'registry-1.docker.io'],
    ['quay.io', 'quay.io'],
    ['localhost:5000', 'localhost:5000'],
    ['[::1]:5000', '[::1]:5000'],
  ])('%s -> %s', (registry, host) => {
    expect(registryApiHost(registry)).toBe(host);
  });
});
