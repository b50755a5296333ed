import type { NextRequest, NextResponse } from 'next/server';

import { duplicateDraft } from '@/lib/drafts';
import { handle, readBody, respond } from '@/lib/drafts/http';
import { duplicateDraftSchema } from '@/lib/drafts/schemas';

export const dynamic = 'force-dynamic';

/** POST /api/drafts/[id]/duplicate `{ name? }`: a copy of the draft (201). */
export async function POST(
  req: NextRequest,
  { params }: { params: Promise<{ id: string }> },
): Promise<NextResponse> {
  const { id } = await params;
  return handle(async () => {
    const body = await readBody(req, duplicateDraftSchema);
    if ('response' in body) return body.response;
    return respond(duplicateDraft(id, body.data.name), 201);
  });
}
