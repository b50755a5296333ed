import { randomBytes } from 'node:crypto';

import type { IndexDraft } from '@/lib/registry';

import { currentActor, type Actor } from './actor';
import { getDb, nowIso, parseJsonColumn } from './db';

/** The registry list a draft was started from: its reference and the digest it had then. */
export interface DraftBasedOn {
  /** e.g. '127.0.0.1:5000/demo/shazam:latest' */
  reference: string;
  digest: string;
}

/** A draft as stored: Manifold's equivalent of a local manifest list (`podman manifest create`). */
export interface StoredDraft {
  id: string;
  name: string;
  /** The index being built (format, entries with their source references, annotations). */
  index: IndexDraft;
  basedOn: DraftBasedOn | null;
  /** Tags last pushed to (references), offered again as destinations. */
  destinations: string[];
  /**
   * True when the user chose the format (or the draft came from a list); false while the format
   * follows the first images added to the empty draft (Docker when they all are, like podman).
   */
  formatChosen: boolean;
  /** Increases with every change; previews and pushes carry the revision they saw. */
  revision: number;
  /** Who made it (principal id as given, and name); null for drafts from before owners: admins only. */
  owner: Actor | null;
  /** A group whose members may view and edit it too; null: the owner's alone. */
  sharedWith: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One row of the drafts list. */
export interface DraftSummary {
  id: string;
  name: string;
  format: IndexDraft['format'];
  entryCount: number;
  basedOn: DraftBasedOn | null;
  destinations: string[];
  revision: number;
  owner: Actor | null;
  sharedWith: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewDraft {
  name: string;
  index: IndexDraft;
  basedOn?: DraftBasedOn | null;
  destinations?: string[];
  /** Default true. */
  formatChosen?: boolean;
  /** Default: the current request's actor (none outside a request: an admins-only draft). */
  owner?: Actor | null;
  sharedWith?: string | null;
}

export interface DraftPatch {
  name?: string;
  index?: IndexDraft;
  basedOn?: DraftBasedOn | null;
  destinations?: string[];
  formatChosen?: boolean;
  /** null: no longer shared. */
  sharedWith?: string | null;
}

interface DraftRow {
  id: string;
  name: string;
  content: string;
  based_on: string | null;
  destinations: string;
  format_chosen: number;
  revision: number;
  owner_id: string | null;
  owner_name: string | null;
  shared_with: string | null;
  created_at: string;
  updated_at: string;
}

const EMPTY_INDEX: IndexDraft = { format: 'oci', entries: [] };

function toDraft(row: DraftRow): StoredDraft {
  return {
    id: row.id,
    name: row.name,
    index: parseJsonColumn<IndexDraft>(row.content, EMPTY_INDEX),
    basedOn: parseJsonColumn<DraftBasedOn | null>(row.based_on, null),
    destinations: parseJsonColumn<string[]>(row.destinations, []),
    formatChosen: row.format_chosen !== 0,
    revision: row.revision,
    owner:
      row.owner_id !== null ? { id: row.owner_id, name: row.owner_name ?? row.owner_id } : null,
    sharedWith: row.shared_with,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Returns a new short URL-safe id (8 characters, 48 random bits). */
export function newDraftId(): string {
  return randomBytes(6).toString('base64url');
}

/** Returns the stored draft after inserting it; throws on SQLite errors. */
export function insertDraft(input: NewDraft): StoredDraft {
  const now = nowIso();
  const id = newDraftId();
  const owner = input.owner === undefined ? currentActor() : input.owner;
  getDb()
    .prepare(
      `INSERT INTO drafts (id, name, content, based_on, destinations, format_chosen, revision, created_at, updated_at, owner_id, owner_name, shared_with)
       VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)`,
    )
    .run(
      id,
      input.name,
      JSON.stringify(input.index),
      input.basedOn ? JSON.stringify(input.basedOn) : null,
      JSON.stringify(input.destinations ?? []),
      input.formatChosen === false ? 0 : 1,
      now,
      now,
      owner?.id ?? null,
      owner?.name ?? null,
      input.sharedWith ?? null,
    );
  return getDraft(id)!;
}

/** Returns the draft, or undefined when there is none with that id. */
export function getDraft(id: string): StoredDraft | undefined {
  const row = getDb().prepare('SELECT * FROM drafts WHERE id = ?').get(id) as DraftRow | undefined;
  return row ? toDraft(row) : undefined;
}

/** Returns the drafts `visible` keeps (default every one), most recently changed first. */
export function listDrafts(visible: (d: StoredDraft) => boolean = () => true): DraftSummary[] {
  const rows = getDb()
    .prepare('SELECT * FROM drafts ORDER BY updated_at DESC, id')
    .all() as DraftRow[];
  return rows
    .map(toDraft)
    .filter(visible)
    .map((d) => {
      return {
        id: d.id,
        name: d.name,
        format: d.index.format,
        entryCount: d.index.entries.length,
        basedOn: d.basedOn,
        destinations: d.destinations,
        revision: d.revision,
        owner: d.owner,
        sharedWith: d.sharedWith,
        createdAt: d.createdAt,
        updatedAt: d.updatedAt,
      };
    });
}

/**
 * Returns the draft after applying the patch and increasing its revision, or undefined when it
 * does not exist. With `expectedRevision`, returns 'conflict' (and changes nothing) when the
 * stored revision differs: someone else changed the draft meanwhile.
 */
export function updateDraft(
  id: string,
  patch: DraftPatch,
  expectedRevision?: number,
): StoredDraft | 'conflict' | undefined {
  const db = getDb();
  return db.transaction((): StoredDraft | 'conflict' | undefined => {
    const current = getDraft(id);
    if (!current) return undefined;
    if (expectedRevision !== undefined && current.revision !== expectedRevision) return 'conflict';
    const next = {
      name: patch.name ?? current.name,
      index: patch.index ?? current.index,
      basedOn: patch.basedOn === undefined ? current.basedOn : patch.basedOn,
      destinations: patch.destinations ?? current.destinations,
      formatChosen: patch.formatChosen ?? current.formatChosen,
      sharedWith: patch.sharedWith === undefined ? current.sharedWith : patch.sharedWith,
    };
    db.prepare(
      `UPDATE drafts SET name = ?, content = ?, based_on = ?, destinations = ?, format_chosen = ?, shared_with = ?, revision = revision + 1, updated_at = ?
       WHERE id = ?`,
    ).run(
      next.name,
      JSON.stringify(next.index),
      next.basedOn ? JSON.stringify(next.basedOn) : null,
      JSON.stringify(next.destinations),
      next.formatChosen ? 1 : 0,
      next.sharedWith,
      nowIso(),
      id,
    );
    return getDraft(id);
  })();
}

/** Remembers the tags a draft was pushed to without changing its revision; returns false when it does not exist. */
export function setDraftDestinations(id: string, destinations: string[]): boolean {
  return (
    getDb()
      .prepare('UPDATE drafts SET destinations = ? WHERE id = ?')
      .run(JSON.stringify(destinations), id).changes > 0
  );
}

/** Records the digest a draft's based-on tag now holds (after the draft was pushed there) without changing its revision. */
export function setDraftBasedOn(id: string, basedOn: DraftBasedOn | null): boolean {
  return (
    getDb()
      .prepare('UPDATE drafts SET based_on = ? WHERE id = ?')
      .run(basedOn ? JSON.stringify(basedOn) : null, id).changes > 0
  );
}

/** Returns true when the draft existed and was deleted. */
export function deleteDraft(id: string): boolean {
  return getDb().prepare('DELETE FROM drafts WHERE id = ?').run(id).changes > 0;
}

/**
 * Returns a copy of the draft under a new id and name (default "<name> (copy)"), owned by the
 * current actor and shared with nobody, or undefined when it does not exist.
 */
export function duplicateDraft(id: string, name?: string): StoredDraft | undefined {
  const source = getDraft(id);
  if (!source) return undefined;
  return insertDraft({
    name: name ?? `${source.name} (copy)`,
    index: source.index,
    basedOn: source.basedOn,
    destinations: source.destinations,
    formatChosen: source.formatChosen,
  });
}
