/**
 * Seeds the deterministic demo images into a registry over the Distribution API (used by the
 * demo, the e2e setup and the integration tests). Running it again writes the same digests.
 */
import { buildDemoPlan, type ManifestNode } from './seed-images';
import { SeedClient, type SeedTarget } from './seed-client';

export type { SeedTarget } from './seed-client';
export { buildDemoPlan } from './seed-images';

export interface SeedOptions extends SeedTarget {
  /** Called after each tag is written. */
  onTag?: (ref: string, digest: string) => void;
}

async function pushTree(
  client: SeedClient,
  repo: string,
  node: ManifestNode,
  done: Set<string>,
): Promise<void> {
  if (done.has(node.digest)) return;
  for (const child of node.children) await pushTree(client, repo, child, done);
  for (const blob of node.blobs) {
    const key = `blob:${blob.digest}`;
    if (done.has(key)) continue;
    await client.pushBlob(repo, blob.bytes, blob.digest);
    done.add(key);
  }
  await client.putManifest(repo, node.digest, node.mediaType, node.bytes);
  done.add(node.digest);
}

/**
 * Returns `{ 'demo/shazam:latest': digest, ... }` for every tag written, after pushing all demo
 * images (blobs skipped when present) and deleting demo/broken's missing child; throws AppError on failure.
 */
export async function seedDemo(opts: SeedOptions): Promise<Record<string, string>> {
  const client = new SeedClient(opts);
  const written: Record<string, string> = {};
  try {
    for (const repo of buildDemoPlan()) {
      const done = new Set<string>();
      // Everything goes in by digest first, so a repository's tags appear only once it is complete.
      for (const { manifest } of repo.tags) await pushTree(client, repo.repository, manifest, done);
      for (const { tag, manifest } of repo.tags) {
        const digest = await client.putManifest(
          repo.repository,
          tag,
          manifest.mediaType,
          manifest.bytes,
        );
        written[`${repo.repository}:${tag}`] = digest;
        opts.onTag?.(`${repo.repository}:${tag}`, digest);
      }
      for (const gone of repo.deleteAfter)
        await client.deleteManifest(repo.repository, gone.digest);
    }
  } finally {
    client.close();
  }
  return written;
}

/**
 * Returns the digest written after pushing one demo image (`from`, e.g. 'demo/shazam:latest',
 * with its children and blobs) into `repository` under each of `tags`: small fixtures with the
 * names a test needs. Throws AppError on failure.
 */
export async function seedImageAs(
  opts: SeedTarget,
  from: string,
  repository: string,
  tags: readonly string[],
): Promise<string> {
  const [fromRepo, fromTag] = from.split(':');
  const manifest = buildDemoPlan()
    .find((r) => r.repository === fromRepo)
    ?.tags.find((t) => t.tag === fromTag)?.manifest;
  if (!manifest) throw new Error(`The demo plan has no ${from}`);
  const client = new SeedClient(opts);
  try {
    await pushTree(client, repository, manifest, new Set());
    let digest = manifest.digest;
    for (const tag of tags)
      digest = await client.putManifest(repository, tag, manifest.mediaType, manifest.bytes);
    return digest;
  } finally {
    client.close();
  }
}
