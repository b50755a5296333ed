import { describe, expect, it } from 'vitest';

import {
  imagePath,
  imagePathOfSegments,
  joinSegments,
  registryPath,
  repositoryPath,
} from './paths';

const BASE = 'http://manifold.test';

/** Returns where a browser goes for a link on any page of ours. */
function resolve(href: string): URL {
  return new URL(href, `${BASE}/repo/r/app`);
}

const HOSTILE_TAGS = [
  'x/../../sign-in?next=//evil',
  '../../../sign-in',
  'a#frag',
  'a?tab=raw',
  '%2e%2e',
  '..',
  '//evil.example',
];

describe('paths', () => {
  it('keeps ordinary references readable', () => {
    expect(registryPath('127.0.0.1:5000')).toBe('/registry/127.0.0.1:5000');
    expect(repositoryPath('r.example.com', 'team/app')).toBe('/repo/r.example.com/team/app');
    expect(imagePath('r.example.com', 'team/app', 'v1.2')).toBe(
      '/image/r.example.com/team/app:v1.2',
    );
    expect(imagePath('r', 'app', 'sha256:abc')).toBe('/image/r/app@sha256:abc');
    expect(registryPath('[::1]:5000')).toBe('/registry/%5B::1%5D:5000');
  });

  it.each(HOSTILE_TAGS)(
    'keeps a link to tag %j on that image page, with no query or fragment',
    (tag) => {
      const url = resolve(imagePath('r', 'team/app', tag));
      expect(url.origin).toBe(BASE);
      expect(url.pathname.startsWith('/image/r/team/app:')).toBe(true);
      expect(url.search).toBe('');
      expect(url.hash).toBe('');
      // The page reads back exactly the tag the link was made for.
      const segments = url.pathname.slice('/image/'.length).split('/');
      expect(joinSegments(segments)).toBe(`r/team/app:${tag}`);
    },
  );

  it.each(['../../sign-in', 'a/../../x', './x', 'a//b', 'a?b', '%2E%2E/x'])(
    'keeps a link to repository %j under /repo/<host>/',
    (repository) => {
      const url = resolve(repositoryPath('r', repository));
      expect(url.origin).toBe(BASE);
      expect(url.pathname.startsWith('/repo/r/')).toBe(true);
      expect(url.search).toBe('');
      expect(joinSegments(url.pathname.slice('/repo/r/'.length).split('/'))).toBe(repository);
    },
  );

  it('keeps a host with a slash or query in its own segment', () => {
    const url = resolve(registryPath('evil/../../sign-in?x'));
    expect(url.pathname).toBe('/registry/evil%2F..%2F..%2Fsign-in%3Fx');
    expect(url.search).toBe('');
  });

  it('re-encodes the segments of a page URL (decoded ones included) into a link to the same page', () => {
    for (const segments of [
      ['r', 'app:x%2F..%2F..%2Fsign-in%3Fnext%3D%2F%2Fevil'],
      ['r', 'app:x/../../sign-in?next=//evil'],
      ['r', '%2e%2e', 'sign-in'],
    ]) {
      const url = resolve(imagePathOfSegments(segments));
      expect(url.origin).toBe(BASE);
      expect(url.pathname.startsWith('/image/r')).toBe(true);
      expect(url.search).toBe('');
    }
  });
});
