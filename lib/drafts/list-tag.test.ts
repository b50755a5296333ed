import { describe, expect, it } from 'vitest';

import { suggestDestination, suggestListTag } from './list-tag';

describe('suggestListTag', () => {
  it.each([
    [['amd64', 'arm64', 's390x'], 'latest'],
    [['1.2-amd64', '1.2-arm64', '1.2-arm-v7'], '1.2'],
    [['v3.1_linux_amd64', 'v3.1_linux_arm64'], 'v3.1'],
    [['app-amd64-slim', 'app-arm64-slim'], 'app-slim'],
    [['1.0', '2.0'], 'latest'],
    [['nightly'], 'nightly'],
    [['stable-ARM64', 'stable-AMD64'], 'stable'],
    [[], 'latest'],
  ])('%j -> %s', (tags, expected) => {
    expect(suggestListTag(tags)).toBe(expected);
  });
});

describe('suggestDestination', () => {
  const d = `sha256:${'a'.repeat(64)}`;
  it('offers the first entry’s repository under the tags’ shared name', () => {
    expect(
      suggestDestination([
        `localhost:5000/demo/app:1.2-amd64@${d}`,
        `localhost:5000/demo/app:1.2-arm64@${d}`,
      ]),
    ).toBe('localhost:5000/demo/app:1.2');
    expect(suggestDestination([`localhost:5000/demo/app@${d}`])).toBe(
      'localhost:5000/demo/app:latest',
    );
    expect(suggestDestination(['r:5000/x:amd64', 'r:5000/other:1.0-arm64'])).toBe(
      'r:5000/x:latest',
    );
  });

  it('offers nothing without a source', () => {
    expect(suggestDestination([])).toBeUndefined();
  });
});
