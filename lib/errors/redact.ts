const SECRET_PARAMS =
  /^(access_token|token|password|passwd|secret|x-amz-signature|signature|sig)$/i;

/** Returns the URL with userinfo and secret-looking query parameters removed. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    for (const key of [...u.searchParams.keys()]) {
      if (SECRET_PARAMS.test(key)) u.searchParams.set(key, 'REDACTED');
    }
    return u.toString();
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//');
  }
}
