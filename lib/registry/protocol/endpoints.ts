import { MAX_MANIFEST_BYTES } from '../manifest';
import { MANIFEST_ACCEPT, MediaType } from '../media-types';
import type { NotFoundContext } from '../transport/response-error';

/** What a token must grant for an endpoint (`none`: no scope is asked for). */
export type EndpointScope = 'pull' | 'push' | 'delete' | 'catalog' | 'none';

/** One request of the OCI Distribution API, declared once (octokit's endpoint, for registries). */
export interface Endpoint {
  method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';
  /** `{name}` is the repository (validated); other `{param}`s are filled from the call's params. */
  path: string;
  /** Params sent as the query string, in this order; absent ones are left out. */
  query?: readonly string[];
  scope: EndpointScope;
  /** Also needs pull on the repository named by the `from` param (a cross-repository mount). */
  pullFrom?: boolean;
  /** Any other final status throws the mapped AppError. */
  expect?: number | readonly number[];
  /** What a 404 means here (MANIFEST_UNKNOWN, BLOB_UNKNOWN, NAME_UNKNOWN, BLOB_UPLOAD_UNKNOWN). */
  notFound?: NotFoundContext;
  headers?: Readonly<Record<string, string>>;
  /** Safe to retry although not a GET/HEAD (the body is replayable and the result the same). */
  idempotent?: boolean;
  maxBodyBytes?: number;
}

const LISTING_MAX_BYTES = 16 * 1024 * 1024;
const REFERRERS_MAX_BYTES = 4 * 1024 * 1024;
const JSON_ACCEPT = { accept: 'application/json' };
const EMPTY_POST = { 'content-length': '0' };
const OCTET_STREAM = { 'content-type': 'application/octet-stream' };

/**
 * Every request the client sends. Upload requests go to the Location the registry handed out
 * (`{location}`: the call gives the URL); listings follow their Link cursor the same way.
 */
export const ENDPOINTS = {
  ping: { method: 'GET', path: '/v2/', scope: 'none', expect: 200 },
  catalog: {
    method: 'GET',
    path: '/v2/_catalog',
    scope: 'catalog',
    expect: 200,
    headers: JSON_ACCEPT,
    maxBodyBytes: LISTING_MAX_BYTES,
  },
  listTags: {
    method: 'GET',
    path: '/v2/{name}/tags/list',
    scope: 'pull',
    expect: 200,
    notFound: 'repository',
    headers: JSON_ACCEPT,
    maxBodyBytes: LISTING_MAX_BYTES,
  },
  headManifest: {
    method: 'HEAD',
    path: '/v2/{name}/manifests/{reference}',
    scope: 'pull',
    expect: [200, 404],
    notFound: 'manifest',
    headers: { accept: MANIFEST_ACCEPT },
  },
  getManifest: {
    method: 'GET',
    path: '/v2/{name}/manifests/{reference}',
    scope: 'pull',
    expect: 200,
    notFound: 'manifest',
    headers: { accept: MANIFEST_ACCEPT },
    maxBodyBytes: MAX_MANIFEST_BYTES,
  },
  putManifest: {
    method: 'PUT',
    path: '/v2/{name}/manifests/{reference}',
    scope: 'push',
    expect: [200, 201, 202],
    notFound: 'repository',
    idempotent: true,
  },
  deleteManifest: {
    method: 'DELETE',
    path: '/v2/{name}/manifests/{reference}',
    scope: 'delete',
    expect: [200, 202, 204],
    notFound: 'manifest',
  },
  headBlob: {
    method: 'HEAD',
    path: '/v2/{name}/blobs/{digest}',
    scope: 'pull',
    expect: [200, 404],
    notFound: 'blob',
  },
  getBlob: {
    method: 'GET',
    path: '/v2/{name}/blobs/{digest}',
    scope: 'pull',
    expect: 200,
    notFound: 'blob',
  },
  startUpload: {
    method: 'POST',
    path: '/v2/{name}/blobs/uploads/',
    scope: 'push',
    expect: 202,
    notFound: 'repository',
    headers: EMPTY_POST,
    idempotent: true,
  },
  mountBlob: {
    method: 'POST',
    path: '/v2/{name}/blobs/uploads/',
    query: ['mount', 'from'],
    scope: 'push',
    pullFrom: true,
    expect: [201, 202],
    notFound: 'repository',
    headers: EMPTY_POST,
    idempotent: true,
  },
  patchUpload: {
    method: 'PATCH',
    path: '{location}',
    scope: 'push',
    expect: 202,
    notFound: 'upload',
    headers: OCTET_STREAM,
  },
  closeUpload: {
    method: 'PUT',
    path: '{location}?digest={digest}',
    scope: 'push',
    expect: [201, 204],
    notFound: 'upload',
    headers: OCTET_STREAM,
  },
  cancelUpload: { method: 'DELETE', path: '{location}', scope: 'push' },
  referrers: {
    method: 'GET',
    path: '/v2/{name}/referrers/{digest}',
    query: ['artifactType'],
    scope: 'pull',
    expect: [200, 404, 405],
    headers: { accept: MediaType.OciIndex },
    maxBodyBytes: REFERRERS_MAX_BYTES,
  },
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof ENDPOINTS;
