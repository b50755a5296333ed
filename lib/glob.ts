import { AppError } from '@/lib/errors';

/**
 * Wildcard patterns from users and config (tag rules, grants, allowed hosts). They are matched
 * here, never turned into a RegExp: a pattern like `*?*?*?…a` made the backtracking engine spend
 * tens of seconds on one tag and froze the server.
 */

/** Longest pattern accepted, in characters. */
export const GLOB_MAX_LENGTH = 255;
/** Most `*` and `?` a pattern may hold. */
export const GLOB_MAX_WILDCARDS = 16;

export interface GlobSyntax {
  /** `?` stands for one character (tag rules); otherwise it is a literal `?` (grants, hosts). */
  question?: boolean;
  /** Letters match whatever their case (host and repository patterns). */
  ignoreCase?: boolean;
}

function isWildcard(c: string, syntax: GlobSyntax): boolean {
  return c === '*' || (c === '?' && syntax.question === true);
}

/** Returns what is wrong with a pattern (too long, too many wildcards), or undefined when it may be used. */
export function globProblem(pattern: string, syntax: GlobSyntax = {}): string | undefined {
  if (pattern.length > GLOB_MAX_LENGTH)
    return `a pattern is at most ${GLOB_MAX_LENGTH} characters, not ${pattern.length}`;
  let wildcards = 0;
  for (const c of pattern) if (isWildcard(c, syntax)) wildcards++;
  if (wildcards > GLOB_MAX_WILDCARDS)
    return `a pattern holds at most ${GLOB_MAX_WILDCARDS} wildcards (* or ?), not ${wildcards}`;
  return undefined;
}

/** Returns a zod `superRefine` check adding an issue (`<what> "<pattern>": <problem>`) for a pattern over the caps. */
export function globCheck(what: string, syntax: GlobSyntax = {}) {
  return (pattern: string, ctx: { addIssue(issue: { code: 'custom'; message: string }): void }) => {
    const problem = globProblem(pattern, syntax);
    if (problem) ctx.addIssue({ code: 'custom', message: `${what} "${pattern}": ${problem}` });
  };
}

/** Returns true when `part` (no `*` in it) matches `value` at `at`, `?` matching any one character. */
function partAt(part: string, value: string, at: number, question: boolean): boolean {
  for (let i = 0; i < part.length; i++) {
    const p = part[i];
    if (!(question && p === '?') && p !== value[at + i]) return false;
  }
  return true;
}

/** Returns where `part` first matches in `value` at or after `from`, or -1. */
function findPart(part: string, value: string, from: number, question: boolean): number {
  for (let at = from; at + part.length <= value.length; at++)
    if (partAt(part, value, at, question)) return at;
  return -1;
}

/**
 * Returns true when `value` matches `pattern`, `*` standing for any run of characters (and `?` for
 * one, when the syntax says so). Time is at most |value| x |pattern|: the parts between stars
 * have fixed lengths, so placing each at its leftmost fit is never wrong and nothing is retried.
 * Throws VALIDATION when the pattern is over the caps (globProblem).
 */
export function globMatch(pattern: string, value: string, syntax: GlobSyntax = {}): boolean {
  const problem = globProblem(pattern, syntax);
  if (problem) throw new AppError('VALIDATION', `Invalid pattern: ${problem}.`);
  const p = syntax.ignoreCase ? pattern.toLowerCase() : pattern;
  const v = syntax.ignoreCase ? value.toLowerCase() : value;
  const q = syntax.question === true;
  const parts = p.split('*');
  const first = parts[0] ?? '';
  if (parts.length === 1) return v.length === p.length && partAt(p, v, 0, q);
  const last = parts[parts.length - 1] ?? '';
  if (v.length < first.length + last.length) return false;
  if (!partAt(first, v, 0, q) || !partAt(last, v, v.length - last.length, q)) return false;
  let at = first.length;
  const end = v.length - last.length;
  for (const part of parts.slice(1, -1)) {
    const found = findPart(part, v.slice(0, end), at, q);
    if (found === -1) return false;
    at = found + part.length;
  }
  return true;
}
