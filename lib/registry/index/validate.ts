// Checks an index draft before it is pushed (see edit.ts for the editing operations).
import { isDigest } from '../digest';
import type { DraftIssue, IndexDraft } from './types';
import { isAttestation } from '../descriptor';
import { MediaType, isImageMediaType, isSchema1MediaType } from '../media-types';
import { formatPlatform, isUnknownPlatform, platformKey } from '../platform';

/**
 * Returns every problem of the draft, in entry order; a draft with no 'error' issue can be pushed
 * ('warning' issues inform, e.g. formats some registries reject). Never throws.
 */
export function validateDraft(d: IndexDraft): DraftIssue[] {
  const issues: DraftIssue[] = [];
  const docker = d.format === 'docker';
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

  if (docker) {
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

  const seen = new Map<string, string>();
  for (const { descriptor } of d.entries) {
    const digest = descriptor.digest;
    const attestation = isAttestation(descriptor);
    const childType = descriptor.mediaType;

    if (!isDigest(digest)) {
      issues.push({
        entry: digest,
        field: 'digest',
        code: 'INVALID_DIGEST',
        severity: 'error',
        message: `"${digest}" is not a valid sha256 or sha512 digest.`,
      });
    }

    if (isSchema1MediaType(childType)) {
      issues.push({
        entry: digest,
        field: 'mediaType',
        code: 'UNSUPPORTED_CHILD',
        severity: 'error',
        message: `${childType} is a legacy schema 1 manifest, which cannot be listed in an index; re-push that image with a current tool first.`,
      });
    } else if (
      docker &&
      (childType === MediaType.OciManifest || childType === MediaType.OciIndex)
    ) {
      issues.push({
        entry: digest,
        field: 'mediaType',
        code: 'MIXED_MEDIA_TYPES',
        severity: 'warning',
        message: `This OCI child (${childType}) in a Docker manifest list mixes formats, which some registries and clients reject; use the OCI index format instead.`,
      });
    } else if (docker && childType !== MediaType.DockerManifest) {
      issues.push({
        entry: digest,
        field: 'mediaType',
        code: 'UNSUPPORTED_CHILD',
        severity: 'warning',
        message: `Docker manifest lists only list Docker image manifests, not ${childType}; use the OCI index format instead.`,
      });
    } else if (
      !docker &&
      (childType === MediaType.DockerManifest || childType === MediaType.DockerManifestList)
    ) {
      issues.push({
        entry: digest,
        field: 'mediaType',
        code: 'MIXED_MEDIA_TYPES',
        severity: 'warning',
        message: `This Docker child (${childType}) in an OCI index mixes formats; some registries (older Harbor, Quay) reject it. Use the Docker format, or convert the child.`,
      });
    }

    if (docker && hasKeys(descriptor.annotations)) {
      issues.push(
        dockerIssue(
          digest,
          'annotations',
          attestation
            ? 'Attestations need entry annotations, which Docker manifest lists cannot carry'
            : 'Docker manifest lists cannot carry entry annotations',
        ),
      );
    }

    const platform = descriptor.platform;
    if (platform === undefined) {
      // A platform-less image in an OCI index works (clients read its config) but cannot be chosen
      // up front; Docker's schema requires one on every entry.
      const needsPlatform =
        !attestation && (docker || (isImageMediaType(childType) && !descriptor.artifactType));
      if (needsPlatform) {
        issues.push({
          entry: digest,
          field: 'platform',
          code: 'MISSING_PLATFORM',
          severity: docker ? 'error' : 'warning',
          message: docker
            ? 'Every entry of a Docker manifest list needs a platform (os/architecture).'
            : 'This image has no platform: clients must download its config to choose it. Set os and architecture.',
        });
      }
      continue;
    }
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
    if (
      attestation ||
      isUnknownPlatform(platform) ||
      !platform.os?.trim() ||
      !platform.architecture?.trim()
    ) {
      continue;
    }
    const key = platformKey(platform);
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, digest);
    } else {
      issues.push({
        entry: digest,
        field: 'platform',
        code: 'DUPLICATE_PLATFORM',
        severity: 'error',
        message: `${formatPlatform(platform, { osVersion: true })} is already provided by ${first}; clients would pick only one. Remove one or change its platform.`,
      });
    }
  }
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
