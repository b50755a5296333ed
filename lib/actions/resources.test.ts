import { describe, expect, it } from 'vitest';

import { COPY_JOB, RETAG_JOB } from './jobs';
import { copyResources, imageJobResources, retagResources, targetsResources } from './resources';

const source = {
  registry: '127.0.0.1:5000',
  repository: 'a/app',
  digest: `sha256:${'a'.repeat(64)}`,
};

describe('image action resources', () => {
  it('a retag names every target as the job resolves it: same repository, other repository, other registry', () => {
    const targets = ['stable', 'b/secret:prod', '127.0.0.1:5001/a/app:prod'].map((reference) => ({
      reference,
    }));
    expect(retagResources({ source, targets })).toEqual([
      { registry: '127.0.0.1:5000', repository: 'a/app', action: 'pull' },
      { registry: '127.0.0.1:5000', repository: 'a/app', action: 'push' },
      { registry: '127.0.0.1:5000', repository: 'b/secret', action: 'push' },
      { registry: '127.0.0.1:5001', repository: 'a/app', action: 'push' },
    ]);
    expect(
      retagResources({ source, targets: [{ reference: 'b/secret:prod' }], force: true }),
    ).toEqual([
      { registry: '127.0.0.1:5000', repository: 'a/app', action: 'pull' },
      { registry: '127.0.0.1:5000', repository: 'b/secret', action: 'overwrite' },
    ]);
  });

  it('a copy writes its destination; its preview and a tag check only read what they name', () => {
    expect(copyResources({ source, destination: 'b/secret:1', write: true })).toEqual([
      { registry: '127.0.0.1:5000', repository: 'a/app', action: 'pull' },
      { registry: '127.0.0.1:5000', repository: 'b/secret', action: 'push' },
    ]);
    expect(copyResources({ source, destination: 'b/secret:1', write: false })[1]).toEqual({
      registry: '127.0.0.1:5000',
      repository: 'b/secret',
      action: 'pull',
    });
    expect(targetsResources(source, ['x', 'b/secret:prod']).map((r) => r.repository)).toEqual([
      'a/app',
      'b/secret',
    ]);
  });

  it('a bad tag is INVALID_REFERENCE naming its field, not an empty list', () => {
    expect(() => retagResources({ source, targets: [{ reference: '-bad' }] })).toThrow(
      expect.objectContaining({
        code: 'INVALID_REFERENCE',
        fieldErrors: expect.anything() as unknown,
      }) as Error,
    );
    expect(() => copyResources({ source, destination: 'b/secret', write: true })).toThrow(
      expect.objectContaining({ code: 'INVALID_REFERENCE' }) as Error,
    );
    expect(() => retagResources({ source, targets: [] })).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }) as Error,
    );
  });

  it("a stored job's resources come from its resolved params", () => {
    const target = {
      registry: '127.0.0.1:5001',
      repository: 'b/secret',
      tag: 'prod',
      expectedDigest: null,
    };
    expect(imageJobResources(RETAG_JOB, { source, targets: [target], force: true })).toEqual([
      { registry: '127.0.0.1:5000', repository: 'a/app', action: 'pull' },
      { registry: '127.0.0.1:5001', repository: 'b/secret', action: 'overwrite' },
    ]);
    const copy = {
      source,
      destination: target,
      force: false,
      whole: true,
      children: [],
      platforms: [],
    };
    expect(imageJobResources(COPY_JOB, copy)?.[1]).toEqual({
      registry: '127.0.0.1:5001',
      repository: 'b/secret',
      action: 'push',
    });
    expect(imageJobResources('push-draft', {})).toBeUndefined();
  });
});
