import { shortDigest } from '../digest';
import type { RepositoryRef } from '../protocol/context';
import type { ContentCache } from './content-cache';
import type { CopySession } from './copy-session';
import type { PushChild, PushClient, PushResult } from './push-index';
import type { PushStep } from './push-tags';

/** What the children of one push share: cancellation, blob work, the tag check, what is known. */
export interface SharedCopy {
  signal: AbortSignal;
  session: CopySession;
  writeGate: Promise<unknown>;
  destinationNew: Promise<boolean>;
  cache?: ContentCache;
}

/**
 * Copies one child of a pushed index (its manifest, config and layers) into one destination
 * repository, reporting a step per blob under the child's step; adds what it moved to `result`.
 */
export async function copyChild(
  client: PushClient,
  c: PushChild,
  dst: RepositoryRef,
  step: PushStep,
  emit: (s: PushStep) => void,
  result: PushResult,
  shared: SharedCopy,
): Promise<void> {
  const current: PushStep = { ...step, status: 'running', bytesDone: 0 };
  emit(current);
  const blobBytes = new Map<string, number>();
  const blobSteps = new Map<string, PushStep>();
  let layerCount = 0;
  const updateTotals = () => {
    current.bytesDone = [...blobBytes.values()].reduce((a, b) => a + b, 0);
    current.bytesTotal = [...blobSteps.values()].reduce((a, s) => a + (s.bytesTotal ?? 0), 0);
  };

  const copied = await client.copyManifest(
    c.source,
    dst,
    { digest: c.digest, size: c.size, mediaType: c.mediaType },
    {
      tags: [],
      ...shared,
      onProgress: (event) => {
        if (event.kind !== 'blob') return;
        const id = `blob:${step.id.slice('child:'.length)}:${event.digest}`;
        let s = blobSteps.get(id);
        if (!s) {
          const isConfig =
            event.mediaType !== undefined && /config|\.empty\./.test(event.mediaType);
          s = {
            id,
            parent: step.id,
            kind: 'blob',
            label: isConfig
              ? `config ${shortDigest(event.digest)}`
              : `layer ${++layerCount} ${shortDigest(event.digest)}`,
            status: 'running',
            bytesDone: 0,
            bytesTotal: event.size,
          };
          blobSteps.set(id, s);
        }
        if (event.status === 'progress') {
          s.bytesDone = event.bytes ?? 0;
        } else if (event.status !== 'started') {
          s.status = event.status === 'skipped' ? 'skipped' : 'done';
          s.bytesDone = event.size;
          s.detail = event.status === 'skipped' ? 'already there' : event.status;
        }
        blobBytes.set(id, s.bytesDone ?? 0);
        updateTotals();
        emit(s);
        emit(current);
      },
    },
  );
  for (const [k, n] of Object.entries(copied.blobs) as [keyof PushResult['blobs'], number][])
    result.blobs[k] += n;
  result.bytesUploaded += copied.bytesUploaded;
  const skipped = copied.manifests.pushed === 0;
  if (skipped) result.children.skipped++;
  else result.children.copied++;
  updateTotals();
  emit({
    ...current,
    status: skipped ? 'skipped' : 'done',
    ...(skipped ? { detail: 'already there' } : {}),
  });
}
