import { commandSchemas, type CommandResult, type CoreCommandName } from '../api/commands';
import type { CrmService } from '../api/crm-api';
import type { CurrentUser } from '../core/context';
import type { Money } from '../domain/money';
import type { SampleFirm } from './firm';
import { SAMPLE_ID_PREFIX } from './marker';
import type { Random } from './random';
import type { Journey, SimulationScheduler, Wake } from './scheduler';

export const DAY = 24 * 60 * 60 * 1000;

/** The sample firm's people: ids with the sample prefix, so everything they write is marked. */
export interface SamplePeople {
  manager: CurrentUser;
  reps: CurrentUser[];
}

export function samplePeople(firm: SampleFirm): SamplePeople {
  const person = (key: string, name: string, role: 'manager' | 'rep'): CurrentUser => ({
    id: `${SAMPLE_ID_PREFIX}${key}`,
    name,
    role,
  });
  return {
    manager: person(firm.manager.key, firm.manager.name, 'manager'),
    reps: firm.reps.map((r) => person(r.key, r.name, 'rep')),
  };
}

/** What every journey shares: the firm, the dice, the clock and the core's commands. */
export class SampleWorld {
  /** Company name → its account, once a lead from it was converted (repeat customers). */
  readonly accounts = new Map<string, string>();
  private contractSeq = 0;
  private invoiceSeq = 0;

  constructor(
    readonly firm: SampleFirm,
    readonly people: SamplePeople,
    readonly rng: Random,
    readonly scheduler: SimulationScheduler,
    private readonly service: CrmService,
  ) {}

  now(): number {
    return this.scheduler.time;
  }

  /** A step `days` after `from` at a working hour (09:00–17:59), as `as`. */
  wake(from: number, days: number, as: CurrentUser): Wake {
    const day = Math.floor(from / DAY) + Math.max(0, Math.round(days));
    const at = day * DAY + this.rng.int(1, 9) * 60 * 60 * 1000 + this.rng.int(0, 59) * 60 * 1000;
    return { at: Math.max(at, from + 60_000), as };
  }

  days(min: number, max: number): number {
    return this.rng.int(min, max);
  }

  /** The calendar date of an instant (UTC: the sample firm keeps no time zone of its own). */
  isoDate(at: number): string {
    return new Date(at).toISOString().slice(0, 10);
  }

  money(major: number): Money {
    return { minor: Math.round(major) * 100, currency: this.firm.currency };
  }

  /** Whether the core in this build has a command (areas land over time; the firm uses what is there). */
  has(name: string): boolean {
    return typeof (this.service.commands as Record<string, unknown>)[name] === 'function';
  }

  /** Runs a command through its contract's schema, exactly as the UI's commands are validated. */
  async call<C extends CoreCommandName>(name: C, args: unknown): Promise<CommandResult<C>> {
    const parsed = commandSchemas[name].parse(args);
    const handler = this.service.commands[name] as (a: unknown) => Promise<CommandResult<C>>;
    return handler(parsed);
  }

  spawn(journey: Journey): Promise<void> {
    return this.scheduler.spawn(journey);
  }

  nextContractNumber(): string {
    this.contractSeq += 1;
    return `${this.firm.contractPrefix}-${this.firm.currency === 'CNY' ? 'SZ' : 'US'}-${String(this.contractSeq).padStart(4, '0')}`;
  }

  nextInvoiceNumber(): string {
    this.invoiceSeq += 1;
    return `INV-${String(this.invoiceSeq).padStart(5, '0')}`;
  }
}
