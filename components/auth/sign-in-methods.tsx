'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';

import { Button, buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { apiFetch } from '@/lib/query/api-fetch';

const inputClass =
  'w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm shadow-sm dark:border-zinc-700 dark:bg-zinc-900';

function PasswordForm({ next }: { next: string }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () => apiFetch('/api/auth/sign-in', { method: 'POST', body: { name, password } }),
    // A full load, so the layout renders for the signed-in user.
    onSuccess: () => window.location.assign(next),
  });
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        signIn.mutate();
      }}
    >
      <label className="flex flex-col gap-1 text-sm font-medium">
        User name
        <input
          className={inputClass}
          name="username"
          autoComplete="username"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
        />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Password
        <input
          className={inputClass}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </label>
      {signIn.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {signIn.error.message}
        </p>
      ) : null}
      <Button type="submit" variant="primary" disabled={signIn.isPending}>
        Sign in
      </Button>
    </form>
  );
}

/** Every sign-in method the config names, with the error of a failed attempt. */
export function SignInMethods(props: {
  next: string;
  error: string | undefined;
  oidcName: string | undefined;
  passwords: boolean;
  proxy: boolean;
}) {
  return (
    <div className="mx-auto flex max-w-sm flex-col gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in to Manifold</h1>
      {props.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {props.error}
        </p>
      ) : null}
      {props.oidcName ? (
        <Card>
          <a
            href={`/api/auth/oidc/start?next=${encodeURIComponent(props.next)}`}
            className={`${buttonClass('primary')} w-full`}
          >
            Sign in with {props.oidcName}
          </a>
        </Card>
      ) : null}
      {props.passwords ? (
        <Card title="With a password">
          <PasswordForm next={props.next} />
        </Card>
      ) : null}
      {props.proxy ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Or open Manifold through your organisation’s sign-in proxy: it signs you in on the way.
        </p>
      ) : null}
    </div>
  );
}
