'use client';

import { useState } from 'react';

import { RoleGate } from '@/components/auth/access';
import { Button } from '@/components/ui/button';

import { CopyDialog } from './copy-dialog';
import { DeleteDialog } from './delete-dialog';
import { RemovePlatformDialog } from './remove-platform';
import { RetagDialog } from './retag-dialog';
import type { ActionPlatform } from './types';

export interface ActionBarProps {
  registry: string;
  repository: string;
  tag?: string;
  digest: string;
  mediaType: string;
  isIndex: boolean;
  platforms: ActionPlatform[];
  /** Show "Remove platform…" (lists opened by tag only). Default true. */
  removePlatform?: boolean;
  insecure?: boolean;
  registries?: string[];
}

type Open = 'retag' | 'copy' | 'remove-platform' | 'delete' | null;

/** The image page's action buttons and their dialogs. */
export function ActionBar(props: ActionBarProps) {
  const { registry, repository, tag, digest, isIndex, platforms, insecure = false } = props;
  const [open, setOpen] = useState<Open>(null);
  const image = { registry, repository, digest };
  const target = { registry, repository };
  const close = () => setOpen(null);
  const canRemove = isIndex && tag !== undefined && (props.removePlatform ?? true);
  return (
    <>
      <RoleGate role="editor" target={target} action="Retag and copy" note>
        <Button size="sm" onClick={() => setOpen('retag')}>
          Retag…
        </Button>
        <Button size="sm" onClick={() => setOpen('copy')}>
          Copy to…
        </Button>
      </RoleGate>
      {canRemove ? (
        <RoleGate role="admin" target={target} action="Remove platform">
          <Button
            size="sm"
            onClick={() => setOpen('remove-platform')}
            disabled={platforms.length < 2}
            title={platforms.length < 2 ? 'The last platform cannot be removed' : undefined}
          >
            Remove platform…
          </Button>
        </RoleGate>
      ) : null}
      <RoleGate role="admin" target={target} action="Delete" note>
        <Button size="sm" variant="danger" onClick={() => setOpen('delete')}>
          Delete…
        </Button>
      </RoleGate>
      {open === 'retag' ? (
        <RetagDialog image={image} {...(tag ? { tag } : {})} insecure={insecure} onClose={close} />
      ) : null}
      {open === 'copy' ? (
        <CopyDialog
          image={image}
          {...(tag ? { tag } : {})}
          mediaType={props.mediaType}
          isIndex={isIndex}
          platforms={platforms}
          registries={props.registries ?? []}
          insecure={insecure}
          onClose={close}
        />
      ) : null}
      {open === 'remove-platform' && tag ? (
        <RemovePlatformDialog
          registry={registry}
          repository={repository}
          tag={tag}
          listDigest={digest}
          platforms={platforms}
          insecure={insecure}
          onClose={close}
        />
      ) : null}
      {open === 'delete' ? (
        <DeleteDialog image={image} {...(tag ? { tag } : {})} insecure={insecure} onClose={close} />
      ) : null}
    </>
  );
}
