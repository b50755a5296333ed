// Checks an index draft before it is pushed (see edit.ts for the editing operations).
import { isDigest } from '../digest';
import type { DraftIssue, IndexDraft } from './types';
import { isAttestation, type Descriptor } from '../descriptor';
import { MediaType, isImageMediaType, isSchema1MediaType } from '../media-types';
import { formatPlatform, isUnknownPlatform, platformKey } from '../platform';

/**
 * Returns every problem of the draft, in entry order; a draft with no 'error' issue can be pushed
 * ('warning' issues inform, e.g. formats some registries reject). Never throws.
 */
export function validateDraft(d: IndexDraft): DraftIssue[] {
  const issues = indexIssues(d);
  const docker = d.format === 'docker';
  const seen = new Map<string, string>();
  for (const { descriptor } of d.entries) {
    const digest = descriptor.digest;
    if (!isDigest(digest)) {
      issues.push({
        entry: digest,
        field: 'digest',
        code: 'INVALID_DIGEST',
        severity: 'error',
        message: `"${digest}" is not a valid sha256 or sha512 digest.`,
      });
    }
    const mediaType = mediaTypeIssue(descriptor, docker);
    if (mediaType) issues.push(mediaType);
    if (docker && hasKeys(descriptor.annotations)) {
      issues.push(
        dockerIssue(
          digest,
          'annotations',
          isAttestation(descriptor)
            ? 'Attestations need entry annotations, which Docker manifest lists cannot carry'
            : 'Docker manifest lists cannot carry entry annotations',
        ),
      );
    }
    issues.push(...platformIssues(descriptor, docker, seen));
  }
  return issues;
}

/** Issues of the index itself: no entries, fields the Docker format cannot carry, the subject. */
function indexIssues(d: IndexDraft): DraftIssue[] {
  const issues: DraftIssue[] = [];
  const runnable = d.entries.filter((e) => !isAttestation(e.descriptor));
  if (d.entries.length === 0) {
    issues.push({
      code: 'EMPTY',
      severity: 'error',
      message: 'The index has no entries: add at least one image.',
    });
  } else if (runnable.length === 0) {
    issues.push({
      code: 'EMPTY',
      severity: 'error',
      message: 'The index only holds attestations: add at least one image.',
    });
  }
  if (d.format === 'docker') {
    if (hasKeys(d.annotations)) {
      issues.push(
        dockerIssue(
          undefined,
          'annotations',
          'Docker manifest lists cannot carry index annotations',
        ),
      );
    }
    if (d.artifactType) {
      issues.push(
        dockerIssue(
          undefined,
          'artifactType',
          'Docker manifest lists cannot carry an artifactType',
        ),
      );
    }
    if (d.subject) {
      issues.push(
        dockerIssue(undefined, 'subject', 'Docker manifest lists cannot carry a subject'),
      );
    }
  }
  if (d.subject && !isDigest(d.subject.digest)) {
    issues.push({
      field: 'subject.digest',
      code: 'INVALID_DIGEST',
      severity: 'error',
      message: `The subject digest "${d.subject.digest}" is not a valid sha256 or sha512 digest.`,
    });
  }
  return issues;
}

/** The issue of an entry's media type in this format, if any (schema 1, or formats mixed). */
function mediaTypeIssue(descriptor: Descriptor, docker: boolean): DraftIssue | undefined {
  const childType = descriptor.mediaType;
  const at = { entry: descriptor.digest, field: 'mediaType' };
  if (isSchema1MediaType(childType)) {
    return {
      ...at,
      code: 'UNSUPPORTED_CHILD',
      severity: 'error',
      message: `${childType} is a legacy schema 1 manifest, which cannot be listed in an index; re-push that image with a current tool first.`,
    };
  }
  if (docker && (childType === MediaType.OciManifest || childType === MediaType.OciIndex)) {
    return {
      ...at,
      code: 'MIXED_MEDIA_TYPES',
      severity: 'warning',
      message: `This OCI child (${childType}) in a Docker manifest list mixes formats, which some registries and clients reject; use the OCI index format instead.`,
    };
  }
  if (docker && childType !== MediaType.DockerManifest) {
    return {
      ...at,
      code: 'UNSUPPORTED_CHILD',
      severity: 'warning',
      message: `Docker manifest lists only list Docker image manifests, not ${childType}; use the OCI index format instead.`,
    };
  }
  if (
    !docker &&
    (childType === MediaType.DockerManifest || childType === MediaType.DockerManifestList)
  ) {
    return {
      ...at,
      code: 'MIXED_MEDIA_TYPES',
      severity: 'warning',
      message: `This Docker child (${childType}) in an OCI index mixes formats; some registries (older Harbor, Quay) reject it. Use the Docker format, or convert the child.`,
    };
  }
  return undefined;
}

/** Issues of an entry's platform; `seen` (platform key -> first digest) finds duplicates. */
function platformIssues(
  descriptor: Descriptor,
  docker: boolean,
  seen: Map<string, string>,
): DraftIssue[] {
  const { digest, platform } = descriptor;
  const attestation = isAttestation(descriptor);
  if (platform === undefined) {
    // A platform-less image in an OCI index works (clients read its config) but cannot be chosen
    // up front; Docker's schema requires one on every entry.
    const needsPlatform =
      !attestation &&
      (docker || (isImageMediaType(descriptor.mediaType) && !descriptor.artifactType));
    if (!needsPlatform) return [];
    return [
      {
        entry: digest,
        field: 'platform',
        code: 'MISSING_PLATFORM',
        severity: docker ? 'error' : 'warning',
        message: docker
          ? 'Every entry of a Docker manifest list needs a platform (os/architecture).'
          : 'This image has no platform: clients must download its config to choose it. Set os and architecture.',
      },
    ];
  }
  const issues: DraftIssue[] = [];
  if (!platform.os?.trim()) {
    issues.push({
      entry: digest,
      field: 'platform.os',
      code: 'MISSING_OS',
      severity: 'error',
      message: 'The platform has no os (e.g. linux).',
    });
  }
  if (!platform.architecture?.trim()) {
    issues.push({
      entry: digest,
      field: 'platform.architecture',
      code: 'MISSING_ARCH',
      severity: 'error',
      message: 'The platform has no architecture (e.g. amd64).',
    });
  }
  if (issues.length > 0 || attestation || isUnknownPlatform(platform)) return issues;
  const key = platformKey(platform);
  const first = seen.get(key);
  if (first === undefined) {
    seen.set(key, digest);
    return issues;
  }
  issues.push({
    entry: digest,
    field: 'platform',
    code: 'DUPLICATE_PLATFORM',
    severity: 'error',
    message: `${formatPlatform(platform, { osVersion: true })} is already provided by ${first}; clients would pick only one. Remove one or change its platform.`,
  });
  return issues;
}

function dockerIssue(entry: string | undefined, field: string, what: string): DraftIssue {
  const issue: DraftIssue = {
    field,
    code: 'DOCKER_ANNOTATIONS',
    severity: 'error',
    message: `${what}; switch the index to the OCI format to keep them.`,
  };
  if (entry !== undefined) issue.entry = entry;
  return issue;
}

function hasKeys(record: Record<string, string> | undefined): boolean {
  return record !== undefined && Object.keys(record).length > 0;
}
