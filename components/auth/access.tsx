'use client';

import { createContext, useContext, type ReactNode } from 'react';

import { accessDenial, OPEN_ACCESS, type AccessView } from '@/lib/auth/access-view';
import type { Role, Target } from '@/lib/auth/roles';

const AccessContext = createContext<AccessView>(OPEN_ACCESS);

/** Hands the server-computed AccessView to every control below it. */
export function AccessProvider({ value, children }: { value: AccessView; children: ReactNode }) {
  return <AccessContext.Provider value={value}>{children}</AccessContext.Provider>;
}

/** Returns the user's rights as the server computed them (the API enforces the same rules). */
export function useAccess(): AccessView {
  return useContext(AccessContext);
}

/** Returns undefined when the user may act with `role` on target, else why not ("… needs the admin role"). */
export function useDenial(role: Role, target?: Target, action = 'This'): string | undefined {
  const denial = accessDenial(useAccess(), role, target);
  return denial?.replace(/^This/, action);
}

/**
 * Renders `children` (a write control) when the user holds `role` on target; otherwise nothing,
 * or with `note` a small line saying why the control is missing (e.g. "Delete needs the admin role").
 */
export function RoleGate({
  role,
  target,
  action,
  note = false,
  children,
}: {
  role: Role;
  target?: Target;
  action: string;
  note?: boolean;
  children: ReactNode;
}) {
  const denial = useDenial(role, target, action);
  if (!denial) return <>{children}</>;
  if (!note) return null;
  return (
    <span className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="missing-control">
      {denial}
    </span>
  );
}
