import type { Platform } from '@/lib/registry';

/** One platform of a list as the action buttons receive it (runnable images only, no attestations). */
export interface ActionPlatform {
  digest: string;
  /** e.g. 'linux/arm64/v8' */
  label: string;
  platform?: Platform;
}
