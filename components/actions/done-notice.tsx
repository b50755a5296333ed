import type { ReactNode } from 'react';

const DONE =
  'rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-200';

/** The green "it worked" box an action dialog shows once its change is made (a live status). */
export function DoneNotice({
  testId,
  layout,
  as: Tag = 'div',
  children,
}: {
  testId: string;
  /** Extra layout classes put before the colours, e.g. 'flex flex-col gap-2'. */
  layout?: string;
  as?: 'div' | 'p';
  children: ReactNode;
}) {
  return (
    <Tag role="status" data-testid={testId} className={layout ? `${layout} ${DONE}` : DONE}>
      {children}
    </Tag>
  );
}
