/**
 * Byte-for-byte reproducible layer archives for the demo images: a hand-written ustar writer
 * (sorted entries, mtime 0, uid/gid 0) and a gzip writer that uses stored deflate blocks, so the
 * bytes never depend on the zlib build or the OS that ran the seed.
 */
import { sha256Digest } from '../lib/registry';

export interface TarEntry {
  /** Relative path without a leading slash; directories may end with '/'. */
  path: string;
  type: 'file' | 'dir' | 'symlink';
  content?: string | Uint8Array;
  /** Permission bits; default 0o644 for files, 0o755 for directories and symlinks. */
  mode?: number;
  linkname?: string;
}

/** A gzip-compressed tar layer and the digests an image needs for it. */
export interface BuiltLayer {
  tar: Buffer;
  gz: Buffer;
  /** sha256 of the uncompressed tar (config rootfs.diff_ids). */
  diffId: string;
  /** sha256 of the gzip bytes (the blob digest). */
  digest: string;
  size: number;
}

const BLOCK = 512;

function octal(value: number, width: number): string {
  // width includes the terminating NUL.
  const text = value.toString(8);
  if (text.length > width - 1) throw new Error(`tar field overflow: ${value}`);
  return `${text.padStart(width - 1, '0')}\0`;
}

function writeString(buf: Buffer, offset: number, width: number, value: string): void {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length > width) throw new Error(`tar field too long: ${value}`);
  bytes.copy(buf, offset);
}

function header(entry: TarEntry, size: number): Buffer {
  const buf = Buffer.alloc(BLOCK, 0);
  const name = entry.type === 'dir' ? `${entry.path.replace(/\/+$/, '')}/` : entry.path;
  if (Buffer.byteLength(name) > 100) throw new Error(`tar path longer than 100 bytes: ${name}`);
  const mode = entry.mode ?? (entry.type === 'file' ? 0o644 : 0o755);
  writeString(buf, 0, 100, name);
  writeString(buf, 100, 8, octal(mode, 8));
  writeString(buf, 108, 8, octal(0, 8));
  writeString(buf, 116, 8, octal(0, 8));
  writeString(buf, 124, 12, octal(size, 12));
  writeString(buf, 136, 12, octal(0, 12));
  writeString(buf, 148, 8, '        ');
  writeString(buf, 156, 1, entry.type === 'dir' ? '5' : entry.type === 'symlink' ? '2' : '0');
  writeString(buf, 157, 100, entry.linkname ?? '');
  writeString(buf, 257, 6, 'ustar\0');
  writeString(buf, 263, 2, '00');
  writeString(buf, 265, 32, 'root');
  writeString(buf, 297, 32, 'root');
  writeString(buf, 329, 8, octal(0, 8));
  writeString(buf, 337, 8, octal(0, 8));
  let sum = 0;
  for (const byte of buf) sum += byte;
  writeString(buf, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return buf;
}

/** Returns a ustar archive of the entries sorted by path, with fixed owners and times. */
export function createTar(entries: readonly TarEntry[]): Buffer {
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const parts: Buffer[] = [];
  for (const entry of sorted) {
    const content =
      entry.type === 'file'
        ? typeof entry.content === 'string'
          ? Buffer.from(entry.content, 'utf8')
          : Buffer.from(entry.content ?? new Uint8Array())
        : Buffer.alloc(0);
    parts.push(header(entry, content.length));
    if (content.length > 0) {
      parts.push(content, Buffer.alloc((BLOCK - (content.length % BLOCK)) % BLOCK, 0));
    }
  }
  parts.push(Buffer.alloc(BLOCK * 2, 0));
  return Buffer.concat(parts);
}

let crcTable: Uint32Array | undefined;

/** Returns the CRC-32 (IEEE) of the bytes, as gzip stores it. */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * Returns a gzip member holding the bytes in stored (uncompressed) deflate blocks, with mtime 0
 * and OS byte 255 (what Go's gzip writer emits), so the output is the same everywhere.
 */
export function gzipStored(data: Uint8Array): Buffer {
  const head = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);
  const blocks: Buffer[] = [];
  const MAX = 0xffff;
  let offset = 0;
  do {
    const len = Math.min(MAX, data.length - offset);
    const final = offset + len >= data.length;
    const block = Buffer.alloc(5);
    block[0] = final ? 1 : 0;
    block.writeUInt16LE(len, 1);
    block.writeUInt16LE(~len & 0xffff, 3);
    blocks.push(block, Buffer.from(data.subarray(offset, offset + len)));
    offset += len;
  } while (offset < data.length);
  const tail = Buffer.alloc(8);
  tail.writeUInt32LE(crc32(data), 0);
  tail.writeUInt32LE(data.length >>> 0, 4);
  return Buffer.concat([head, ...blocks, tail]);
}

/** Returns the tar, its gzip form and both digests for a layer made of the entries. */
export function buildLayer(entries: readonly TarEntry[]): BuiltLayer {
  const tar = createTar(entries);
  const gz = gzipStored(tar);
  return { tar, gz, diffId: sha256Digest(tar), digest: sha256Digest(gz), size: gz.length };
}
