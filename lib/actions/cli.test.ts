import { describe, expect, it } from 'vitest';

import {
  copyCommands,
  deleteCommands,
  refText,
  removePlatformCommands,
  retagCommands,
} from './cli';

const digest = `sha256:${'a'.repeat(64)}`;
const child = `sha256:${'b'.repeat(64)}`;

describe('cli commands', () => {
  it('builds references', () => {
    expect(refText('r:5000', 'demo/x', 'latest')).toBe('r:5000/demo/x:latest');
    expect(refText('r:5000', 'demo/x', digest)).toBe(`r:5000/demo/x@${digest}`);
  });

  it('retags by copying the exact bytes', () => {
    const cmds = retagCommands(`r:5000/demo/x@${digest}`, ['r:5000/demo/x:stable'], {
      insecure: true,
    });
    expect(cmds.find((c) => c.tool === 'skopeo')?.lines).toEqual([
      `skopeo copy --all --preserve-digests --src-tls-verify=false --dest-tls-verify=false docker://r:5000/demo/x@${digest} docker://r:5000/demo/x:stable`,
    ]);
    expect(cmds.find((c) => c.tool === 'regctl')?.lines).toEqual([
      'regctl registry set --tls disabled r:5000',
      `regctl image copy r:5000/demo/x@${digest} r:5000/demo/x:stable`,
    ]);
  });

  it('copies a subset with regctl index create and podman manifest add', () => {
    const cmds = copyCommands(
      `r/demo/x@${digest}`,
      'r/demo/y:v1',
      [{ platform: 'linux/amd64', digest: child }],
      { dockerList: true },
    );
    expect(cmds[0]?.lines.at(-1)).toBe(
      `regctl index create r/demo/y:v1 --media-type application/vnd.docker.distribution.manifest.list.v2+json --ref r/demo/x@${digest} --platform linux/amd64`,
    );
    expect(cmds[1]?.lines).toContain(`podman manifest add r/demo/y:v1 docker://r/demo/x@${child}`);
    expect(cmds[1]?.lines.at(-1)).toBe(
      'podman manifest push --all r/demo/y:v1 docker://r/demo/y:v1',
    );
  });

  it('deletes by digest and removes a platform by child digest', () => {
    expect(deleteCommands(`r/demo/x@${digest}`)[0]?.lines).toEqual([
      `regctl manifest delete r/demo/x@${digest}`,
    ]);
    expect(removePlatformCommands('r/demo/x:latest', child)[0]?.lines).toEqual([
      `regctl index delete r/demo/x:latest --digest ${child}`,
    ]);
  });
});
