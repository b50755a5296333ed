import { AppError } from '@/lib/errors';

/** One challenge of a `WWW-Authenticate` header (RFC 7235 section 4.1). */
export interface Challenge {
  /** Lowercased scheme: 'basic', 'bearer', or whatever else the server sent. */
  scheme: string;
  /** Auth parameters, keys lowercased, values unquoted and unescaped. First occurrence wins. */
  params: Record<string, string>;
  /** The token68 form (`Negotiate abc==`), when the challenge used it instead of parameters. */
  token68?: string;
}

// RFC 7230 tchar.
const TCHAR_RE = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const TOKEN68_RE = /^[A-Za-z0-9\-._~+/]+=*/;

/**
 * Returns every challenge in the header value(s), in order; [] for null or empty.
 * Handles several challenges in one header, quoted strings with backslash escapes and commas,
 * unquoted values, token68 and stray whitespace/commas. Never throws: unreadable parts are skipped.
 */
export function parseWwwAuthenticate(
  header: string | readonly string[] | null | undefined,
): Challenge[] {
  if (header === null || header === undefined) return [];
  if (typeof header !== 'string') return header.flatMap((h) => parseWwwAuthenticate(h));
  return new ChallengeParser(header).parse();
}

/**
 * Returns the absolute token endpoint for a realm, resolving a relative realm against the URL of
 * the request that was challenged. Throws INVALID_RESPONSE when it is not an http(s) URL.
 */
export function resolveRealm(realm: string, requestUrl: string | URL): string {
  let url: URL;
  try {
    url = new URL(realm, requestUrl);
  } catch (cause) {
    throw new AppError('INVALID_RESPONSE', `The registry sent an invalid auth realm "${realm}"`, {
      cause,
    });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError(
      'INVALID_RESPONSE',
      `The registry's auth realm "${realm}" is not an http(s) URL`,
    );
  }
  return url.toString();
}

/** Returns the scopes of a space-separated `scope` parameter ('' or undefined -> []). */
export function parseScopes(scope: string | undefined): string[] {
  return (scope ?? '').split(/\s+/).filter((s) => s !== '');
}

/** Returns true when the challenge says the token lacked a scope (`error="insufficient_scope"`). */
export function insufficientScope(challenge: Challenge): boolean {
  return challenge.params.error === 'insufficient_scope';
}

/** Returns the first challenge with the given scheme (case-insensitive), if any. */
export function findChallenge(
  challenges: readonly Challenge[],
  scheme: string,
): Challenge | undefined {
  const wanted = scheme.toLowerCase();
  return challenges.find((c) => c.scheme === wanted);
}

class ChallengeParser {
  private pos = 0;

  constructor(private readonly s: string) {}

  parse(): Challenge[] {
    const out: Challenge[] = [];
    for (;;) {
      this.skipListSeparators();
      if (this.pos >= this.s.length) return out;
      const scheme = this.token();
      if (scheme === '') {
        this.skipToComma();
        continue;
      }
      const challenge: Challenge = { scheme: scheme.toLowerCase(), params: {} };
      out.push(challenge);
      if (!this.spaces()) continue; // scheme alone, or directly followed by ','
      const token68 = this.tryToken68();
      if (token68 !== undefined) {
        challenge.token68 = token68;
        continue;
      }
      this.params(challenge);
    }
  }

  /** Reads `name=value` pairs of one challenge until the next challenge or the end. */
  private params(challenge: Challenge): void {
    for (;;) {
      const start = this.pos;
      const name = this.token();
      this.ows();
      if (name === '' || this.s[this.pos] !== '=') {
        this.pos = start;
        this.skipToComma();
      } else {
        this.pos++;
        this.ows();
        const value = this.s[this.pos] === '"' ? this.quoted() : this.unquoted();
        const key = name.toLowerCase();
        if (!(key in challenge.params)) challenge.params[key] = value;
        this.ows();
        if (this.pos < this.s.length && this.s[this.pos] !== ',') this.skipToComma();
      }
      // Now at ',' or the end. Another parameter follows only if the next item is `token =`.
      if (!this.nextIsParam()) return;
    }
  }

  private nextIsParam(): boolean {
    const save = this.pos;
    this.skipListSeparators();
    const afterSeparators = this.pos;
    const name = this.token();
    this.ows();
    const isParam = name !== '' && this.s[this.pos] === '=';
    this.pos = isParam ? afterSeparators : save;
    return isParam;
  }

  private tryToken68(): string | undefined {
    const m = TOKEN68_RE.exec(this.s.slice(this.pos));
    if (!m) return undefined;
    let end = this.pos + m[0].length;
    while (end < this.s.length && (this.s[end] === ' ' || this.s[end] === '\t')) end++;
    if (end < this.s.length && this.s[end] !== ',') return undefined;
    // `name=` followed by ',' or the end is a parameter with an empty value in practice, not token68.
    if (
      /^[A-Za-z0-9\-._~+/]+=$/.test(m[0]) &&
      end === this.pos + m[0].length &&
      end < this.s.length
    ) {
      return undefined;
    }
    this.pos = end;
    return m[0];
  }

  private token(): string {
    const start = this.pos;
    while (this.pos < this.s.length && TCHAR_RE.test(this.s[this.pos] ?? '')) this.pos++;
    return this.s.slice(start, this.pos);
  }

  /** An unquoted value: a token per the RFC, but read up to ',' so unquoted URLs survive. */
  private unquoted(): string {
    const start = this.pos;
    while (this.pos < this.s.length && this.s[this.pos] !== ',') this.pos++;
    return this.s.slice(start, this.pos).trim();
  }

  private quoted(): string {
    let out = '';
    this.pos++; // opening quote
    while (this.pos < this.s.length) {
      const c = this.s[this.pos++];
      if (c === '"') return out;
      if (c === '\\' && this.pos < this.s.length) out += this.s[this.pos++];
      else out += c;
    }
    return out; // unterminated: take the rest
  }

  /** Skips spaces; returns true when at least one was skipped and input remains that is not ','. */
  private spaces(): boolean {
    const start = this.pos;
    this.ows();
    return this.pos > start && this.pos < this.s.length && this.s[this.pos] !== ',';
  }

  private ows(): void {
    while (this.s[this.pos] === ' ' || this.s[this.pos] === '\t') this.pos++;
  }

  private skipListSeparators(): void {
    while (this.pos < this.s.length && /[\s,]/.test(this.s[this.pos] ?? '')) this.pos++;
  }

  private skipToComma(): void {
    while (this.pos < this.s.length && this.s[this.pos] !== ',') {
      if (this.s[this.pos] === '"') this.quoted();
      else this.pos++;
    }
  }
}
