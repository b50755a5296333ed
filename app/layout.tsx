import type { Metadata } from 'next';
import Image from 'next/image';
import Link from 'next/link';
import type { ReactNode } from 'react';

import { AccessProvider } from '@/components/auth/access';
import { UserMenu } from '@/components/auth/user-menu';
import { accessViewOf, pagePrincipal } from '@/lib/auth/page-principal';

import './globals.css';
import { Providers } from './providers';

export const metadata: Metadata = {
  title: { default: 'Manifold', template: '%s · Manifold' },
  description: 'Inspect, build, push, retag, copy and delete container image manifest lists.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Who is asking decides which controls the pages show; the API enforces it on every request.
  const access = accessViewOf(await pagePrincipal());
  return (
    <html lang="en">
      <body className="min-h-screen">
        <a
          href="#main"
          className="sr-only rounded-md bg-white text-sm font-medium text-sky-700 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:px-3 focus:py-2 dark:bg-zinc-900 dark:text-sky-400"
        >
          Skip to content
        </a>
        <Providers>
          <AccessProvider value={access}>
            <header className="border-b border-zinc-200 dark:border-zinc-800">
              <nav
                className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:gap-x-6"
                aria-label="Main"
              >
                <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
                  <Image src="/logo.svg" alt="" width={20} height={20} unoptimized priority />
                  Manifold
                </Link>
                <Link
                  href="/"
                  className="text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
                >
                  Registries
                </Link>
                <Link
                  href="/drafts"
                  className="text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
                >
                  Drafts
                </Link>
                <Link
                  href="/coverage"
                  className="text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
                >
                  Coverage
                </Link>
                <Link
                  href="/activity"
                  className="text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
                >
                  Activity
                </Link>
                <UserMenu />
              </nav>
            </header>
            {access.readOnly ? (
              <div
                role="status"
                data-testid="read-only-banner"
                className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-center text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
              >
                This Manifold is read-only: you can browse and inspect, but nothing can be changed
                through it.
              </div>
            ) : null}
            <main
              id="main"
              tabIndex={-1}
              className="mx-auto max-w-7xl px-4 py-6 focus:outline-none"
            >
              {children}
            </main>
          </AccessProvider>
        </Providers>
      </body>
    </html>
  );
}
