import Link from 'next/link';

export interface TabLink {
  id: string;
  label: string;
  href: string;
}

export function Tabs({ tabs, current }: { tabs: TabLink[]; current: string }) {
  return (
    <nav
      aria-label="Views"
      className="flex flex-wrap gap-x-1 border-b border-zinc-200 dark:border-zinc-800"
    >
      {tabs.map((t) => (
        <Link
          key={t.id}
          href={t.href}
          aria-current={t.id === current ? 'page' : undefined}
          className={`-mb-px border-b-2 px-3 py-2 text-sm whitespace-nowrap ${
            t.id === current
              ? 'border-sky-600 font-semibold text-sky-700 dark:text-sky-400'
              : 'border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100'
          }`}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
