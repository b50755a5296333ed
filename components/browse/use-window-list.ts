'use client';

import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';

// Rendered on the server and in the first browser render, before the window can be measured.
const INITIAL_RECT = { width: 1280, height: 960 };

/**
 * A window-scrolled virtual list: the page scrolls as usual (no nested scroll box on phones) and
 * only the rows near the viewport are mounted. Attach `ref` to the list's container.
 */
export function useWindowList<T extends HTMLElement>({
  count,
  estimateSize,
  overscan = 8,
  getItemKey,
  onEndReached,
}: {
  count: number;
  estimateSize: (index: number) => number;
  overscan?: number;
  getItemKey?: (index: number) => string | number;
  /** Called while the last row is mounted (scrolled into reach): where infinite scroll loads the next page. */
  onEndReached?: (() => void) | undefined;
}) {
  const ref = useRef<T>(null);
  const [scrollMargin, setScrollMargin] = useState(0);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    // The list starts below the toolbar; its offset moves when anything above it changes height.
    const measure = (): void => setScrollMargin(el.getBoundingClientRect().top + window.scrollY);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);

  const virtualizer = useWindowVirtualizer({
    count,
    estimateSize,
    overscan,
    scrollMargin,
    initialRect: INITIAL_RECT,
    ...(getItemKey ? { getItemKey } : {}),
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? (items[items.length - 1]?.index ?? -1) : -1;
  useEffect(() => {
    if (onEndReached && count > 0 && lastIndex >= count - 1) onEndReached();
  }, [onEndReached, lastIndex, count]);

  return { ref, virtualizer, scrollMargin, items };
}
