import type { Platform } from '@/lib/registry';

/** One entry of a list offered to a draft; `attestations` counts the attestations that come with it. */
export interface OfferedPlatform {
  digest: string;
  platform?: Platform;
  attestations?: number;
}

/** Returns what an add will put in the draft, in words: "2 platforms and their 2 attestations (4 entries)". */
export function addSummary(platforms: OfferedPlatform[] | undefined, chosen: ReadonlySet<string>) {
  if (!platforms || platforms.length === 0) return { text: 'Adds this image.', attestations: 0 };
  const picked = platforms.filter((p) => chosen.has(p.digest));
  const attestations = picked.reduce((n, p) => n + (p.attestations ?? 0), 0);
  const images = `${picked.length} platform${picked.length === 1 ? '' : 's'}`;
  return {
    text: attestations
      ? `Adds ${images} and ${picked.length === 1 ? 'its' : 'their'} ${attestations} attestation${attestations === 1 ? '' : 's'} (${picked.length + attestations} entries).`
      : `Adds ${images}.`,
    attestations,
  };
}
