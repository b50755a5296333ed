import 'server-only';

import { cache } from 'react';

import { inspect, parseReference, type InspectResult, type ImageReference } from '@/lib/registry';

import { getContentCache, getRegistryClient } from './registry';

/** Returns the inspection of a reference; deduplicated within one server request. Throws AppError. */
export const inspectReference = cache(async (text: string): Promise<InspectResult> => {
  const ref: ImageReference = parseReference(text);
  return inspect(getRegistryClient(), ref, { cache: getContentCache() });
});
