'use client';

import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';

import { Button } from './button';

const GAP = 4;
const MARGIN = 8;

/** Places the panel under the trigger, right-aligned, inside the viewport (above it when there is no room below). */
function place(trigger: HTMLElement, panel: HTMLElement): void {
  const t = trigger.getBoundingClientRect();
  const width = panel.offsetWidth;
  const height = panel.offsetHeight;
  const vw = document.documentElement.clientWidth;
  const vh = window.innerHeight;
  const left = Math.min(Math.max(MARGIN, t.right - width), Math.max(MARGIN, vw - width - MARGIN));
  const below = t.bottom + GAP;
  const top =
    below + height > vh - MARGIN && t.top - GAP - height >= MARGIN ? t.top - GAP - height : below;
  panel.style.left = `${left}px`;
  panel.style.top = `${top}px`;
}

/**
 * A button that opens a small non-modal panel in the browser's top layer (the Popover API): it is
 * drawn above everything (virtualized rows, transformed parents), closes with Escape or a click
 * outside, and returns focus to its button. `children` renders only while it is open.
 */
export function Popover({
  label,
  accessibleName,
  title,
  defaultOpen = false,
  children,
}: {
  /** The button's visible text. */
  label: ReactNode;
  /** The button's accessible name when the visible text repeats on the page (one button per row). */
  accessibleName?: string;
  /** The panel's accessible name. */
  title: string;
  /** Open as soon as it is shown (a button that itself appears on request). */
  defaultOpen?: boolean;
  children: (close: () => void) => ReactNode;
}) {
  const id = useId();
  const trigger = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const close = useCallback(() => document.getElementById(`${id}-panel`)?.hidePopover(), [id]);

  useEffect(() => {
    if (defaultOpen) panel.current?.showPopover();
  }, [defaultOpen]);

  useEffect(() => {
    const el = panel.current;
    const button = trigger.current;
    if (!open || !el || !button) return;
    const update = () => place(button, el);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    window.addEventListener('scroll', update, true);
    window.addEventListener('resize', update);
    return () => {
      observer.disconnect();
      window.removeEventListener('scroll', update, true);
      window.removeEventListener('resize', update);
    };
  }, [open]);

  return (
    <>
      <Button
        ref={trigger}
        size="sm"
        variant="secondary"
        popoverTarget={`${id}-panel`}
        aria-expanded={open}
        {...(accessibleName ? { 'aria-label': accessibleName } : {})}
      >
        {label}
      </Button>
      <div
        ref={panel}
        id={`${id}-panel`}
        popover="auto"
        role="dialog"
        aria-label={title}
        onBeforeToggle={(e) => {
          // Placed before it shows, so it never flashes in a corner; the effect refines it.
          if (e.newState === 'open' && trigger.current && panel.current)
            place(trigger.current, panel.current);
        }}
        onToggle={(e) => {
          const next = e.newState === 'open';
          setOpen(next);
          if (!next && document.activeElement === document.body) trigger.current?.focus();
        }}
        className="fixed inset-auto m-0 w-80 max-w-[calc(100vw-1rem)] rounded-lg border border-zinc-200 bg-white p-3 text-left text-sm text-zinc-900 shadow-lg dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      >
        {open ? children(close) : null}
      </div>
    </>
  );
}
