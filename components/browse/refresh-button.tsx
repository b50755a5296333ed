'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';

import { Button } from '@/components/ui/button';

/** Re-renders the current page on the server (after a registry came back, say). */
export function RefreshButton({ label = 'Try again' }: { label?: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Button size="sm" disabled={pending} onClick={() => startTransition(() => router.refresh())}>
      {pending ? 'Trying…' : label}
    </Button>
  );
}
