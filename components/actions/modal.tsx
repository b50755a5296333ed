'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';

// The control last focused outside a dialog: a dialog loaded on demand suspends its opener's
// boundary (hidden, so focus falls to <body>) before the dialog can see who opened it.
let lastFocused: HTMLElement | null = null;
if (typeof document !== 'undefined')
  document.addEventListener('focusin', (e) => {
    if (e.target instanceof HTMLElement && !e.target.closest('dialog')) lastFocused = e.target;
  });

const FIRST_FOCUS =
  '[data-modal-body] :is([autofocus], input:not([type="hidden"]):not([disabled]), textarea:not([disabled]), select:not([disabled]))';

/** Opens the dialog with focus in its first field; returns the control to hand focus back to. */
function openAndFocus(dialog: HTMLDialogElement): HTMLElement | null {
  // The opener is remembered before the dialog takes focus, so closing hands focus back to it.
  const active = document.activeElement;
  const opener = active instanceof HTMLElement && active !== document.body ? active : lastFocused;
  if (!dialog.open) dialog.showModal();
  // The browser focuses the first button, which is ✕: a space typed into the dialog would
  // close it. The first field (or the dialog's body) takes focus instead.
  const first = dialog.querySelector<HTMLElement>(FIRST_FOCUS);
  (first ?? dialog.querySelector<HTMLElement>('[data-modal-body]'))?.focus();
  return opener;
}

/**
 * A modal dialog on the native <dialog> element: focus moves into it, Escape closes it, the page
 * behind is inert. `onClose` is called however it closes.
 */
export function Modal({
  title,
  description,
  onClose,
  children,
  footer,
  testId,
  wide = false,
}: {
  title: ReactNode;
  description?: ReactNode;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  testId?: string;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = openAndFocus(dialog);
    const close = () => onCloseRef.current();
    dialog.addEventListener('close', close);
    return () => {
      dialog.removeEventListener('close', close);
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      data-testid={testId}
      className={`m-auto max-h-[92vh] w-[calc(100%-1.5rem)] overflow-hidden rounded-lg border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-950/50 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100 ${wide ? 'max-w-3xl' : 'max-w-xl'}`}
    >
      <div className="flex max-h-[92vh] flex-col">
        <header className="flex items-start justify-between gap-3 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
          <div className="min-w-0">
            <h2 id={titleId} className="text-base font-semibold break-words">
              {title}
            </h2>
            {description ? (
              <div className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">{description}</div>
            ) : null}
          </div>
          <button
            type="button"
            aria-label="Close"
            onClick={() => ref.current?.close()}
            className="rounded-md px-2 py-1 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
          >
            ✕
          </button>
        </header>
        <div
          data-modal-body
          tabIndex={-1}
          className="flex min-h-0 flex-col gap-4 overflow-y-auto px-4 py-4 text-sm outline-none"
        >
          {children}
        </div>
        {footer ? (
          <footer className="flex flex-wrap items-center justify-end gap-2 border-t border-zinc-200 px-4 py-3 dark:border-zinc-800">
            {footer}
          </footer>
        ) : null}
      </div>
    </dialog>
  );
}
