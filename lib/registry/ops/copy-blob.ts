import {
  checkDigest,
  type CallOptions,
  type OperationContext,
  type RepositoryRef,
} from '../protocol/context';
import { type Descriptor } from '../descriptor';
import { MediaType } from '../media-types';
import { headBlob, openBlob } from './blobs';
import { mountBlob } from './mount';
import { uploadBlob } from './upload';

/** How a blob reached the destination. 'foreign': a non-distributable layer the source does not hold either. */
export type BlobCopyResult = 'skipped' | 'mounted' | 'uploaded' | 'foreign';

export interface CopyBlobOptions extends CallOptions {
  /** Called with the bytes sent so far when the blob is streamed. */
  onProgress?: (bytes: number) => void;
  /** Chunk size for PATCH uploads; default monolithic. */
  chunkSize?: number;
  /** The destination is known not to hold it (a new repository, see repositoryIsNew): no HEAD first. */
  knownAbsent?: boolean;
}

const FOREIGN_LAYER_TYPES = new Set<string>([
  MediaType.DockerForeignLayer,
  'application/vnd.oci.image.layer.nondistributable.v1.tar',
  'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip',
  'application/vnd.oci.image.layer.nondistributable.v1.tar+zstd',
]);

/**
 * Returns how the blob reached `dst`: already there (HEAD, unless `knownAbsent`), mounted from the source repository on
 * the same registry, or streamed from the source (hashed on the fly, never buffered whole). The
 * HEAD is not only a saving: mounting a blob the repository already holds rewrites its link, and
 * distribution can then answer a concurrent manifest PUT with "blob unknown".
 */
export async function copyBlob(
  ctx: OperationContext,
  src: RepositoryRef,
  dst: RepositoryRef,
  descriptor: Pick<Descriptor, 'digest' | 'size'> & { mediaType?: string },
  opts: CopyBlobOptions = {},
): Promise<BlobCopyResult> {
  const digest = checkDigest(descriptor.digest);
  const { size } = descriptor;
  if (!opts.knownAbsent && (await headBlob(ctx, dst, digest, opts))) return 'skipped';
  if (
    descriptor.mediaType &&
    FOREIGN_LAYER_TYPES.has(descriptor.mediaType) &&
    !(await headBlob(ctx, src, digest, opts))
  ) {
    return 'foreign';
  }
  const open = async () =>
    (await openBlob(ctx, src, digest, { signal: opts.signal, expectedSize: size })).stream;
  if (src.registry === dst.registry) {
    const result = await mountBlob(ctx, dst, digest, src.repository, {
      ...opts,
      source: { size, body: open },
    });
    return result === 'mounted' ? 'mounted' : 'uploaded';
  }
  await uploadBlob(ctx, dst, digest, size, open, opts);
  return 'uploaded';
}
