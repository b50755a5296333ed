'use client';

import dynamic from 'next/dynamic';
import { useState } from 'react';

import { RoleGate } from '@/components/auth/access';
import { Button } from '@/components/ui/button';

import { RemovePlatformDialog } from './remove-platform';
import type { ActionPlatform } from './types';

// Each dialog opens on a click, so its code loads then rather than with the page (the three are
// about a tenth of the image page's JavaScript). RemovePlatformDialog is already on the page: the
// platforms table's per-row button renders it.
const RetagDialog = dynamic(() => import('./retag-dialog').then((m) => m.RetagDialog));
const CopyDialog = dynamic(() => import('./copy-dialog').then((m) => m.CopyDialog));
const DeleteDialog = dynamic(() => import('./delete-dialog').then((m) => m.DeleteDialog));

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
        <RoleGate role="admin" target={target} action="Remove platform" note>
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
