import type { ContractCard } from '../../shared/api/contracting-contract';
import type { FieldIssue } from '../../shared/api';
import { isValidQuantity, lineTotal } from '../../shared/domain/contracts';
import {
  DEFAULT_CURRENCY,
  money,
  parseMoneyInput,
  type Contract,
  type Money,
} from '../../shared/domain';
import type { Language } from '../../shared/i18n';
import { formatAmountInput } from '../forms/opportunity-form';
import type { Named } from '../forms/RecordPicker';
import { validateCommand } from '../forms/use-command-form';
import { rowKey } from '../forms/row-key';

/** One editable line: texts as typed; `key` keeps React rows stable, `id` is the stored line's. */
export interface LineValues {
  key: string;
  id?: string;
  description: string;
  quantity: string;
  unitPrice: string;
}

export interface MilestoneValues {
  key: string;
  id?: string;
  name: string;
  amount: string;
  dueOn: string;
}

export interface ContractValues {
  title: string;
  number: string;
  accountId: Named | null;
  contactId: Named | null;
  currency: string;
  /** Typed amount, used while there are no lines. */
  amount: string;
  lines: LineValues[];
  plan: MilestoneValues[];
  notes: string;
}

/** "１２.５", "2,5" typed by a person → 12.5 / null. */
export { rowKey };

export function parseQuantity(text: string): number | null {
  const normalized = text
    .trim()
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[\uFF0E\u3002]/g, '.')
    .replace(/[,\s\uFF0C]/g, '');
  if (!/^\d+(\.\d+)?$/.test(normalized)) return null;
  const value = Number(normalized);
  return isValidQuantity(value) ? value : null;
}

export function emptyLine(): LineValues {
  return { key: rowKey(), description: '', quantity: '1', unitPrice: '' };
}

export function emptyMilestone(): MilestoneValues {
  return { key: rowKey(), name: '', amount: '', dueOn: '' };
}

export function initialContractValues(
  card: ContractCard | undefined,
  language: Language,
): ContractValues {
  if (!card) {
    return {
      title: '',
      number: '',
      accountId: null,
      contactId: null,
      currency: DEFAULT_CURRENCY,
      amount: '',
      lines: [],
      plan: [],
      notes: '',
    };
  }
  const show = (m: Money) => formatAmountInput(m, language);
  return {
    title: card.title,
    number: card.number ?? '',
    accountId: { id: card.accountId, name: card.accountName },
    contactId: null,
    currency: card.amount.currency,
    amount: card.amount.minor > 0 ? show(card.amount) : '',
    lines: (card.lineItems ?? []).map((l) => ({
      key: rowKey(),
      id: l.id,
      description: l.description,
      quantity: String(l.quantity),
      unitPrice: show(l.unitPrice),
    })),
    plan: (card.paymentPlan ?? []).map((m) => ({
      key: rowKey(),
      id: m.id,
      name: m.name,
      amount: show(m.amount),
      dueOn: m.dueOn,
    })),
    notes: card.notes ?? '',
  };
}

/** A line's total while typing, or undefined while its quantity or price is not a number yet. */
export function lineTotalOf(line: LineValues, currency: string): Money | undefined {
  const quantity = parseQuantity(line.quantity);
  const unitPrice = parseMoneyInput(line.unitPrice, currency);
  return quantity !== null && unitPrice ? lineTotal({ quantity, unitPrice }) : undefined;
}

/** The contract amount as the form stands: the lines' total, else the typed amount. */
export function formAmount(values: ContractValues): Money | undefined {
  if (values.lines.length === 0) {
    return values.amount.trim() === ''
      ? money(0, values.currency)
      : (parseMoneyInput(values.amount, values.currency) ?? undefined);
  }
  let minor = 0;
  for (const line of values.lines) {
    const total = lineTotalOf(line, values.currency);
    if (!total) return undefined;
    minor += total.minor;
  }
  return money(minor, values.currency);
}

/** Sum of the milestones that parse. */
export function formPlanTotal(values: ContractValues): Money {
  const minor = values.plan
    .map((m) => parseMoneyInput(m.amount, values.currency)?.minor ?? 0)
    .reduce((a, b) => a + b, 0);
  return money(minor, values.currency);
}

export interface ContractArgs {
  title: string;
  number: string;
  accountId: string;
  contactId: string | null;
  amount?: Money;
  lineItems: { id?: string; description: string; quantity: number; unitPrice: Money }[];
  paymentPlan: { id?: string; name: string; amount: Money; dueOn: string }[];
  notes: string;
}

/**
 * The command's arguments and the problems of each cell ("lineItems.0.quantity"), so a cell that
 * does not parse is named on itself and never reaches the core.
 */
export function toContractArgs(values: ContractValues): {
  args: ContractArgs;
  cells: FieldIssue[];
} {
  const cells: FieldIssue[] = [];
  const c = values.currency;
  const lineItems = values.lines.map((line, i) => {
    const quantity = parseQuantity(line.quantity);
    const unitPrice = parseMoneyInput(line.unitPrice, c);
    if (!line.description.trim())
      cells.push({ field: `lineItems.${i}.description`, code: 'required' });
    if (quantity === null) cells.push({ field: `lineItems.${i}.quantity`, code: 'invalid' });
    if (!unitPrice) cells.push({ field: `lineItems.${i}.unitPrice`, code: 'invalid' });
    const item = {
      description: line.description.trim() || '-',
      quantity: quantity ?? 1,
      unitPrice: unitPrice ?? money(0, c),
    };
    return line.id ? { id: line.id, ...item } : item;
  });
  const paymentPlan = values.plan.map((m, i) => {
    const amount = parseMoneyInput(m.amount, c);
    if (!m.name.trim()) cells.push({ field: `paymentPlan.${i}.name`, code: 'required' });
    if (!amount || amount.minor <= 0)
      cells.push({ field: `paymentPlan.${i}.amount`, code: 'invalid' });
    if (!m.dueOn) cells.push({ field: `paymentPlan.${i}.dueOn`, code: 'required' });
    const item = {
      name: m.name.trim() || '-',
      amount: amount && amount.minor > 0 ? amount : money(1, c),
      dueOn: m.dueOn || '2000-01-01',
    };
    return m.id ? { id: m.id, ...item } : item;
  });
  const args: ContractArgs = {
    title: values.title,
    number: values.number,
    accountId: values.accountId?.id ?? '',
    contactId: values.contactId?.id ?? null,
    lineItems,
    paymentPlan,
    notes: values.notes,
  };
  if (values.lines.length === 0) {
    const amount = formAmount(values);
    if (amount) args.amount = amount;
    else cells.push({ field: 'amount', code: 'invalid' });
  }
  return { args, cells };
}

/** Every problem of the form, cell problems first, then the command schema's. */
export function contractIssues(values: ContractValues, locked: boolean): FieldIssue[] {
  const { args, cells } = toContractArgs(values);
  const { contactId, ...rest } = args;
  const schemaIssues = validateCommand('contracts/create', {
    ...rest,
    accountId: rest.accountId || undefined,
    ...(contactId ? { contactId } : {}),
    ...(locked ? { lineItems: undefined, paymentPlan: undefined, amount: undefined } : {}),
  }).filter((issue) => !cells.some((cell) => cell.field === issue.field));
  return locked ? schemaIssues : [...cells, ...schemaIssues];
}

/** Whether the stored contract is past the point where its terms may change (see contracts.ts). */
export function isLocked(contract: Pick<Contract, 'stage' | 'deliveryId'> | undefined): boolean {
  if (!contract) return false;
  return (
    ['signed', 'executing', 'completed', 'terminated'].includes(contract.stage) ||
    contract.deliveryId !== undefined
  );
}
