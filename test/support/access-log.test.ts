import { describe, expect, it } from 'vitest';

import {
  blobGets,
  classifyPath,
  countRequests,
  parseAccessLog,
  parseAccessLogLine,
  parseLogTime,
} from './access-log';

const D = 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a';

describe('access log parsing', () => {
  it.each([
    ['/v2/', { kind: 'base' }],
    ['/v2/_catalog', { kind: 'catalog' }],
    ['/v2/demo/shazam/tags/list', { kind: 'tags', repository: 'demo/shazam' }],
    ['/v2/demo/shazam/manifests/latest', { kind: 'manifest', repository: 'demo/shazam' }],
    [`/v2/demo/shazam/manifests/${D}`, { kind: 'manifest', repository: 'demo/shazam', digest: D }],
    [`/v2/a/b/c/blobs/${D}`, { kind: 'blob', repository: 'a/b/c', digest: D }],
    ['/v2/demo/x/blobs/uploads/', { kind: 'upload', repository: 'demo/x' }],
    ['/v2/demo/x/blobs/uploads/0b5c-uuid', { kind: 'upload', repository: 'demo/x' }],
    [`/v2/demo/x/referrers/${D}`, { kind: 'referrers', repository: 'demo/x', digest: D }],
    ['/debug/health', { kind: 'other' }],
  ])('classifies %s', (path, expected) => {
    expect(classifyPath(path)).toEqual(expected);
  });

  it('parses distribution 2.8 combined lines and skips logrus lines', () => {
    const text = [
      'time="2026-11-29T04:52:15.72Z" level=info msg="response completed" http.request.uri=/v2/ http.response.status=200',
      '127.0.0.1 - - [29/Nov/2026:04:52:15 +0000] "GET /v2/ HTTP/1.1" 200 2 "" "curl/7.88.1"',
      `127.0.0.1 - - [29/Nov/2026:04:52:16 +0000] "HEAD /v2/demo/x/blobs/${encodeURIComponent(D)} HTTP/1.1" 404 157 "" "Go-http-client/1.1"`,
      `127.0.0.1 - - [29/Nov/2026:04:52:16 +0000] "PUT /v2/demo/x/blobs/uploads/abc?_state=xyz&digest=${D} HTTP/1.1" 201 0 "" "node"`,
      `127.0.0.1 - - [29/Nov/2026:04:52:17 +0000] "GET /v2/demo/x/blobs/${D} HTTP/1.1" 200 2 "" "ua with \\"quotes\\""`,
    ].join('\n');
    const entries = parseAccessLog(text);
    expect(entries).toEqual([
      { method: 'GET', path: '/v2/', status: 200, time: '2026-11-29T04:52:15.000Z', kind: 'base' },
      {
        method: 'HEAD',
        path: `/v2/demo/x/blobs/${D}`,
        status: 404,
        time: '2026-11-29T04:52:16.000Z',
        kind: 'blob',
        repository: 'demo/x',
        digest: D,
      },
      {
        method: 'PUT',
        path: '/v2/demo/x/blobs/uploads/abc',
        status: 201,
        time: '2026-11-29T04:52:16.000Z',
        kind: 'upload',
        repository: 'demo/x',
      },
      {
        method: 'GET',
        path: `/v2/demo/x/blobs/${D}`,
        status: 200,
        time: '2026-11-29T04:52:17.000Z',
        kind: 'blob',
        repository: 'demo/x',
        digest: D,
      },
    ]);
    expect(blobGets(entries)).toHaveLength(1);
    expect(countRequests(entries, { kind: 'blob' })).toBe(2);
    expect(countRequests(entries, { repository: 'demo/x', status: 201 })).toBe(1);
    expect(countRequests(entries)).toBe(4);
  });

  it('handles offsets and rejects garbage', () => {
    expect(parseLogTime('01/Jan/2026:01:00:00 +0100')).toBe('2026-01-01T00:00:00.000Z');
    expect(parseAccessLogLine('not a log line')).toBeUndefined();
  });
});
