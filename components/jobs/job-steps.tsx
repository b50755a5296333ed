import { formatBytes } from '@/lib/format';
import type { JobStep } from '@/lib/store';

const STEP_TONE: Record<JobStep['status'], string> = {
  pending: 'text-zinc-500 dark:text-zinc-400',
  running: 'text-sky-700 dark:text-sky-400',
  done: 'text-emerald-700 dark:text-emerald-400',
  skipped: 'text-zinc-500 dark:text-zinc-400',
  failed: 'text-red-700 dark:text-red-400',
};

const STEP_ICON: Record<JobStep['status'], string> = {
  pending: '○',
  running: '◐',
  done: '✓',
  skipped: '↷',
  failed: '✕',
};

/** One step: its state, label, detail and bytes. */
function StepLine({ step, nested = false }: { step: JobStep; nested?: boolean }) {
  const bytes =
    step.bytesTotal !== undefined && step.bytesTotal > 0
      ? `${formatBytes(step.bytesDone ?? 0)} / ${formatBytes(step.bytesTotal)}`
      : undefined;
  return (
    <li
      className={`flex flex-wrap items-baseline gap-x-2 text-sm ${nested ? 'pl-6 text-xs' : ''}`}
      data-step-status={step.status}
    >
      <span aria-hidden className={`w-4 shrink-0 text-center ${STEP_TONE[step.status]}`}>
        {STEP_ICON[step.status]}
      </span>
      {/* On a phone a long label wraps beside its icon instead of dropping below it. */}
      <span
        className={`min-w-0 font-mono [overflow-wrap:anywhere] max-sm:grow max-sm:basis-40 ${nested ? '' : 'font-medium'}`}
      >
        {step.label}
      </span>
      <span className={STEP_TONE[step.status]}>{step.status}</span>
      {step.detail ? (
        <span className="text-zinc-500 dark:text-zinc-400">({step.detail})</span>
      ) : null}
      {bytes ? (
        <span className="ml-auto font-mono text-xs text-zinc-500 dark:text-zinc-400">{bytes}</span>
      ) : null}
    </li>
  );
}

/** The job's steps in order; a running or failed step shows its own steps (blobs) under it. */
export function StepList({ steps }: { steps: JobStep[] }) {
  const top = steps.filter((s) => !s.parent);
  const children = (id: string) => steps.filter((s) => s.parent === id);
  if (top.length === 0) return null;
  return (
    <ol className="flex flex-col gap-1" aria-label="Steps">
      {top.map((s) => (
        <li key={s.id}>
          <ol>
            <StepLine step={s} />
            {children(s.id).length > 0 && (s.status === 'running' || s.status === 'failed') ? (
              <li>
                <ol>
                  {children(s.id).map((c) => (
                    <StepLine key={c.id} step={c} nested />
                  ))}
                </ol>
              </li>
            ) : null}
          </ol>
        </li>
      ))}
    </ol>
  );
}
