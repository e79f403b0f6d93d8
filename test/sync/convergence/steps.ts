import fc from 'fast-check';
import { OPPORTUNITY_STAGES, type OpportunityStage } from '../../../shared/domain/phases';

/**
 * What one person or the world does next in the convergence test. Clients and records are picked
 * by number modulo what exists when the step runs, so every generated list runs and shrinks.
 */
export type Step =
  | { kind: 'createAccount'; client: number }
  | { kind: 'createOpportunity'; client: number; account: number }
  | { kind: 'editAccount'; client: number; record: number; field: AccountField }
  | { kind: 'editOpportunity'; client: number; record: number; field: OpportunityField }
  | { kind: 'move'; client: number; record: number; to: OpportunityStage }
  | { kind: 'delete'; client: number; collection: EditedCollection; record: number }
  | { kind: 'disconnect'; client: number }
  | { kind: 'reconnect'; client: number }
  | { kind: 'sync'; client: number }
  | { kind: 'restartServer' };

export type EditedCollection = 'accounts' | 'opportunities';
export const ACCOUNT_FIELDS = ['name', 'phone'] as const;
export type AccountField = (typeof ACCOUNT_FIELDS)[number];
export const OPPORTUNITY_FIELDS = ['title', 'amount', 'description', 'expectedClose'] as const;
export type OpportunityField = (typeof OPPORTUNITY_FIELDS)[number];

const client = fc.nat({ max: 11 });
const record = fc.nat({ max: 9 });

export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('createAccount'), client }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('createOpportunity'), client, account: record }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('editAccount'),
      client,
      record,
      field: fc.constantFrom(...ACCOUNT_FIELDS),
    }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('editOpportunity'),
      client,
      record,
      field: fc.constantFrom(...OPPORTUNITY_FIELDS),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('move'),
      client,
      record,
      // Mostly moves the core allows without a contact (this database has no contacts); a few
      // that its gates or transition rules refuse, which must change nothing.
      to: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom<OpportunityStage>('qualify', 'solution', 'lost') },
        { weight: 1, arbitrary: fc.constantFrom(...OPPORTUNITY_STAGES) },
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('delete'),
      client,
      collection: fc.constantFrom<EditedCollection>('accounts', 'opportunities'),
      record,
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('disconnect'), client }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('reconnect'), client }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('sync'), client }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restartServer') }) },
) as fc.Arbitrary<Step>;

export interface Scenario {
  /** 3 or 4 desktops: each holds 3 collections, RxDB allows 13 open per process. */
  clients: number;
  /** The last desktop belongs to a rep, whose edits of others' records the server refuses. */
  withRep: boolean;
  steps: Step[];
}

export const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  clients: fc.integer({ min: 3, max: 4 }),
  withRep: fc.boolean(),
  steps: fc.array(stepArb, { minLength: 20, maxLength: 50 }),
});
