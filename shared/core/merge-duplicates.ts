import type { CommandHandlers } from '../api/crm-api';
import type { AccountDuplicate, ContactDuplicate, MatchField } from '../api/merge-contract';
import type { DuplicateField } from '../domain/leads';
import { duplicateMatch } from '../domain/leads';
import { plain, type CoreContext } from './context';

type DuplicateCommands = Pick<
  CommandHandlers,
  'accounts/findDuplicates' | 'contacts/findDuplicates' | 'merge/mergedInto' | 'merge/record'
>;

const byName = new Intl.Collator('zh-CN').compare;

/** An account's name is its company name: the lead rule's "company" match reads "name" here. */
const asMatchField = (field: DuplicateField): MatchField => (field === 'company' ? 'name' : field);

/** A person's name as people type it differently: width, case and spaces ignored. */
const personName = (name: string) => name.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');

/**
 * Open accounts and contacts that look like the one being entered. Scans, as the lead check does
 * (shared/core/leads.ts): normalised names cannot be indexed, and this runs on a typing pause.
 */
export function duplicateCommands(ctx: CoreContext): DuplicateCommands {
  return {
    'accounts/findDuplicates': async ({ name, phone, excludeId }) => {
      if (!name && !phone) return [];
      const docs = await ctx.database.accounts.find({ selector: { archived: false } }).exec();
      const found: AccountDuplicate[] = [];
      for (const doc of docs) {
        if (doc.id === excludeId) continue;
        const record = plain(doc);
        const matched = duplicateMatch(
          { company: name, phone },
          { company: record.name, phone: record.phone },
        );
        if (matched.length > 0) {
          found.push({ kind: 'account', record, matchedOn: matched.map(asMatchField) });
        }
      }
      return found.sort(
        (a, b) => b.matchedOn.length - a.matchedOn.length || byName(a.record.name, b.record.name),
      );
    },
    'contacts/findDuplicates': async ({ accountId, name, phone, email, excludeId }) => {
      if (!name && !phone && !email) return [];
      const [docs, accounts] = await Promise.all([
        ctx.database.contacts.find({ selector: { archived: false } }).exec(),
        ctx.database.accounts.find().exec(),
      ]);
      const accountNames = new Map(accounts.map((a) => [a.id, a.name]));
      const wanted = name ? personName(name) : '';
      const found: ContactDuplicate[] = [];
      for (const doc of docs) {
        if (doc.id === excludeId) continue;
        const record = plain(doc);
        const matchedOn: MatchField[] = [];
        // Two 王伟 at two firms are two people; at the same firm they are most likely one.
        if (wanted && record.accountId === accountId && personName(record.name) === wanted) {
          matchedOn.push('name');
        }
        for (const field of duplicateMatch({ phone, email }, record)) {
          matchedOn.push(asMatchField(field));
        }
        if (matchedOn.length > 0) {
          const accountName = accountNames.get(record.accountId) ?? '';
          found.push({ kind: 'contact', record, accountName, matchedOn });
        }
      }
      return found.sort(
        (a, b) => b.matchedOn.length - a.matchedOn.length || byName(a.record.name, b.record.name),
      );
    },
    'merge/mergedInto': async ({ kind, targetId }) => {
      const selector = { mergedInto: targetId };
      if (kind === 'lead') {
        const docs = await ctx.database.leads.find({ selector }).exec();
        return docs.map((doc) => ({ kind, record: plain(doc) }));
      }
      if (kind === 'account') {
        const docs = await ctx.database.accounts.find({ selector }).exec();
        return docs.map((doc) => ({ kind, record: plain(doc) }));
      }
      const docs = await ctx.database.contacts.find({ selector }).exec();
      return docs.map((doc) => ({ kind, record: plain(doc) }));
    },
    'merge/record': async ({ kind, id }) => {
      if (kind === 'lead') {
        const doc = await ctx.database.leads.findOne(id).exec();
        return doc ? { kind, record: plain(doc) } : null;
      }
      if (kind === 'account') {
        const doc = await ctx.database.accounts.findOne(id).exec();
        return doc ? { kind, record: plain(doc) } : null;
      }
      const doc = await ctx.database.contacts.findOne(id).exec();
      return doc ? { kind, record: plain(doc) } : null;
    },
  };
}
