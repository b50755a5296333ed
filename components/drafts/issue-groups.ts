import type { DraftView } from './api';

type Issue = DraftView['issues'][number];

export interface IssueGroup {
  severity: Issue['severity'];
  code: string;
  message: string;
  /** How many entries (or the index) have this exact problem. */
  count: number;
}

/** Returns the problems with identical messages merged, errors first (for banners and the preview). */
export function groupIssues(issues: readonly Issue[]): IssueGroup[] {
  const groups = new Map<string, IssueGroup>();
  for (const i of issues) {
    const key = `${i.severity}|${i.code}|${i.message}`;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { severity: i.severity, code: i.code, message: i.message, count: 1 });
  }
  return [...groups.values()].sort(
    (a, b) => Number(a.severity === 'warning') - Number(b.severity === 'warning'),
  );
}
