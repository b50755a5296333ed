'use client';

import Link from 'next/link';
import { useEffect, useSyncExternalStore } from 'react';

import { repositoryPath } from '@/lib/paths';

const KEY = 'manifold.recent-repositories';
const MAX = 8;
const EVENT = 'manifold:recent-repositories';

interface Opened {
  host: string;
  repository: string;
}

function read(): string {
  try {
    return window.localStorage.getItem(KEY) ?? '[]';
  } catch {
    return '[]';
  }
}

function parse(text: string): Opened[] {
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return [];
    return value.filter(
      (v): v is Opened =>
        typeof v === 'object' &&
        v !== null &&
        typeof (v as Opened).host === 'string' &&
        typeof (v as Opened).repository === 'string',
    );
  } catch {
    return [];
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('storage', onChange);
  window.addEventListener(EVENT, onChange);
  return () => {
    window.removeEventListener('storage', onChange);
    window.removeEventListener(EVENT, onChange);
  };
}

/** Remembers, in this browser only, that a repository was opened (newest first, a few kept). */
export function RememberRepository({ host, repository }: Opened) {
  useEffect(() => {
    const list = parse(read()).filter((r) => r.host !== host || r.repository !== repository);
    try {
      window.localStorage.setItem(
        KEY,
        JSON.stringify([{ host, repository }, ...list].slice(0, MAX)),
      );
      window.dispatchEvent(new Event(EVENT));
    } catch {
      // Storage full or disabled: the home page simply shows nothing.
    }
  }, [host, repository]);
  return null;
}

/** The repositories last opened in this browser, newest first (kept in localStorage, never sent anywhere). */
export function RecentRepositories() {
  const text = useSyncExternalStore(subscribe, read, () => '[]');
  const list = parse(text);
  if (list.length === 0)
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Repositories you open appear here (remembered in this browser only).
      </p>
    );
  return (
    <ul className="flex flex-col gap-1" aria-label="Recently opened repositories">
      {list.map((r) => (
        <li key={`${r.host}/${r.repository}`} className="min-w-0">
          <Link
            href={repositoryPath(r.host, r.repository)}
            className="block truncate font-mono text-sm text-sky-700 hover:underline dark:text-sky-400"
            title={`${r.host}/${r.repository}`}
          >
            <span className="text-zinc-500 dark:text-zinc-400">{r.host}/</span>
            {r.repository}
          </Link>
        </li>
      ))}
    </ul>
  );
}
