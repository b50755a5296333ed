import { describe, expect, it } from 'vitest';

import { nameDigests, sourceName } from './source-name';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;

describe('sourceName', () => {
  it.each([
    [`reg:5000/demo/shazam:amd64@${A}`, 'reg:5000/demo/shazam:amd64'],
    [`reg:5000/demo/shazam@${A}`, 'reg:5000/demo/shazam@sha256:aaaaaaaaaaaa'],
    ['reg:5000/demo/shazam:amd64', 'reg:5000/demo/shazam:amd64'],
    [undefined, undefined],
  ])('%s -> %s', (source, name) => {
    expect(sourceName(source)).toBe(name);
  });
});

describe('nameDigests', () => {
  it('names entries by their source and shortens unknown digests', () => {
    const entries = [{ digest: A, source: `reg:5000/demo/shazam:amd64@${A}` }, { digest: B }];
    expect(nameDigests(`linux/amd64 is already provided by ${A}; remove one.`, entries)).toBe(
      'linux/amd64 is already provided by reg:5000/demo/shazam:amd64; remove one.',
    );
    expect(nameDigests(`see ${B}`, entries)).toBe('see sha256:bbbbbbbbbbbb…');
    expect(nameDigests('no digest here', entries)).toBe('no digest here');
  });
});
