'use client';

import { useId, type ReactNode } from 'react';

const INPUT =
  'rounded-md border border-zinc-300 bg-white px-3 py-1.5 font-mono text-sm shadow-sm dark:border-zinc-700 dark:bg-zinc-950';

/** The label, search input and help line of a browser-side filter over the loaded names. */
export function FilterField({
  label,
  placeholder,
  value,
  onChange,
  narrow = false,
  help,
}: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  /** Cap the input at max-w-md (when the row has nothing else beside it). */
  narrow?: boolean;
  help: ReactNode;
}) {
  const id = useId();
  return (
    <>
      <label htmlFor={`${id}-filter`} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={`${id}-filter`}
        type="search"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
        aria-describedby={`${id}-filter-help`}
        spellCheck={false}
        autoComplete="off"
        autoCapitalize="none"
        className={`w-full ${narrow ? 'max-w-md' : ''}${INPUT}`}
      />
      <p id={`${id}-filter-help`} className="text-xs text-zinc-600 dark:text-zinc-400">
        {help}
      </p>
    </>
  );
}
