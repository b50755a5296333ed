'use client';

import { useCallback, useState } from 'react';

/**
 * Returns a piece of UI state mirrored into the URL's query string (so the page can be shared as
 * it is seen) without a navigation: history.replaceState, which Next's router keeps in sync.
 * The parameter is removed while the value equals `defaultValue`.
 */
export function useUrlParam<T extends string>(
  name: string,
  defaultValue: T,
  initialValue: T,
): [T, (next: T) => void] {
  const [value, setValue] = useState<T>(initialValue);
  const update = useCallback(
    (next: T) => {
      setValue(next);
      const params = new URLSearchParams(window.location.search);
      if (next === defaultValue) params.delete(name);
      else params.set(name, next);
      const search = params.toString();
      window.history.replaceState(
        null,
        '',
        `${window.location.pathname}${search ? `?${search}` : ''}${window.location.hash}`,
      );
    },
    [name, defaultValue],
  );
  return [value, update];
}
