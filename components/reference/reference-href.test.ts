import { describe, expect, it } from 'vitest';

import { namesRegistry, referenceHref } from './reference-href';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('referenceHref', () => {
  it.each([
    ['alpine', '/image/docker.io/library/alpine:latest'],
    ['alpine:3.20', '/image/docker.io/library/alpine:3.20'],
    ['  docker://nginx:1.27  ', '/image/docker.io/library/nginx:1.27'],
    ['bitnami/nginx', '/image/docker.io/bitnami/nginx:latest'],
    ['quay.io/org/app:1.2', '/image/quay.io/org/app:1.2'],
    [`localhost:5000/x@${DIGEST}`, `/image/localhost:5000/x@${DIGEST}`],
    [`localhost:5000/x:1.0@${DIGEST}`, `/image/localhost:5000/x@${DIGEST}`],
    ['127.0.0.1:5100/demo/shazam:latest', '/image/127.0.0.1:5100/demo/shazam:latest'],
    ['ghcr.io/owner/repo/sub:v1', '/image/ghcr.io/owner/repo/sub:v1'],
    ['docker pull --platform linux/arm64 alpine:3.20', '/image/docker.io/library/alpine:3.20'],
    ['podman pull quay.io/org/app:1.2', '/image/quay.io/org/app:1.2'],
    ['https://localhost:5000/demo/shazam:latest/', '/image/localhost:5000/demo/shazam:latest'],
  ])('%s opens %s', (input, href) => {
    expect(referenceHref(input)).toBe(href);
  });

  it.each([
    ['demo/shazam:latest', false],
    ['alpine', false],
    ['localhost:5000/demo/shazam', true],
    ['docker pull quay.io/org/app:1.2', true],
  ])('%s names its registry: %s', (input, named) => {
    expect(namesRegistry(input)).toBe(named);
  });

  it.each(['Not A Reference!', 'localhost:5000/x@sha256:short', ''])(
    'refuses %j with INVALID_REFERENCE',
    (input) => {
      expect(() => referenceHref(input)).toThrow(
        expect.objectContaining({ code: 'INVALID_REFERENCE' }),
      );
    },
  );
});
