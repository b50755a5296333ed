import { Writable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { createLogger } from './log';
import { withRequestId } from './request-id';

function capture(): { lines: Record<string, unknown>[]; stream: Writable } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
}

describe('the JSON logger', () => {
  it('writes one JSON object a line with the current request id', () => {
    const { lines, stream } = capture();
    const log = createLogger('info', stream);
    withRequestId('req-1', () => log.info({ route: '/api/x' }, 'request'));
    log.info('outside');
    expect(lines[0]).toMatchObject({ level: 30, msg: 'request', route: '/api/x', reqId: 'req-1' });
    expect(typeof lines[0]!.time).toBe('string');
    expect(lines[1]).not.toHaveProperty('reqId');
  });

  it.each([
    [{ authorization: 'Bearer abc.def' }],
    [{ cookie: 'manifold_session=s3cr3t' }],
    [{ password: 's3cr3t' }],
    [{ token: 's3cr3t' }],
    [{ secret: 's3cr3t' }],
    [{ req: { headers: { authorization: 'Basic s3cr3t', cookie: 's3cr3t' } } }],
    [{ registry: { password: 's3cr3t', credentials: { username: 'u', password: 's3cr3t' } } }],
  ])('redacts %j', (obj) => {
    const { lines, stream } = capture();
    createLogger('info', stream).info(obj, 'x');
    const text = JSON.stringify(lines[0]);
    expect(text).not.toContain('s3cr3t');
    expect(text).not.toContain('abc.def');
    expect(text).toContain('[redacted]');
  });
});
