import { describe, expect, it, vi } from 'vitest';

import { routePattern } from './observe';

vi.mock('server-only', () => ({}));

describe('routePattern: the metrics label is the route, never the URL', () => {
  it.each([
    ['/api/health', undefined, '/api/health'],
    ['/api/jobs/5b0c-1', { id: '5b0c-1' }, '/api/jobs/[id]'],
    ['/api/jobs/5b0c-1/retry', { id: '5b0c-1' }, '/api/jobs/[id]/retry'],
    [
      '/api/registries/127.0.0.1%3A5000/repositories',
      { host: '127.0.0.1:5000' },
      '/api/registries/[host]/repositories',
    ],
    [
      '/api/drafts/k3J9/entries/sha256%3Aabc',
      { id: 'k3J9', digest: 'sha256:abc' },
      '/api/drafts/[id]/entries/[digest]',
    ],
    ['/api/users/local%3Aalice/sessions', { id: 'local:alice' }, '/api/users/[id]/sessions'],
  ])('%s → %s', (pathname, params, expected) => {
    expect(routePattern(pathname, params)).toBe(expected);
  });
});
