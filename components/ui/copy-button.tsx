'use client';

import { useState } from 'react';

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      aria-label={`${label}: ${text.length > 80 ? `${text.slice(0, 80)}…` : text}`}
      className="shrink-0 rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap text-zinc-800 ring-1 ring-zinc-400 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-200 dark:ring-zinc-600 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        });
      }}
    >
      {copied ? 'Copied' : label}
    </button>
  );
}
