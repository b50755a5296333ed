import { z } from 'zod';

import { AppError, isAppError } from '@/lib/errors';
import { descriptorSchema } from '../schemas';
import { type Descriptor } from '../descriptor';
import {
  checkDigest,
  type CallOptions,
  type OperationContext,
  type RepositoryRef,
} from '../protocol/context';
import { send } from '../protocol/send';
import { getManifest } from './manifests';

export interface ReferrersOptions extends CallOptions {
  /** Only referrers with this artifactType. */
  artifactType?: string;
}

const referrersSchema = z.looseObject({ manifests: z.array(descriptorSchema) });

/**
 * Returns the descriptors of manifests whose `subject` is `digest`: from the OCI 1.1 referrers
 * API, or, on registries without it (404, e.g. distribution 2.8), from the `sha256-<hex>` tag
 * schema; [] when there are none. Throws INVALID_RESPONSE on a malformed answer.
 */
export async function referrers(
  ctx: OperationContext,
  repo: RepositoryRef,
  digest: string,
  opts: ReferrersOptions = {},
): Promise<Descriptor[]> {
  checkDigest(digest);
  const params = { digest, artifactType: opts.artifactType || undefined };
  const res = await send(ctx, 'referrers', repo, { params, signal: opts.signal });
  if (res.status === 200) {
    const parsed = referrersSchema.safeParse(await res.json());
    if (!parsed.success) {
      throw new AppError(
        'INVALID_RESPONSE',
        `The referrers answer for ${digest} is not an image index`,
        {
          method: 'GET',
          url: res.url,
        },
      );
    }
    const filtered = (res.headers.get('oci-filters-applied') ?? '')
      .split(',')
      .map((s) => s.trim())
      .includes('artifactType');
    return byArtifactType(parsed.data.manifests, filtered ? undefined : opts.artifactType);
  }
  await res.dump();
  return fromTagSchema(ctx, repo, digest, opts);
}

async function fromTagSchema(
  ctx: OperationContext,
  repo: RepositoryRef,
  digest: string,
  opts: ReferrersOptions,
): Promise<Descriptor[]> {
  const tag = digest.replace(':', '-');
  try {
    const { parsed } = await getManifest(ctx, repo, tag, opts);
    return parsed.kind === 'index' ? byArtifactType(parsed.manifests, opts.artifactType) : [];
  } catch (err) {
    if (
      isAppError(err) &&
      (err.code === 'MANIFEST_UNKNOWN' || err.code === 'NAME_UNKNOWN' || err.status === 404)
    )
      return [];
    throw err;
  }
}

function byArtifactType(manifests: Descriptor[], artifactType: string | undefined): Descriptor[] {
  return artifactType ? manifests.filter((m) => m.artifactType === artifactType) : manifests;
}
