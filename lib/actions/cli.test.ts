import { execFile } from 'node:child_process';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { parse } from 'shell-quote';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  copyCommands,
  deleteCommands,
  inspectCommands,
  refText,
  removePlatformCommands,
  retagCommands,
  shellWord,
  untagCommands,
} from './cli';

const run = promisify(execFile);

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

const hostile = [
  ['a platform with a command substitution', 'linux/$(touch PWNED)'],
  ['a platform with backticks', 'linux/`touch PWNED`'],
  ['a tag with a semicolon', 'v1;touch PWNED'],
  ['an annotation-like value with quotes', `it's "quoted" $HOME`],
  ['a value with a newline', 'a\ntouch PWNED'],
  ['a value with a pipe and glob', 'x|y *'],
  ['a value starting with a tilde', '~root'],
] as const;

describe('shell quoting', () => {
  it.each(hostile)('%s is one quoted word that sh reads back unchanged', async (_name, value) => {
    const word = shellWord(value);
    expect(word).not.toBe(value);
    const { stdout } = await run('sh', ['-c', `printf '%s|' ${word}`], {
      env: { ...process.env, HOME: '/nonexistent' },
    });
    expect(stdout).toBe(`${value}|`);
  });

  it.each(['linux/amd64', `r:5000/demo/x@${digest}`, '--tls-verify=false', 'v1.2.3-rc_1'])(
    'leaves the plain word %s as it is',
    (value) => {
      expect(shellWord(value)).toBe(value);
    },
  );

  it('quotes every interpolated value of every command', () => {
    const platform = hostile[0][1];
    const tag = hostile[2][1];
    const all = [
      ...copyCommands(`r/demo/x@${digest}`, `r/demo/y:${tag}`, [{ platform, digest: child }], {
        insecure: true,
      }),
      ...retagCommands(`r/demo/x@${digest}`, [`r/demo/x:${tag}`]),
      ...deleteCommands(`r/demo/x:${tag}`),
      ...untagCommands(`r/demo/x:${tag}`),
      ...removePlatformCommands(`r/demo/x:${tag}`, child, { insecure: true }),
    ].flatMap((c) => c.lines);
    const shown = [...all, ...inspectCommands(`r/demo/x:${tag}`, true).map(([, line]) => line)];
    for (const line of shown) {
      // Read as a shell would: only plain words, no operator, no variable outside quotes.
      const words = parse(line, (name) => {
        throw new Error(`$${name} would expand in: ${line}`);
      });
      expect(words.every((w) => typeof w === 'string')).toBe(true);
    }
    expect(all.some((l) => l.includes(`--platform 'linux/$(touch PWNED)'`))).toBe(true);
  });
});

describe('a shown command run through sh', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'manifold-cli-'));
    // A fake regctl that prints the argv it received as JSON.
    await writeFile(
      path.join(dir, 'regctl'),
      `#!/bin/sh\nexec "${process.execPath}" -e 'process.stdout.write(JSON.stringify(process.argv.slice(1)))' -- "$@"\n`,
      { mode: 0o755 },
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('passes hostile platforms and tags to the tool intact and runs none of them', async () => {
    const platforms = hostile.map(([, value]) => value);
    const line = copyCommands(
      `r/demo/x@${digest}`,
      `r/demo/y:${hostile[2][1]}`,
      platforms.map((platform) => ({ platform, digest: child })),
    )[0]?.lines.at(-1);
    expect(line).toBeDefined();
    // Syntax check only: `sh -n` reads the line and executes nothing.
    await run('sh', ['-n', '-c', line!], { cwd: dir });
    const { stdout } = await run('sh', ['-c', line!], {
      cwd: dir,
      env: { ...process.env, PATH: `${dir}:/usr/bin:/bin`, HOME: dir },
    });
    expect(JSON.parse(stdout)).toEqual([
      'index',
      'create',
      `r/demo/y:${hostile[2][1]}`,
      '--ref',
      `r/demo/x@${digest}`,
      ...platforms.flatMap((p) => ['--platform', p]),
    ]);
    await expect(access(path.join(dir, 'PWNED'))).rejects.toThrow();
  });
});
