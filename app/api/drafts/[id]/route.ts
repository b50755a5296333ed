import type { NextRequest, NextResponse } from 'next/server';

import { deleteDraft, getDraftView, updateDraftSettings, validateDraftForPush } from '@/lib/drafts';
import { handle, readBody, respond } from '@/lib/drafts/http';
import { updateDraftSchema } from '@/lib/drafts/schemas';
import { serverDraftDeps } from '@/lib/drafts/server';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string }> };

/** GET /api/drafts/[id]: the draft with its problems; `?check=1` also HEADs every entry's source. */
export async function GET(req: NextRequest, { params }: Ctx): Promise<NextResponse> {
  const { id } = await params;
  return handle(async () => {
    if (req.nextUrl.searchParams.get('check') === '1')
      return respond(await validateDraftForPush(serverDraftDeps(req.signal), id));
    return respond(getDraftView(id));
  });
}

/** PATCH /api/drafts/[id] `{ name?, format?, annotations?, revision? }`: rename, switch format, set index annotations. */
export async function PATCH(req: NextRequest, { params }: Ctx): Promise<NextResponse> {
  const { id } = await params;
  return handle(async () => {
    const body = await readBody(req, updateDraftSchema);
    if ('response' in body) return body.response;
    const d = body.data;
    return respond(
      updateDraftSettings(id, {
        ...(d.name !== undefined ? { name: d.name } : {}),
        ...(d.format !== undefined ? { format: d.format } : {}),
        ...(d.annotations !== undefined ? { annotations: d.annotations } : {}),
        ...(d.revision !== undefined ? { revision: d.revision } : {}),
      }),
    );
  });
}

/** DELETE /api/drafts/[id]: removes the draft (its push history stays in the activity log). */
export async function DELETE(_req: NextRequest, { params }: Ctx): Promise<NextResponse> {
  const { id } = await params;
  return handle(() => respond(deleteDraft(id)));
}
