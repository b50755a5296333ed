import type { ReactNode } from 'react';

/** A labelled checkbox that adds `value` to, or removes it from, a set of chosen values. */
export function SetCheckbox({
  value,
  chosen,
  onChange,
  children,
}: {
  value: string;
  chosen: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  children: ReactNode;
}) {
  return (
    <label className="flex items-center gap-2">
      <input
        type="checkbox"
        checked={chosen.has(value)}
        onChange={(e) => {
          const next = new Set(chosen);
          if (e.target.checked) next.add(value);
          else next.delete(value);
          onChange(next);
        }}
      />
      {children}
    </label>
  );
}
