// The reference grammar (distribution/reference's regexp.go) and the checks parseReference and
// withDigest share; each returns what is wrong, reference.ts says where.
// distribution/reference regexp.go, anchored.
export const PATH_COMPONENT_RE = /^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$/;
export const TAG_RE = /^[\w][\w.-]{0,127}$/;
const DOMAIN_NAME_RE =
  /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*$/;
const IPV6_RE = /^\[[a-fA-F0-9:]+\]$/;
const PORT_RE = /^[0-9]+$/;
const DIGEST_GRAMMAR_RE = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
export const IDENTIFIER_RE = /^[a-f0-9]{64}$/;
const DIGEST_HEX_LENGTH: Record<string, number> = { sha256: 64, sha512: 128 };
export const TRANSPORT_PREFIX_RE = /^docker:\/\//i;

/** Returns what is wrong with a registry host[:port], or undefined when it is valid. */
export function registryProblem(domain: string): string | undefined {
  let host = domain;
  let port: string | undefined;
  if (domain.startsWith('[')) {
    const close = domain.indexOf(']');
    if (close === -1) return "IPv6 address is missing its closing ']'";
    host = domain.slice(0, close + 1);
    const rest = domain.slice(close + 1);
    if (rest !== '') {
      if (!rest.startsWith(':')) return "expected ':port' after the IPv6 address";
      port = rest.slice(1);
    }
    if (!IPV6_RE.test(host)) return 'invalid IPv6 address';
  } else {
    const colon = domain.indexOf(':');
    if (colon !== -1) {
      host = domain.slice(0, colon);
      port = domain.slice(colon + 1);
    }
    if (host === '') return 'missing host name';
    if (!DOMAIN_NAME_RE.test(host)) {
      return 'a host name is letters, digits and inner hyphens, in dot-separated labels';
    }
  }
  if (port !== undefined) {
    if (!PORT_RE.test(port)) return `invalid port "${port}"`;
    const n = Number(port);
    if (n < 1 || n > 65535) return `port ${port} is out of range`;
  }
  return undefined;
}

/** Returns nothing for a valid sha256/sha512 digest; calls `fail` with what is wrong otherwise. */
export function checkDigest(digest: string, fail: (what: string, why: string) => never): void {
  const what = `invalid digest "${digest}"`;
  if (!DIGEST_GRAMMAR_RE.test(digest)) {
    fail(what, 'expected algorithm:hex, e.g. sha256:<64 hex characters>');
  }
  const colon = digest.indexOf(':');
  const algorithm = digest.slice(0, colon);
  const hex = digest.slice(colon + 1);
  const expected = DIGEST_HEX_LENGTH[algorithm];
  if (expected === undefined) {
    fail(what, `unsupported digest algorithm "${algorithm}" (use sha256 or sha512)`);
  }
  if (hex.length !== expected || !/^[a-f0-9]+$/.test(hex)) {
    fail(what, `a ${algorithm} digest is ${expected} lowercase hex characters, not ${hex.length}`);
  }
}

/** Returns the index of the first character no path component may hold, if any. */
export function firstBadCharacter(component: string): number | undefined {
  const i = component.search(/[^a-z0-9._-]/);
  return i === -1 ? undefined : i;
}
