import { describe, expect, it } from 'vitest';

import {
  codeForStatus,
  errorFromResponse,
  mapNetworkError,
  parseErrorBody,
  parseRetryAfter,
} from './response-error';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it.each([
    ['2', 2000],
    ['0', 0],
    ['3600', 30_000],
    ['Thu, 01 Jan 2026 00:00:05 GMT', 5000],
    ['Wed, 31 Dec 2025 23:00:00 GMT', 0],
    ['soon', undefined],
    [undefined, undefined],
  ])('%s -> %s', (value, expected) => {
    expect(parseRetryAfter(value, 30_000, now)).toBe(expected);
  });
});

describe('parseErrorBody', () => {
  it.each([
    [
      '{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{"Tag":"x"}}]}',
      [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown', detail: { Tag: 'x' } }],
    ],
    ['{"errors":[{"message":"no code"}]}', [{ code: 'UNKNOWN', message: 'no code' }]],
    ['{"error":"invalid_grant"}', []],
    ['404 page not found', []],
    ['{"errors":[', []],
    ['', []],
  ])('%s', (text, expected) => {
    expect(parseErrorBody(text)).toEqual(expected);
  });
});

describe('codeForStatus', () => {
  it.each([
    [401, 'generic', 'UNAUTHORIZED'],
    [403, 'generic', 'DENIED'],
    [404, 'manifest', 'MANIFEST_UNKNOWN'],
    [404, 'blob', 'BLOB_UNKNOWN'],
    [404, 'repository', 'NAME_UNKNOWN'],
    [404, 'upload', 'BLOB_UPLOAD_UNKNOWN'],
    [404, 'generic', 'NOT_FOUND'],
    [405, 'generic', 'UNSUPPORTED'],
    [429, 'generic', 'TOOMANYREQUESTS'],
    [502, 'generic', 'SERVER_ERROR'],
    [418, 'generic', 'UNKNOWN'],
  ] as const)('%i (%s) -> %s', (status, context, code) => {
    expect(codeForStatus(status, context)).toBe(code);
  });
});

describe('errorFromResponse', () => {
  it('prefers the body code, keeps errors[], marks 5xx/429 retryable and redacts the URL', () => {
    const err = errorFromResponse({
      status: 429,
      bodyText: '{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}',
      method: 'GET',
      url: 'https://user:pw@r.example/v2/x/manifests/a?token=secret',
    });
    expect(err.code).toBe('TOOMANYREQUESTS');
    expect(err.retryable).toBe(true);
    expect(err.message).toContain('slow down');
    expect(err.url).not.toContain('secret');
    expect(err.url).not.toContain('pw');
  });

  it('falls back to the status for unknown body codes', () => {
    const err = errorFromResponse({
      status: 404,
      bodyText: '{"errors":[{"code":"WEIRD"}]}',
      method: 'GET',
      url: 'http://r/v2/x/blobs/a',
      notFound: 'blob',
    });
    expect(err.code).toBe('BLOB_UNKNOWN');
    expect(err.errors).toEqual([{ code: 'WEIRD' }]);
  });
});

describe('mapNetworkError', () => {
  const url = new URL('https://r.example/v2/');
  it.each([
    [{ code: 'ECONNREFUSED' }, 'NETWORK', true],
    [{ code: 'UND_ERR_SOCKET', cause: { code: 'ECONNRESET' } }, 'NETWORK', true],
    [{ code: 'UND_ERR_CONNECT_TIMEOUT' }, 'TIMEOUT', true],
    [{ code: 'UND_ERR_HEADERS_TIMEOUT' }, 'TIMEOUT', true],
    [{ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, 'NETWORK', false],
    [{ code: 'ERR_SSL_WRONG_VERSION_NUMBER' }, 'NETWORK', false],
  ])('%j -> %s (retryable %s)', (raw, code, retryable) => {
    const err = mapNetworkError(Object.assign(new Error('x'), raw), { method: 'GET', url });
    expect(err.code).toBe(code);
    expect(err.retryable).toBe(retryable);
  });

  it('tells a cancellation from a timeout', () => {
    const cancelled = new AbortController();
    cancelled.abort();
    expect(
      mapNetworkError(new Error('aborted'), { method: 'GET', url, signal: cancelled.signal }).code,
    ).toBe('ABORTED');
    const timedOut = new AbortController();
    timedOut.abort();
    expect(
      mapNetworkError(new Error('aborted'), { method: 'GET', url, timeoutSignal: timedOut.signal })
        .code,
    ).toBe('TIMEOUT');
  });
});
