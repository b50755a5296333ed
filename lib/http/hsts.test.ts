import { describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

const cfg = vi.hoisted(() => ({
  value: { publicUrl: undefined as string | undefined, peerHeaderTrusted: false },
}));
vi.mock('@/lib/config', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  getConfig: () => cfg.value,
}));

const { withHsts } = await import('./route');

const answer = (headers: Record<string, string> = {}) =>
  withHsts(new Request('http://127.0.0.1:3000/api/drafts', { headers }), Response.json({}));

describe('API answers over HTTPS carry HSTS (the other security headers come from next.config.mjs)', () => {
  it('adds it when the public URL is https, and not over plain HTTP', () => {
    cfg.value = { publicUrl: undefined, peerHeaderTrusted: false };
    expect(answer().headers.get('strict-transport-security')).toBeNull();
    cfg.value = { publicUrl: 'https://manifold.example', peerHeaderTrusted: false };
    expect(answer().headers.get('strict-transport-security')).toBe(
      'max-age=31536000; includeSubDomains',
    );
  });

  it('believes a TLS-terminating proxy only when its header is trusted', () => {
    cfg.value = { publicUrl: undefined, peerHeaderTrusted: false };
    expect(answer({ 'x-manifold-tls': '1' }).headers.get('strict-transport-security')).toBeNull();
    cfg.value = { publicUrl: undefined, peerHeaderTrusted: true };
    expect(answer({ 'x-manifold-tls': '1' }).headers.get('strict-transport-security')).toContain(
      'max-age=',
    );
  });
});
