import { NextResponse, type NextRequest } from 'next/server';

import { createDraft, listDrafts } from '@/lib/drafts';
import { handle, readBody, respond } from '@/lib/drafts/http';
import { createDraftSchema } from '@/lib/drafts/schemas';
import { serverDraftDeps } from '@/lib/drafts/server';

export const dynamic = 'force-dynamic';

/** GET /api/drafts: every draft, most recently changed first. */
export async function GET(): Promise<NextResponse> {
  return handle(() => NextResponse.json({ drafts: listDrafts() }));
}

/** POST /api/drafts `{ name, format?, from? }`: a new draft, empty or from an existing list (201). */
export async function POST(req: NextRequest): Promise<NextResponse> {
  return handle(async () => {
    const body = await readBody(req, createDraftSchema);
    if ('response' in body) return body.response;
    const input = {
      name: body.data.name,
      ...(body.data.format ? { format: body.data.format } : {}),
      ...(body.data.from ? { from: body.data.from } : {}),
    };
    return respond(await createDraft(serverDraftDeps(req.signal), input), 201);
  });
}
