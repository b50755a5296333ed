import { describe, expect, it } from 'vitest';

import { suggestListTag } from './list-tag';

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
