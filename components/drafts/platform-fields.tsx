'use client';

import type { Platform } from '@/lib/registry';

/** Hand-set platform fields, as text (lists are comma separated). */
export interface PlatformFieldValues {
  os: string;
  architecture: string;
  variant: string;
  osVersion: string;
  osFeatures: string;
  features: string;
}

export const emptyPlatformFields: PlatformFieldValues = {
  os: '',
  architecture: '',
  variant: '',
  osVersion: '',
  osFeatures: '',
  features: '',
};

/** Returns the text fields of a platform. */
export function platformToFields(p: Platform | undefined): PlatformFieldValues {
  return {
    os: p?.os ?? '',
    architecture: p?.architecture ?? '',
    variant: p?.variant ?? '',
    osVersion: p?.['os.version'] ?? '',
    osFeatures: (p?.['os.features'] ?? []).join(', '),
    features: (p?.features ?? []).join(', '),
  };
}

const list = (s: string): string[] =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** Returns the platform patch of the fields: '' for an emptied field (which removes it), lists split on commas. */
export function fieldsToPlatform(f: PlatformFieldValues): Record<string, string | string[]> {
  return {
    os: f.os.trim(),
    architecture: f.architecture.trim(),
    variant: f.variant.trim(),
    'os.version': f.osVersion.trim(),
    'os.features': list(f.osFeatures),
    features: list(f.features),
  };
}

/** Returns only the fields the user filled in (for adding: empty fields keep what the image's config says). */
export function filledPlatform(
  f: PlatformFieldValues,
): Record<string, string | string[]> | undefined {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(fieldsToPlatform(f))) {
    if (Array.isArray(v) ? v.length > 0 : v !== '') out[k] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

/** Parses `key=value` lines into annotations; returns the line that is not one as an error. */
export function parseAnnotationLines(
  text: string,
): { annotations: Record<string, string> } | { error: string } {
  const annotations: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) return { error: `"${line}" is not key=value` };
    annotations[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return { annotations };
}

const inputClass =
  'w-full rounded-md border border-zinc-300 bg-white px-2 py-1 font-mono text-sm shadow-sm dark:border-zinc-700 dark:bg-zinc-900';

const FIELDS: {
  key: keyof PlatformFieldValues;
  label: string;
  placeholder: string;
  flag: string;
}[] = [
  { key: 'os', label: 'OS', placeholder: 'linux', flag: '--os' },
  { key: 'architecture', label: 'Architecture', placeholder: 'amd64', flag: '--arch' },
  { key: 'variant', label: 'Variant', placeholder: 'v8', flag: '--variant' },
  { key: 'osVersion', label: 'OS version', placeholder: '10.0.20348.2227', flag: '--os-version' },
  { key: 'osFeatures', label: 'OS features', placeholder: 'win32k', flag: '--os-features' },
  { key: 'features', label: 'CPU features', placeholder: 'sse4', flag: '--features' },
];

/** The six platform inputs (`podman manifest add --os --arch --variant --os-version --os-features --features`). */
export function PlatformFields({
  idPrefix,
  value,
  onChange,
  placeholders,
}: {
  idPrefix: string;
  value: PlatformFieldValues;
  onChange: (next: PlatformFieldValues) => void;
  placeholders?: Partial<PlatformFieldValues>;
}) {
  return (
    <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
      {FIELDS.map((f) => (
        <div key={f.key} className="flex flex-col gap-0.5">
          <label
            htmlFor={`${idPrefix}-${f.key}`}
            className="text-xs font-medium text-zinc-600 dark:text-zinc-400"
            title={`like ${f.flag}`}
          >
            {f.label}
          </label>
          <input
            id={`${idPrefix}-${f.key}`}
            value={value[f.key]}
            placeholder={placeholders?.[f.key] || f.placeholder}
            onChange={(e) => onChange({ ...value, [f.key]: e.target.value })}
            className={inputClass}
            spellCheck={false}
            autoComplete="off"
          />
        </div>
      ))}
    </div>
  );
}
