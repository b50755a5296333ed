import { AppError } from '@/lib/errors';

/** The OCI `platform` object of an index entry (image-spec image-index.md). */
export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
  'os.version'?: string;
  'os.features'?: string[];
  /** Reserved in OCI; Docker lists use it for CPU features. */
  features?: string[];
}

export interface FormatPlatformOptions {
  /** Append ` (<os.version>)` when the platform has one, e.g. 'windows/amd64 (10.0.20348.2227)'. */
  osVersion?: boolean;
}

// containerd/platforms: platform specifier components and `os(version)`.
const COMPONENT_RE = /^[A-Za-z0-9_.-]+$/;
const OS_AND_VERSION_RE = /^([A-Za-z0-9_-]+)(?:\(([A-Za-z0-9_.-]*)\))?$/;

/**
 * Returns the platform written as `os/arch[/variant]`. The OS version may be given containerd's way,
 * `windows(10.0.20348.2227)/amd64`, or appended, `windows/amd64:10.0.20348.2227`.
 * Values are kept as written (no aliasing): call normalizePlatform to compare.
 * Throws INVALID_PLATFORM for anything else.
 */
export function parsePlatform(s: string): Platform {
  const fail = (why: string): never => {
    throw new AppError('INVALID_PLATFORM', `Invalid platform "${s}": ${why}`);
  };
  let spec = s.trim();
  if (spec === '') fail('it is empty; expected os/arch[/variant], e.g. linux/amd64');

  let osVersion: string | undefined;
  const colon = spec.indexOf(':');
  if (colon !== -1) {
    osVersion = spec.slice(colon + 1);
    spec = spec.slice(0, colon);
    if (!COMPONENT_RE.test(osVersion)) fail(`invalid OS version "${osVersion}"`);
  }

  const parts = spec.split('/');
  if (parts.length < 2 || parts.length > 3) {
    fail('expected os/arch[/variant], e.g. linux/amd64 or linux/arm/v7');
  }
  const [osPart = '', architecture = '', variant] = parts;
  const osMatch = OS_AND_VERSION_RE.exec(osPart);
  if (!osMatch) fail(`invalid OS "${osPart}"`);
  const os = osMatch?.[1] ?? '';
  if (osMatch?.[2] !== undefined) {
    if (osVersion !== undefined) fail('the OS version is given twice');
    osVersion = osMatch[2] || undefined;
  }
  if (!COMPONENT_RE.test(architecture)) fail(`invalid architecture "${architecture}"`);
  if (variant !== undefined && !COMPONENT_RE.test(variant)) fail(`invalid variant "${variant}"`);

  const p: Platform = { os, architecture };
  if (variant !== undefined) p.variant = variant;
  if (osVersion !== undefined) p['os.version'] = osVersion;
  return p;
}

/** Returns 'os/arch[/variant]', with ' (<os.version>)' appended when `opts.osVersion` is set. */
export function formatPlatform(p: Platform, opts: FormatPlatformOptions = {}): string {
  let out = `${p.os}/${p.architecture}`;
  if (p.variant) out += `/${p.variant}`;
  if (opts.osVersion && p['os.version']) out += ` (${p['os.version']})`;
  return out;
}

/**
 * Returns the platform in containerd's canonical form (containerd/platforms `Normalize`):
 * OS lowercased, macos -> darwin; aarch64 -> arm64 and arm64 v8 -> no variant (v9 kept);
 * x86_64/x86-64 -> amd64 and amd64 v1 -> no variant; i386 -> 386; armhf -> arm/v7;
 * armel -> arm/v6; arm without variant -> arm/v7 (so linux/arm == linux/arm/v7).
 * Empty optional fields are dropped; other fields are kept.
 */
export function normalizePlatform(p: Platform): Platform {
  let os = p.os.trim().toLowerCase();
  if (os === 'macos') os = 'darwin';
  let architecture = p.architecture.trim().toLowerCase();
  let variant = (p.variant ?? '').trim().toLowerCase();

  switch (architecture) {
    case 'i386':
      architecture = '386';
      variant = '';
      break;
    case 'x86_64':
    case 'x86-64':
    case 'amd64':
      architecture = 'amd64';
      if (variant === 'v1') variant = '';
      break;
    case 'aarch64':
    case 'arm64':
      architecture = 'arm64';
      if (variant === '8' || variant === 'v8' || variant === 'v8.0') variant = '';
      else if (variant === '9' || variant === '9.0' || variant === 'v9.0') variant = 'v9';
      break;
    case 'armhf':
      architecture = 'arm';
      variant = 'v7';
      break;
    case 'armel':
      architecture = 'arm';
      variant = 'v6';
      break;
    case 'arm':
      if (variant === '' || variant === '7') variant = 'v7';
      else if (variant === '5' || variant === '6' || variant === '8') variant = `v${variant}`;
      break;
  }

  const out: Platform = { ...p, os, architecture };
  if (variant) out.variant = variant;
  else delete out.variant;
  if (!p['os.version']) delete out['os.version'];
  if (!p['os.features']?.length) delete out['os.features'];
  if (!p.features?.length) delete out.features;
  return out;
}

/**
 * Returns the identity of a platform after normalisation, for duplicate detection:
 * `os/arch[/variant][:os.version][+os.features...][#features...]` (feature lists sorted).
 */
export function platformKey(p: Platform): string {
  const n = normalizePlatform(p);
  let key = formatPlatform(n);
  if (n['os.version']) key += `:${n['os.version']}`;
  if (n['os.features']?.length) key += `+${[...n['os.features']].sort().join(',')}`;
  if (n.features?.length) key += `#${[...n.features].sort().join(',')}`;
  return key;
}

/** Returns true when both platforms are the same after normalisation (linux/arm64 == linux/arm64/v8). */
export function platformsEqual(a: Platform, b: Platform): boolean {
  return platformKey(a) === platformKey(b);
}

const ARCH_ORDER = ['amd64', 'arm64', 'arm', '386', 'ppc64le', 's390x', 'riscv64', 'mips64le'];
const collator = new Intl.Collator('en', { numeric: true });

/**
 * Returns a negative, zero or positive number ordering platforms for display: linux first, other
 * OSes alphabetically, unknown/unknown last; then amd64, arm64, arm, 386, ppc64le, s390x, riscv64,
 * mips64le, other architectures alphabetically; then variant (none first, v6 < v7 < v10);
 * then os.version (numeric-aware).
 */
export function comparePlatforms(a: Platform, b: Platform): number {
  const na = normalizePlatform(a);
  const nb = normalizePlatform(b);
  return (
    Number(isUnknownPlatform(na)) - Number(isUnknownPlatform(nb)) ||
    osRank(na.os) - osRank(nb.os) ||
    collator.compare(na.os, nb.os) ||
    archRank(na.architecture) - archRank(nb.architecture) ||
    collator.compare(na.architecture, nb.architecture) ||
    collator.compare(na.variant ?? '', nb.variant ?? '') ||
    collator.compare(na['os.version'] ?? '', nb['os.version'] ?? '')
  );
}

/** Returns true for BuildKit's `unknown/unknown` placeholder platform (attestations); false when absent. */
export function isUnknownPlatform(p?: Platform): boolean {
  return (
    p !== undefined &&
    p.os.toLowerCase() === 'unknown' &&
    p.architecture.toLowerCase() === 'unknown'
  );
}

function osRank(os: string): number {
  return os === 'linux' ? 0 : 1;
}

function archRank(arch: string): number {
  const i = ARCH_ORDER.indexOf(arch);
  return i === -1 ? ARCH_ORDER.length : i;
}
