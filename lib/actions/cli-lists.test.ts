import { parse } from 'shell-quote';
import { describe, expect, it } from 'vitest';

import { retagCommands } from './cli';
import { draftPushCommands, pullCommands } from './cli-lists';

const a = `sha256:${'a'.repeat(64)}`;
const b = `sha256:${'b'.repeat(64)}`;
const att = `sha256:${'c'.repeat(64)}`;

const entries = [
  { source: `r:5000/demo/x:amd64@${a}` },
  { source: `r:5000/demo/y@${b}` },
  { source: `r:5000/demo/x@${att}`, attestation: true },
];

function linesOf(tool: string, cmds: ReturnType<typeof draftPushCommands>): string[] {
  return cmds.find((c) => c.tool === tool)?.lines ?? [];
}

describe('draftPushCommands', () => {
  const cmds = draftPushCommands(entries, ['r:5000/demo/l:1.0', 'r:5000/demo/l:latest']);

  it('builds with podman manifest create / add / push --all, by digest', () => {
    expect(linesOf('podman', cmds)).toEqual([
      'podman manifest create r:5000/demo/l:1.0',
      `podman manifest add r:5000/demo/l:1.0 docker://r:5000/demo/x@${a}`,
      `podman manifest add r:5000/demo/l:1.0 docker://r:5000/demo/y@${b}`,
      'podman manifest push --all r:5000/demo/l:1.0 docker://r:5000/demo/l:1.0',
      'podman manifest push --all r:5000/demo/l:1.0 docker://r:5000/demo/l:latest',
    ]);
    expect(cmds.find((c) => c.tool === 'podman')?.note).toContain('1 attestation entry');
  });

  it('builds with docker buildx imagetools create, one -t per destination', () => {
    expect(linesOf('docker', cmds)).toEqual([
      `docker buildx imagetools create -t r:5000/demo/l:1.0 -t r:5000/demo/l:latest r:5000/demo/x@${a} r:5000/demo/y@${b}`,
    ]);
  });

  it('builds with regctl index create and crane index append, attestations included', () => {
    expect(linesOf('regctl', cmds)).toEqual([
      `regctl index create r:5000/demo/l:1.0 --ref r:5000/demo/x@${a} --ref r:5000/demo/y@${b} --ref r:5000/demo/x@${att}`,
      'regctl image copy r:5000/demo/l:1.0 r:5000/demo/l:latest',
    ]);
    expect(linesOf('crane', cmds)).toEqual([
      `crane index append -m r:5000/demo/x@${a} -m r:5000/demo/y@${b} -m r:5000/demo/x@${att} -t r:5000/demo/l:1.0`,
      'crane copy r:5000/demo/l:1.0 r:5000/demo/l:latest',
    ]);
  });

  it('marks insecure registries and Docker lists for each tool', () => {
    const c = draftPushCommands(entries.slice(0, 1), ['r:5000/demo/l:1'], {
      insecure: true,
      dockerList: true,
    });
    expect(linesOf('podman', c)).toContain(
      `podman manifest add --tls-verify=false r:5000/demo/l:1 docker://r:5000/demo/x@${a}`,
    );
    expect(linesOf('regctl', c)).toEqual([
      'regctl registry set --tls disabled r:5000',
      `regctl index create r:5000/demo/l:1 --media-type application/vnd.docker.distribution.manifest.list.v2+json --ref r:5000/demo/x@${a}`,
    ]);
    expect(linesOf('crane', c)[0]).toBe(
      `crane index append --insecure --docker_empty_base -m r:5000/demo/x@${a} -t r:5000/demo/l:1`,
    );
  });

  it('offers nothing without a destination or an entry', () => {
    expect(draftPushCommands(entries, [])).toEqual([]);
    expect(draftPushCommands([], ['r/x:1'])).toEqual([]);
  });

  it('quotes a hostile destination into one shell word', () => {
    const evil = "r/x:1;touch /tmp/pwned'";
    for (const c of draftPushCommands(entries, [evil]))
      for (const line of c.lines)
        expect(parse(line).filter((w) => typeof w !== 'string')).toEqual([]);
  });
});

describe('pullCommands and crane in retag', () => {
  it('pulls by tag or digest with docker and podman', () => {
    expect(pullCommands('r:5000/demo/x:1.0').flatMap((c) => c.lines)).toEqual([
      'docker pull r:5000/demo/x:1.0',
      'podman pull r:5000/demo/x:1.0',
    ]);
    expect(pullCommands(`r:5000/demo/x@${a}`, { insecure: true })[1]?.lines).toEqual([
      `podman pull --tls-verify=false r:5000/demo/x@${a}`,
    ]);
  });

  it('retags with crane tag in the same repository, crane copy across', () => {
    const src = `r:5000/demo/x@${a}`;
    const crane = retagCommands(src, ['r:5000/demo/x:stable', 'r:5000/other/y:1'], {
      insecure: true,
    }).find((c) => c.tool === 'crane');
    expect(crane?.lines).toEqual([
      `crane tag --insecure ${src} stable`,
      `crane copy --insecure ${src} r:5000/other/y:1`,
    ]);
  });
});
