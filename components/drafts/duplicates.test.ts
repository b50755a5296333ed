import { describe, expect, it } from 'vitest';

import { duplicateWarnings } from './duplicates';

const amd64 = { os: 'linux', architecture: 'amd64' };
const entry = (digest: string, source?: string) => ({
  digest,
  mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
  size: 1,
  platform: amd64,
  label: 'linux/amd64',
  attestation: false,
  position: 0,
  issues: [],
  ...(source ? { source } : {}),
});
const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;

describe('duplicateWarnings', () => {
  it('names the entry that already provides the platform by its source', () => {
    const draft = { entries: [entry(A, `reg:5000/demo/shazam:amd64@${A}`)] };
    const w = duplicateWarnings(draft, [{ digest: B, platform: amd64 }]);
    expect(w.get(B)).toBe(
      'The draft already has linux/amd64 from reg:5000/demo/shazam:amd64: a list can hold each platform once.',
    );
    expect(duplicateWarnings(draft, [{ digest: A, platform: amd64 }]).get(A)).toBe(
      'linux/amd64 is already in the draft (from reg:5000/demo/shazam:amd64).',
    );
  });

  it('says nothing for new platforms or without a draft', () => {
    const draft = { entries: [entry(A)] };
    expect(
      duplicateWarnings(draft, [{ digest: B, platform: { os: 'linux', architecture: 's390x' } }])
        .size,
    ).toBe(0);
    expect(duplicateWarnings(undefined, [{ digest: B, platform: amd64 }]).size).toBe(0);
  });
});
