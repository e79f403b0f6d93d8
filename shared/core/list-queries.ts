import { map } from 'rxjs';
import type { QueryHandlers } from '../api/crm-api';
import type { Contact } from '../domain/entities';
import { plain, type CoreContext } from './context';
import { subscribeLive } from './live';

type ListQueries = Pick<QueryHandlers, 'accounts/list' | 'contacts/list' | 'stageEvents/forRecord'>;

/** Names sort as a Chinese reader expects (pinyin order), which no storage index can give. */
const byName = new Intl.Collator('zh-CN').compare;
const sortByName = <T extends { name: string }>(records: T[]) =>
  records.sort((a, b) => byName(a.name, b.name));

export function listQueries(ctx: CoreContext): ListQueries {
  const { accounts, contacts, stageevents } = ctx.database;
  return {
    'accounts/list': (_args, onResult, onError) =>
      subscribeLive(
        accounts
          .find({ selector: { archived: false } })
          .$.pipe(map((docs) => sortByName(docs.map(plain)))),
        onResult,
        onError,
      ),
    'contacts/list': ({ accountId }, onResult, onError) => {
      const selector: { archived: false; accountId?: Contact['accountId'] } = { archived: false };
      if (accountId) selector.accountId = accountId;
      return subscribeLive(
        contacts.find({ selector }).$.pipe(map((docs) => sortByName(docs.map(plain)))),
        onResult,
        onError,
      );
    },
    'stageEvents/forRecord': ({ recordId }, onResult, onError) =>
      subscribeLive(
        stageevents
          .find({ selector: { recordId }, sort: [{ at: 'asc' }], index: ['recordId', 'at'] })
          .$.pipe(map((docs) => docs.map(plain))),
        onResult,
        onError,
      ),
  };
}
