import Link from 'next/link';

import { buttonClass } from '@/components/ui/button';
import type { ActivityPageData } from '@/lib/server/activity';
import type { ActivityAction } from '@/lib/store';

const inputClass =
  'rounded-md border border-zinc-300 bg-white px-2 py-1 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900';

/** The activity log's filter (a plain GET form: it works before any script has loaded). */
export function ActivityFilters({
  filter,
  action,
  actions,
}: {
  filter: ActivityPageData['filter'];
  action: ActivityAction | undefined;
  actions: readonly ActivityAction[];
}) {
  return (
    <form className="flex flex-wrap items-end gap-2" method="get">
      <label className="flex flex-col gap-1 text-xs font-medium">
        Registry
        <input name="registry" defaultValue={filter.registry} className={inputClass} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        Repository
        <input name="repository" defaultValue={filter.repository} className={inputClass} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        Tag
        <input name="tag" defaultValue={filter.tag} className={`${inputClass} w-32`} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        Action
        <select name="action" defaultValue={action ?? ''} className={inputClass}>
          <option value="">any</option>
          {actions.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className={buttonClass('secondary')}>
        Filter
      </button>
      <Link href="/activity" className={buttonClass('ghost')}>
        Clear
      </Link>
    </form>
  );
}
