'use client';

import { useState } from 'react';

import { Card } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { inspectCommands } from '@/lib/actions/cli';

export interface RawViewProps {
  raw: string;
  headers: { contentType?: string; dockerContentDigest?: string; contentLength?: number };
  /** `host/repo:tag` or `host/repo@digest`. */
  reference: string;
  insecure: boolean;
}

function pretty(raw: string): string {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}

/** The manifest bytes exactly as received, pretty-printed or verbatim, with headers and CLI equivalents. */
export function RawView({ raw, headers, reference, insecure }: RawViewProps) {
  const [mode, setMode] = useState<'pretty' | 'verbatim'>('pretty');
  const text = mode === 'pretty' ? pretty(raw) : raw;
  return (
    <div className="flex flex-col gap-4">
      <Card
        title="Manifest"
        actions={
          <div className="flex items-center gap-2" role="group" aria-label="Display">
            {(['pretty', 'verbatim'] as const).map((m) => (
              <button
                key={m}
                type="button"
                aria-pressed={mode === m}
                onClick={() => setMode(m)}
                className={`rounded px-2 py-0.5 text-xs ring-1 ring-zinc-300 dark:ring-zinc-700 ${mode === m ? 'bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900' : ''}`}
              >
                {m === 'pretty' ? 'Pretty' : 'Verbatim'}
              </button>
            ))}
            <CopyButton text={raw} label="Copy bytes" />
          </div>
        }
      >
        <pre
          className="max-h-[32rem] overflow-auto rounded bg-zinc-50 p-3 font-mono text-xs leading-relaxed break-all whitespace-pre-wrap dark:bg-zinc-950"
          data-testid="raw-manifest"
          tabIndex={0}
        >
          {text}
        </pre>
      </Card>
      <Card title="Response headers">
        <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[14rem_1fr]">
          {(
            [
              ['Content-Type', headers.contentType],
              ['Docker-Content-Digest', headers.dockerContentDigest],
              ['Content-Length', headers.contentLength?.toString()],
            ] as const
          ).map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{k}</dt>
              <dd className="font-mono text-xs break-all">{v ?? '(not sent)'}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card title="Same thing from the command line">
        <ul className="flex flex-col gap-2">
          {inspectCommands(reference, insecure).map(([tool, cmd]) => (
            <li key={tool} className="flex items-center justify-between gap-2">
              <code className="font-mono text-xs break-all">{cmd}</code>
              <CopyButton text={cmd} />
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
