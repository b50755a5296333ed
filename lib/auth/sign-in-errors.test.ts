import { describe, expect, it } from 'vitest';

import { AppError } from '@/lib/errors';

import { SIGN_IN_ERRORS, signInErrorCode, signInErrorMessage } from './sign-in-errors';

describe('sign-in error codes', () => {
  it('shows the fixed sentence of a known code and a generic one for anything else, never the text', () => {
    expect(signInErrorMessage('sso-expired')).toBe(SIGN_IN_ERRORS['sso-expired']);
    for (const text of ['Your account is locked: call +1 555 0100', '<b>hi</b>', 'toString']) {
      const shown = signInErrorMessage(text);
      expect([text, shown?.includes(text)]).toEqual([text, false]);
      expect(shown).toMatch(/Try again/);
    }
    expect(signInErrorMessage(undefined)).toBeUndefined();
    expect(signInErrorMessage('')).toBeUndefined();
  });

  it('names a failed single sign-on by what went wrong', () => {
    const expired = new AppError('UNAUTHENTICATED', 'x', { details: { reason: 'sso-expired' } });
    expect(signInErrorCode(expired)).toBe('sso-expired');
    expect(signInErrorCode(new AppError('NETWORK', 'x'))).toBe('sso-unreachable');
    const odd = new AppError('UNAUTHENTICATED', 'x', { details: { reason: 'made-up' } });
    expect(signInErrorCode(odd)).toBe('sso-failed');
  });
});
