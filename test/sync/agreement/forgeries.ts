import fc from 'fast-check';
import { callApi, type TestServer, type TestUser } from '../../../server/test-support';
import { newId } from '../../../shared/domain/ids';
import { findStage, firstStageKey, defaultPipeline } from '../../../shared/domain/pipelines';
import type {
  PullResponse,
  PushResponse,
  PushRow,
  WireDocument,
} from '../../../shared/sync/protocol';

/**
 * Forgeries of a rep's push: a legitimate change of one of their deals (made here as the core
 * would write it, against the server's current version), then one thing changed. The server must
 * refuse the forgery and change nothing; the legitimate change it must take.
 */
export const FORGERIES = [
  'stageChanged',
  'pastGate',
  'approvalAdded',
  'approvalRemoved',
  'byName',
  'eventBy',
  'otherRecord',
] as const;
export type Forgery = (typeof FORGERIES)[number];

export const forgeriesArb = fc.array(
  fc.record({ kind: fc.constantFrom(...FORGERIES), deal: fc.nat({ max: 50 }) }),
  { minLength: 4, maxLength: 8 },
);

let clock = Date.UTC(2027, 0, 1);

/** The legitimate change: out to Lost (with its reason) from an open stage, or a lost deal reopened. */
function legitimate(
  rep: TestUser,
  master: WireDocument,
): PushRow & { newDocumentState: WireDocument; stageEvents: WireDocument[] } {
  const at = Math.max((clock += 1000), Number(master.stageEnteredAt) + 1);
  const pipeline = defaultPipeline();
  const to = master.stage === 'lost' ? firstStageKey(pipeline) : 'lost';
  const stage = findStage(pipeline, to)!;
  const next: WireDocument = {
    ...master,
    stage: to,
    stageOrder: stage.order,
    probability: stage.probability,
    stageEnteredAt: at,
    updatedAt: at,
  };
  if (to === 'lost') next.lostReason = '预算取消';
  else delete next.lostReason;
  const event: WireDocument = {
    id: newId(),
    phase: 'opportunity',
    recordId: String(master.id),
    from: String(master.stage),
    to,
    at,
    by: rep.user.id,
    byName: rep.user.name,
    ...(to === 'lost' ? { reason: '预算取消' } : {}),
    _deleted: false,
  };
  return { assumedMasterState: master, newDocumentState: next, stageEvents: [event] };
}

function forge(
  kind: Forgery,
  row: ReturnType<typeof legitimate>,
  people: { manager: TestUser; other: TestUser },
  otherDeal: WireDocument | undefined,
): PushRow {
  const master = row.assumedMasterState!;
  const event = row.stageEvents[0]!;
  const approval = {
    stage: 'proposal',
    status: 'approved',
    by: people.manager.user.id,
    byName: people.manager.user.name,
    at: clock,
  };
  switch (kind) {
    case 'stageChanged':
      return {
        ...row,
        newDocumentState: {
          ...row.newDocumentState,
          stage: master.stage === 'negotiation' ? 'solution' : 'negotiation',
        },
      };
    case 'pastGate': {
      const won: WireDocument = {
        ...row.newDocumentState,
        stage: 'won',
        stageOrder: 4,
        probability: 100,
      };
      delete won.lostReason;
      return {
        ...row,
        newDocumentState: won,
        stageEvents: [{ ...event, to: 'won', reason: undefined }],
      };
    }
    case 'approvalAdded':
      return {
        assumedMasterState: master,
        newDocumentState: {
          ...master,
          approvals: [...((master.approvals as unknown[]) ?? []), approval],
        },
      };
    case 'approvalRemoved': {
      const decided = ((master.approvals as { status: string }[] | undefined) ?? []).some(
        (a) => a.status !== 'requested',
      );
      if (!decided) return forge('approvalAdded', row, people, otherDeal);
      const kept = ((master.approvals as { status: string }[]) ?? []).filter(
        (a) => a.status === 'requested',
      );
      const next = { ...master };
      if (kept.length > 0) next.approvals = kept;
      else delete next.approvals;
      return { assumedMasterState: master, newDocumentState: next };
    }
    case 'byName':
      return { ...row, stageEvents: [{ ...event, byName: people.manager.user.name }] };
    case 'eventBy':
      return {
        ...row,
        stageEvents: [{ ...event, by: people.other.user.id, byName: people.other.user.name }],
      };
    case 'otherRecord':
      if (!otherDeal) return forge('byName', row, people, otherDeal);
      return { ...row, stageEvents: [{ ...event, recordId: otherDeal.id }] };
  }
}

async function pull(
  server: TestServer,
  who: TestUser,
  collection: string,
): Promise<WireDocument[]> {
  const response = await callApi<PullResponse>(
    server.apiUrl,
    'GET',
    `/sync/${collection}/pull?seq=0&limit=1000`,
    { token: who.token },
  );
  return response.body.documents;
}

async function push(server: TestServer, who: TestUser, row: PushRow): Promise<PushResponse> {
  const response = await callApi<PushResponse>(server.apiUrl, 'POST', '/sync/opportunities/push', {
    token: who.token,
    json: [row],
  });
  if (response.status !== 200) throw new Error(`push answered ${response.status}`);
  return response.body;
}

/**
 * Runs the forgeries against the rep's deals as the server has them now; returns what went
 * wrong (empty when every forgery was refused, nothing changed, and every legitimate change was
 * taken).
 */
export async function tryForgeries(
  server: TestServer,
  people: { rep: TestUser; manager: TestUser; other: TestUser },
  forgeries: readonly { kind: Forgery; deal: number }[],
): Promise<string[]> {
  const wrong: string[] = [];
  for (const { kind, deal } of forgeries) {
    const deals = (await pull(server, people.manager, 'opportunities')).filter(
      (d) => !d._deleted && !d.archived,
    );
    const mine = deals.filter((d) => d.ownerId === people.rep.user.id && d.stage !== 'won');
    const target = mine[deal % Math.max(1, mine.length)];
    if (!target) continue;
    const row = legitimate(people.rep, target);
    const forged = forge(
      kind,
      row,
      people,
      deals.find((d) => d.id !== target.id),
    );
    const before = {
      deals: await pull(server, people.manager, 'opportunities'),
      events: await pull(server, people.manager, 'stageevents'),
    };
    const refused = await push(server, people.rep, forged);
    if (!refused.refused.some((r) => r.id === target.id)) {
      wrong.push(`${kind} on ${String(target.id)} was not refused: ${JSON.stringify(refused)}`);
      continue;
    }
    const after = {
      deals: await pull(server, people.manager, 'opportunities'),
      events: await pull(server, people.manager, 'stageevents'),
    };
    if (JSON.stringify(after) !== JSON.stringify(before))
      wrong.push(`${kind} changed the server's data`);
    const taken = await push(server, people.rep, row);
    if (taken.refused.length > 0 || taken.conflicts.length > 0) {
      wrong.push(`the legitimate change behind ${kind} was not taken: ${JSON.stringify(taken)}`);
    }
  }
  return wrong;
}
