import { describe, expect, it } from 'vitest';

import { isAppError } from '@/lib/errors';
import { parseInput } from '@/lib/http/input';

import { scanParamsSchema } from './params';

function validationOf(patterns: string[]): { message: string; fields: string[] } {
  try {
    parseInput(scanParamsSchema, { registry: 'r', tagRule: { kind: 'pattern', patterns } });
  } catch (err) {
    if (isAppError(err) && err.code === 'VALIDATION')
      return { message: err.message, fields: Object.keys(err.fieldErrors ?? {}) };
  }
  return { message: 'accepted', fields: [] };
}

describe('scan parameters', () => {
  it('accepts tag patterns within the caps', () => {
    expect(validationOf(['v*', 'v1.?', '*-rc?*']).message).toBe('accepted');
  });

  it('refuses a pattern with too many wildcards as VALIDATION naming the field', () => {
    const bad = validationOf(['latest', '*?'.repeat(30)]);
    expect(bad.message).toContain('tagRule.patterns.1');
    expect(bad.message).toContain('at most 16 wildcards');
    expect(bad.fields).toEqual(['tagRule']);
  });
});
