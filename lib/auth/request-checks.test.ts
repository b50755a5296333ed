import { describe, expect, it } from 'vitest';

import { isAppError } from '@/lib/errors';

import {
  checkHost,
  checkJsonBody,
  checkSameOrigin,
  clientAddress,
  hostAllowed,
  peerAddress,
} from './request-checks';

const cfg = {
  publicUrl: 'https://manifold.example.com',
  allowedHosts: ['manifold.lan', '*.corp:8443'],
};

function req(headers: Record<string, string>): Request {
  return new Request('http://127.0.0.1/api/x', { method: 'POST', headers });
}

function codeOf(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return isAppError(err) ? err.code : 'other';
  }
}

describe('hostAllowed', () => {
  it.each([
    ['localhost:3000', true],
    ['127.0.0.1', true],
    ['[::1]:3000', true],
    ['manifold.example.com', true],
    ['manifold.example.com:444', false],
    ['manifold.lan:3000', true],
    ['a.corp:8443', true],
    ['a.corp:9000', false],
    ['evil.example', false],
    ['localhost.evil.example', false],
    ['', false],
    ['bad host', false],
  ])('%s -> %s', (host, want) => {
    expect(hostAllowed(host, cfg)).toBe(want);
  });

  it('refuses a request without a Host the config allows', () => {
    expect(codeOf(() => checkHost(req({ host: 'rebound.evil.example:3000' }), cfg))).toBe(
      'HOST_NOT_ALLOWED',
    );
    expect(codeOf(() => checkHost(req({ host: 'localhost:3000' }), cfg))).toBeUndefined();
  });
});

describe('checkSameOrigin', () => {
  it('accepts an Origin equal to the Host or publicUrl, or Sec-Fetch-Site same-origin without one', () => {
    expect(
      codeOf(() =>
        checkSameOrigin(req({ host: 'localhost:3000', origin: 'http://localhost:3000' }), cfg),
      ),
    ).toBeUndefined();
    expect(
      codeOf(() =>
        checkSameOrigin(req({ host: 'x', origin: 'https://manifold.example.com' }), cfg),
      ),
    ).toBeUndefined();
    expect(
      codeOf(() =>
        checkSameOrigin(req({ host: 'localhost:3000', 'sec-fetch-site': 'same-origin' }), cfg),
      ),
    ).toBeUndefined();
  });

  it('refuses another origin, a null origin, and a request that says nothing', () => {
    expect(
      codeOf(() =>
        checkSameOrigin(req({ host: 'localhost:3000', origin: 'http://evil.example' }), cfg),
      ),
    ).toBe('CROSS_ORIGIN');
    expect(
      codeOf(() =>
        checkSameOrigin(req({ host: 'localhost:3000', origin: 'http://localhost:3001' }), cfg),
      ),
    ).toBe('CROSS_ORIGIN');
    expect(
      codeOf(() => checkSameOrigin(req({ host: 'localhost:3000', origin: 'null' }), cfg)),
    ).toBe('CROSS_ORIGIN');
    expect(
      codeOf(() =>
        checkSameOrigin(
          req({
            host: 'localhost:3000',
            origin: 'http://evil.example',
            'sec-fetch-site': 'same-origin',
          }),
          cfg,
        ),
      ),
    ).toBe('CROSS_ORIGIN');
    expect(
      codeOf(() =>
        checkSameOrigin(req({ host: 'localhost:3000', 'sec-fetch-site': 'cross-site' }), cfg),
      ),
    ).toBe('CROSS_ORIGIN');
    expect(codeOf(() => checkSameOrigin(req({ host: 'localhost:3000' }), cfg))).toBe(
      'CROSS_ORIGIN',
    );
  });
});

describe('checkJsonBody', () => {
  it('accepts application/json only', () => {
    expect(
      codeOf(() => checkJsonBody(req({ 'content-type': 'application/json; charset=utf-8' }))),
    ).toBeUndefined();
    for (const t of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ])
      expect(codeOf(() => checkJsonBody(req({ 'content-type': t })))).toBe(
        'UNSUPPORTED_CONTENT_TYPE',
      );
    expect(codeOf(() => checkJsonBody(req({})))).toBe('UNSUPPORTED_CONTENT_TYPE');
  });
});

describe('peerAddress', () => {
  it('trusts x-manifold-peer only when scripts/start.mjs set it', () => {
    const r = req({ 'x-manifold-peer': '::ffff:10.0.0.5' });
    expect(peerAddress(r, { peerHeaderTrusted: true })).toBe('10.0.0.5');
    expect(peerAddress(r, { peerHeaderTrusted: false })).toBeUndefined();
  });
});

describe('clientAddress', () => {
  const cfg = { peerHeaderTrusted: true, trustedProxies: ['10.9.9.9', '10.9.9.8'] };

  it('is the socket peer, unless that is a trusted proxy: then what the proxy saw', () => {
    expect(clientAddress(req({ 'x-manifold-peer': '192.0.2.7' }), cfg)).toBe('192.0.2.7');
    const behind = { 'x-manifold-peer': '10.9.9.9', 'x-forwarded-for': '203.0.113.5' };
    expect(clientAddress(req(behind), cfg)).toBe('203.0.113.5');
    // Hops of trusted proxies are skipped; what the client wrote further left is not believed.
    const chain = {
      'x-manifold-peer': '10.9.9.9',
      'x-forwarded-for': '1.2.3.4, 203.0.113.5, 10.9.9.8',
    };
    expect(clientAddress(req(chain), cfg)).toBe('203.0.113.5');
    expect(clientAddress(req({ 'x-manifold-peer': '10.9.9.9' }), cfg)).toBe('10.9.9.9');
  });

  it('ignores X-Forwarded-For from an address that is not a trusted proxy', () => {
    const forged = { 'x-manifold-peer': '192.0.2.7', 'x-forwarded-for': '203.0.113.5' };
    expect(clientAddress(req(forged), cfg)).toBe('192.0.2.7');
    expect(clientAddress(req(forged), { ...cfg, peerHeaderTrusted: false })).toBeUndefined();
  });
});
