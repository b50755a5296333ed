'use client';

import Link from 'next/link';

import { Button } from '@/components/ui/button';
import { SetCheckbox } from '@/components/ui/set-checkbox';
import { copyCommands } from '@/lib/actions/cli';
import { imagePath } from '@/lib/paths';

import { ActionJobStatus } from './action-job-status';
import type { CopyPreview, ImageId } from './api';
import { CliCommands } from './cli-commands';
import { CopyPreviewView } from './copy-preview';
import { DoneNotice } from './done-notice';
import { platformArg, short } from './format';
import { Modal } from './modal';
import { ActionProblem } from './problem';
import type { ActionPlatform } from './types';
import { useCopy } from './use-copy';

const DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';

type Copy = ReturnType<typeof useCopy>;

interface CopyDialogProps {
  image: ImageId;
  tag?: string;
  mediaType: string;
  isIndex: boolean;
  platforms: ActionPlatform[];
  /** Configured registry hosts, offered as destinations. */
  registries?: string[];
  insecure?: boolean;
  onClose: () => void;
}

function DestinationField({
  image,
  tag,
  registries,
  copy,
}: Pick<CopyDialogProps, 'image' | 'tag'> & { registries: string[]; copy: Copy }) {
  const { destination } = copy;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor="copy-destination" className="font-medium">
        Destination tag
      </label>
      <input
        id="copy-destination"
        autoFocus
        list="copy-registries"
        value={destination}
        onChange={(e) => copy.setDestination(e.target.value)}
        placeholder={`${image.repository}-copy:${tag ?? 'latest'} or ${registries.find((r) => r !== image.registry) ?? 'host:port'}/${image.repository}:${tag ?? 'latest'}`}
        spellCheck={false}
        autoComplete="off"
        aria-describedby="copy-destination-help"
        className="rounded-md border border-zinc-300 bg-white px-3 py-1.5 font-mono shadow-sm dark:border-zinc-700 dark:bg-zinc-950"
      />
      <datalist id="copy-registries">
        {registries.map((r) => (
          <option key={r} value={`${r}/${image.repository}:${tag ?? 'latest'}`} />
        ))}
      </datalist>
      <p className="text-xs text-zinc-600 dark:text-zinc-400" id="copy-destination-help">
        <code className="font-mono">repo:tag</code> stays on {image.registry};{' '}
        <code className="font-mono">host/repo:tag</code> copies to another registry.
        {destination.trim() ? '' : ' Type one to preview the copy.'}
      </p>
    </div>
  );
}

function PlatformChoice({ platforms, copy }: { platforms: ActionPlatform[]; copy: Copy }) {
  const { chosen } = copy;
  return (
    <fieldset className="flex flex-col gap-1.5">
      <legend className="mb-1 font-medium">Platforms</legend>
      {platforms.map((p) => (
        <SetCheckbox key={p.digest} value={p.digest} chosen={chosen} onChange={copy.setChosen}>
          <span className="font-mono">{p.label}</span>
          <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">
            {short(p.digest)}
          </span>
        </SetCheckbox>
      ))}
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        {chosen.size === platforms.length
          ? 'All platforms: the list is copied byte for byte and keeps its digest.'
          : chosen.size === 0
            ? 'Choose at least one platform.'
            : 'A subset makes a new list with its own digest. Attestations go with their platform.'}
      </p>
    </fieldset>
  );
}

function CopyFooter({
  copy,
  isIndex,
  onClose,
}: {
  copy: Copy;
  isIndex: boolean;
  onClose: () => void;
}) {
  const { busy, preview, destination, chosen } = copy;
  if (copy.done) return <Button onClick={onClose}>Close</Button>;
  if (preview)
    return (
      <>
        <Button onClick={copy.change} disabled={busy}>
          Change
        </Button>
        <Button
          variant="primary"
          onClick={() => copy.copy.mutate(false)}
          disabled={busy || copy.actionJob.job !== undefined}
        >
          {busy
            ? 'Copying…'
            : preview.whole
              ? 'Copy'
              : `Create and copy (${preview.entries.filter((e) => !e.attestation).length} platforms)`}
        </Button>
      </>
    );
  return (
    <>
      <Button onClick={onClose}>Cancel</Button>
      <Button
        variant="primary"
        type="submit"
        form="copy-form"
        disabled={busy || !destination.trim() || (isIndex && chosen.size === 0)}
        title={
          !destination.trim()
            ? 'Type a destination tag first'
            : isIndex && chosen.size === 0
              ? 'Choose at least one platform'
              : undefined
        }
      >
        {copy.previewMutation.isPending ? 'Checking…' : 'Preview'}
      </Button>
    </>
  );
}

function CopyDone({ preview }: { preview: CopyPreview }) {
  const { destination } = preview;
  return (
    <DoneNotice testId="copy-done">
      <p className="font-semibold">Copied.</p>
      <p className="mt-1">
        <Link
          className="font-mono underline"
          href={imagePath(destination.registry, destination.repository, destination.tag)}
        >
          Open {destination.reference}
        </Link>
      </p>
    </DoneNotice>
  );
}

/**
 * Copies a list with all its platforms (`skopeo copy --all`), or a chosen subset as a new index
 * shown before it is made (its JSON and digest), to another repository or registry. Runs as a job
 * with progress; the destination tag's current digest is sent back as the expected digest.
 */
export function CopyDialog({
  image,
  tag,
  mediaType,
  isIndex,
  platforms,
  registries = [],
  insecure = false,
  onClose,
}: CopyDialogProps) {
  const copy = useCopy(image, isIndex, platforms);
  const { preview, done } = copy;
  const source = `${image.registry}/${image.repository}@${image.digest}`;
  const dstText =
    preview?.destination.reference ??
    (copy.destination.trim() || `${image.registry}/${image.repository}-copy:${tag ?? 'latest'}`);
  const subsetArgs = copy.subset
    ? platforms
        .filter((p) => copy.chosen.has(p.digest))
        .map((p) => ({ platform: platformArg(p.platform) ?? p.label, digest: p.digest }))
    : null;
  const reviewAgain = () => copy.previewMutation.mutate();

  return (
    <Modal
      wide
      title={`Copy ${image.repository}${tag ? `:${tag}` : `@${short(image.digest)}`} to…`}
      description={
        isIndex
          ? 'Copy the list with every platform, or only some of them as a new list.'
          : 'Copy this image with its config and layers.'
      }
      onClose={onClose}
      testId="copy-dialog"
      footer={<CopyFooter copy={copy} isIndex={isIndex} onClose={onClose} />}
    >
      {!preview ? (
        <form
          id="copy-form"
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            copy.previewMutation.mutate();
          }}
        >
          <DestinationField image={image} tag={tag} registries={registries} copy={copy} />
          {isIndex ? <PlatformChoice platforms={platforms} copy={copy} /> : null}
          {copy.previewMutation.error ? <ActionProblem error={copy.previewMutation.error} /> : null}
        </form>
      ) : (
        <CopyPreviewView preview={preview} />
      )}
      <ActionJobStatus
        actionJob={copy.actionJob}
        done={done}
        title="Copy"
        error={copy.copy.error}
        busy={copy.busy}
        onReview={reviewAgain}
        onForce={copy.force}
      />
      {done && preview ? <CopyDone preview={preview} /> : null}
      <CliCommands
        commands={copyCommands(source, dstText, subsetArgs, {
          insecure,
          dockerList: mediaType === DOCKER_LIST,
        })}
      />
    </Modal>
  );
}
