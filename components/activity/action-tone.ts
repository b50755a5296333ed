import type { BadgeTone } from '@/components/ui/badge';
import type { ActivityAction } from '@/lib/store';

/** The badge colour of each kind of activity: the one table of the activity page, the home page and a tag's history. */
export const ACTION_TONE: Record<ActivityAction, BadgeTone> = {
  push: 'blue',
  retag: 'violet',
  copy: 'blue',
  delete: 'red',
  untag: 'amber',
  restore: 'green',
  'remove-platform': 'amber',
};
