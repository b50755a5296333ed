import { describe, expect, it } from 'vitest';

import { readStatement } from './statement';

const COMMIT = '3f2c1a7e9b8d4c6f5a1e2d3c4b5a69788796a5b4';

describe('readStatement', () => {
  it('reads BuildKit’s SLSA v0.2 provenance: builder, git source and commit', () => {
    expect(
      readStatement({
        _type: 'https://in-toto.io/Statement/v0.1',
        predicateType: 'https://slsa.dev/provenance/v0.2',
        predicate: {
          builder: { id: 'https://github.com/o/r/actions/runs/1' },
          invocation: { configSource: { entryPoint: 'Dockerfile' } },
          metadata: {
            'https://mobyproject.org/buildkit@v1#metadata': {
              vcs: { source: 'https://github.com/o/r', revision: COMMIT },
            },
          },
        },
      }),
    ).toEqual({
      predicateType: 'https://slsa.dev/provenance/v0.2',
      builderId: 'https://github.com/o/r/actions/runs/1',
      sourceRepository: 'https://github.com/o/r',
      sourceCommit: COMMIT,
    });
  });

  it('reads SLSA v1: runDetails builder and a git resolved dependency', () => {
    expect(
      readStatement({
        predicateType: 'https://slsa.dev/provenance/v1',
        predicate: {
          runDetails: { builder: { id: 'https://github.com/actions/runner' } },
          buildDefinition: {
            resolvedDependencies: [
              { uri: 'pkg:docker/alpine@3.20', digest: { sha256: 'ab' } },
              { uri: 'git+https://github.com/o/r@refs/heads/main', digest: { gitCommit: COMMIT } },
            ],
          },
        },
      }),
    ).toMatchObject({
      builderId: 'https://github.com/actions/runner',
      sourceRepository: 'https://github.com/o/r',
      sourceCommit: COMMIT,
    });
  });

  it('counts SBOM packages (SPDX) and components (CycloneDX)', () => {
    expect(
      readStatement({
        predicateType: 'https://spdx.dev/Document',
        predicate: { packages: [{ name: 'a' }, { name: 'b' }] },
      }).packageCount,
    ).toBe(2);
    expect(
      readStatement({
        predicateType: 'https://cyclonedx.org/bom',
        predicate: { components: [{}, {}, {}] },
      }).packageCount,
    ).toBe(3);
  });

  it('leaves out what is not there or not what it claims', () => {
    expect(readStatement(null)).toEqual({});
    expect(readStatement('text')).toEqual({});
    expect(
      readStatement({
        predicateType: 'x',
        predicate: {
          builder: { id: 42 },
          invocation: { configSource: { uri: 'javascript:alert(1)', digest: { sha1: 'zz' } } },
          packages: 'many',
        },
      }),
    ).toEqual({ predicateType: 'x' });
  });
});
