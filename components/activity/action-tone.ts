import type { BadgeTone } from '@/components/ui/badge';
import type { ActivityAction } from '@/lib/store';

/** The badge colour of each kind of activity, shared by the activity page and the home page. */
export const ACTION_TONE: Record<ActivityAction, BadgeTone> = {
  push: 'blue',
  retag: 'violet',
  copy: 'blue',
  delete: 'red',
  untag: 'amber',
  restore: 'green',
  'remove-platform': 'amber',
};
