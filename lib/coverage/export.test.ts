import { describe, expect, it } from 'vitest';

import { csvField, csvHeader, csvLines } from './export';

describe('coverage CSV', () => {
  it('quotes fields with commas and quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('plain')).toBe('plain');
  });

  it.each([
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['\u0000x', "'\u0000x"],
  ])('neutralises a cell starting like a formula: %j', (cell, want) => {
    expect(csvField(cell)).toBe(want);
  });

  it('keeps ordinary text and numbers as they are', () => {
    expect(csvField('team/app')).toBe('team/app');
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField(-1)).toBe('-1');
  });

  it('neutralises a repository name from the registry in the export lines', () => {
    const line = csvLines(
      { repository: '=cmd|x', tagCount: 0, broken: 0, error: null, scannedAt: '', tags: [] },
      [],
    );
    expect(line[0]!.startsWith("'=cmd|x,")).toBe(true);
  });

  it('writes a line per tag with yes/broken under each platform', () => {
    const platforms = ['linux/amd64', 'linux/arm64', 'linux/arm/v7'];
    expect(csvHeader(platforms)).toBe(
      'repository,tag,digest,kind,linux/amd64,linux/arm64,linux/arm/v7,other_platforms,broken,error',
    );
    const lines = csvLines(
      {
        repository: 'team/app',
        tagCount: 1,
        broken: 1,
        error: null,
        scannedAt: '',
        tags: [
          {
            tag: 'latest',
            digest: 'sha256:1',
            kind: 'index',
            platforms: ['linux/amd64', 'linux/s390x'],
            broken: [{ platform: 'linux/arm/v7', digest: 'sha256:2', code: 'MANIFEST_UNKNOWN' }],
          },
        ],
      },
      platforms,
    );
    expect(lines).toEqual([
      'team/app,latest,sha256:1,index,yes,,broken,linux/s390x,linux/arm/v7 sha256:2 MANIFEST_UNKNOWN,',
    ]);
  });

  it('writes one line with the error for a repository that could not be scanned', () => {
    expect(
      csvLines(
        {
          repository: 'x',
          tagCount: 0,
          broken: 0,
          tags: [],
          scannedAt: '',
          error: { code: 'DENIED', message: 'no' },
        },
        ['linux/amd64'],
      ),
    ).toEqual(['x,,,,,,,DENIED: no']);
  });
});
