import { platformLabel } from '@/components/manifest/platform-chip';
import { getConfig } from '@/lib/config';
import type { InspectedManifest, InspectResult, Platform } from '@/lib/registry';
import { isInsecureRegistry } from '@/lib/server/registry';

import { ActionBar } from './action-bar';
import type { ActionPlatform } from './types';

export type { ActionPlatform } from './types';
// Only what the page renders: a client module re-exported from this server file becomes part of
// the page's first load, so the dialogs ActionBar loads on a click are not re-exported here.
export { TagHistory } from './tag-history';

export interface ImageActionsProps {
  registry: string;
  repository: string;
  tag?: string;
  digest: string;
  mediaType: string;
  platforms: Array<{ digest: string; label: string; platform?: Platform }>;
  isIndex: boolean;
  /** Offer "Remove platform…" for a list opened by tag. Default true. */
  removePlatform?: boolean;
}

/** Returns the runnable platforms of an inspected list (attestations excluded), for ImageActions. */
export function actionPlatforms(result: InspectResult): ActionPlatform[] {
  if (result.kind !== 'index') return [];
  return (result.manifests ?? []).map((m: InspectedManifest) => ({
    digest: m.digest,
    label:
      m.kind === 'index'
        ? `nested list ${m.digest.slice(7, 19)}`
        : m.platform
          ? platformLabel(m.platform)
          : (m.artifactType ?? m.mediaType),
    ...(m.platform ? { platform: m.platform } : {}),
  }));
}

/**
 * The image page's actions (Retag, Copy to…, Remove platform…, Delete…) as a server component:
 * it adds what only the server knows (whether the registry is insecure, the configured
 * registries) and renders the client buttons and dialogs.
 */
export function ImageActions(props: ImageActionsProps) {
  const insecure = isInsecureRegistry(props.registry);
  const registries = getConfig().registries.map((r) => r.host);
  return (
    <ActionBar
      registry={props.registry}
      repository={props.repository}
      {...(props.tag ? { tag: props.tag } : {})}
      digest={props.digest}
      mediaType={props.mediaType}
      isIndex={props.isIndex}
      platforms={props.platforms}
      removePlatform={props.removePlatform ?? true}
      insecure={insecure}
      registries={registries}
    />
  );
}
