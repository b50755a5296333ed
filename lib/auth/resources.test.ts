import { describe, expect, it } from 'vitest';

import {
  catalogResource,
  grantsAllowResource,
  repositoryResource,
  roleFor,
  uniqueResources,
  writeAction,
  type Action,
} from './resources';
import type { HeldGrant } from './roles';

const HOST = '127.0.0.1:5000';
const editorOfA: HeldGrant[] = [{ role: 'editor', registry: HOST, repository: 'a/*' }];

describe('resources', () => {
  it.each([
    ['pull', 'viewer'],
    ['push', 'editor'],
    ['overwrite', 'admin'],
    ['delete', 'admin'],
  ] as const)('%s needs %s', (action: Action, role) => {
    expect(roleFor(action)).toBe(role);
  });

  it('a forced write is an overwrite', () => {
    expect([writeAction(true), writeAction(false), writeAction(undefined)]).toEqual([
      'overwrite',
      'push',
      'push',
    ]);
  });

  it.each([
    [repositoryResource({ registry: HOST, repository: 'a/app' }, 'pull'), true],
    [repositoryResource({ registry: HOST, repository: 'a/app' }, 'push'), true],
    [repositoryResource({ registry: HOST, repository: 'a/app' }, 'overwrite'), false],
    [repositoryResource({ registry: HOST, repository: 'a/app' }, 'delete'), false],
    [repositoryResource({ registry: HOST, repository: 'b/secret' }, 'pull'), false],
    [repositoryResource({ registry: '127.0.0.1:5001', repository: 'a/app' }, 'pull'), false],
    // A grant on some repository of the registry lets its holder list the catalog.
    [catalogResource(HOST), true],
    [catalogResource('127.0.0.1:5001'), false],
  ])('an editor of a/* on %j: %s', (resource, allowed) => {
    expect(grantsAllowResource(editorOfA, resource)).toBe(allowed);
  });

  it('drops repeated resources, keeping different actions on the same repository', () => {
    const a = { registry: HOST, repository: 'a/app' };
    expect(
      uniqueResources([
        repositoryResource(a, 'pull'),
        repositoryResource(a, 'push'),
        repositoryResource(a, 'pull'),
      ]),
    ).toEqual([repositoryResource(a, 'pull'), repositoryResource(a, 'push')]);
  });
});
