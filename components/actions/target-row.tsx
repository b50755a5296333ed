import type { ComponentProps } from 'react';

import { Badge } from '@/components/ui/badge';

import { short } from './format';

/**
 * One tag or image an action writes, keeps or reports on (retag targets and results, the entries a
 * delete keeps): the reference, then badges and links on one wrapping line.
 */
export function TargetRow({
  children,
  ...props
}: ComponentProps<'li'> & { 'data-testid'?: string; 'data-exists'?: boolean }) {
  return (
    <li className="flex flex-wrap items-center gap-2" {...props}>
      {children}
    </li>
  );
}

/**
 * What writing a tag does to it, as the retag targets and the copy destination show it: already
 * there, moves a tag that holds another digest, or creates a new tag.
 */
export function TargetBadge({
  target,
  unchangedText,
  movedText,
}: {
  target: { unchanged: boolean; currentDigest: string | null };
  /** e.g. 'already points here' */
  unchangedText: string;
  /** e.g. 'moves from': followed by the short digest the tag holds now. */
  movedText: string;
}) {
  if (target.unchanged) return <Badge tone="neutral">{unchangedText}</Badge>;
  if (target.currentDigest)
    return (
      <Badge tone="amber" title={target.currentDigest}>
        {movedText} {short(target.currentDigest)}
      </Badge>
    );
  return <Badge tone="green">new tag</Badge>;
}
