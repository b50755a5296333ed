import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const IMPORT_RE = /^\s*(?:import|export)\s+(type\s+)?[^'";]*?from\s*['"]([^'"]+)['"]/gm;

/** Returns every module a file imports at runtime (type-only imports are erased), followed transitively. */
function runtimeImports(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT_RE)) {
      const spec = m[2]!;
      if (m[1]) continue;
      const base = spec.startsWith('@/')
        ? path.join(ROOT, spec.slice(2))
        : spec.startsWith('.')
          ? path.resolve(path.dirname(file), spec)
          : undefined;
      if (base === undefined) packages.add(spec);
      else visit(resolveModule(base));
    }
  };
  visit(entry);
  return { files: [...files].map((f) => path.relative(ROOT, f)).sort(), packages: [...packages] };
}

function resolveModule(base: string): string {
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) {
    try {
      readFileSync(candidate);
      return candidate;
    } catch {
      // try the next form
    }
  }
  throw new Error(`cannot resolve ${base}`);
}

describe('the browser entry @/lib/registry/pure', () => {
  it('reaches no package and no Node module, only the model files and @/lib/errors', () => {
    const { files, packages } = runtimeImports(path.join(ROOT, 'lib/registry/pure.ts'));
    expect(packages).toEqual([]);
    expect(files.filter((f) => !f.startsWith('lib/errors/'))).toEqual([
      'lib/registry/descriptor.ts',
      'lib/registry/digest.ts',
      'lib/registry/media-types.ts',
      'lib/registry/platform.ts',
      'lib/registry/pure.ts',
      'lib/registry/reference-grammar.ts',
      'lib/registry/reference.ts',
    ]);
  });

  it('would see a Node import (the check can fail)', () => {
    const { packages } = runtimeImports(path.join(ROOT, 'lib/registry/hash.ts'));
    expect(packages).toContain('node:crypto');
  });
});
