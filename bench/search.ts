/**
 * Quick search over 5,000 records (issue 5 item 8): one keystroke's search on the prebuilt index
 * (pinyin keys cached per record), against a plain lowercase substring scan of the same names,
 * and the one-off cost of building the keys. Pure functions, no database: what a keystroke costs
 * once the live index is warm. Then the first keystroke against a later one in the desktop core on
 * the sample firm at 1× and 10× (search-first-keystroke.ts).
 */
import { EntryCache, indexPhone, indexText, search, type SearchEntry } from '../shared/search';
import { repeat, type Benchmark, type Measurement } from './measure';
import { firstKeystrokeRows } from './search-first-keystroke';

const RECORDS = 5_000;
const QUERIES = ['hw', 'huawei', 'zxtx', 'chongqing', 'yh', 'abb', '138001', 'x'];
const SYLLABLES = [
  ...'华为技术中兴通讯重庆长城银行招商海外精密机械新能源科技物流电子信息集团股份有限公司',
];

function names(): { name: string; phone: string }[] {
  let seed = 42;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
  return Array.from({ length: RECORDS }, (_, i) => {
    const length = 4 + (next() % 8);
    const name = Array.from({ length }, () => SYLLABLES[next() % SYLLABLES.length]).join('');
    return {
      name: i % 10 === 0 ? `ABB ${name}` : name,
      phone: `138${String(next()).padStart(8, '0').slice(0, 8)}`,
    };
  });
}

type Field = 'name' | 'phone';

function build(records: { name: string; phone: string }[]): SearchEntry<number, Field>[] {
  const cache = new EntryCache<Field>();
  return records.map((r, i) => ({
    value: i,
    texts: cache.texts(String(i), 1, () => [
      indexText<Field>('name', r.name),
      indexPhone<Field>('phone', r.phone),
    ]),
    kindOrder: 0,
    sortName: r.name,
  }));
}

export const searchBenchmark: Benchmark = {
  name: 'quick search',
  async run(): Promise<Measurement[]> {
    const records = names();
    const rows: Measurement[] = [];
    rows.push(
      await repeat(
        'search: plain substring scan, 5,000 names × 8 queries',
        { repetitions: 20, warmup: 3 },
        async () => {
          const start = performance.now();
          for (const q of QUERIES)
            records.filter((r) => r.name.toLowerCase().includes(q) || r.phone.includes(q));
          return performance.now() - start;
        },
      ),
    );
    const entries = build(records);
    rows.push(
      await repeat(
        'search: pinyin search, 5,000 records × 8 queries',
        {
          repetitions: 20,
          warmup: 3,
          baseline: 'search: plain substring scan, 5,000 names × 8 queries',
        },
        async () => {
          const start = performance.now();
          for (const q of QUERIES) search(entries, q, 20);
          return performance.now() - start;
        },
      ),
    );
    rows.push(
      await repeat(
        'search: building the keys of 5,000 records (once)',
        { repetitions: 5 },
        async () => {
          const start = performance.now();
          build(records);
          return performance.now() - start;
        },
      ),
    );
    rows.push(...(await firstKeystrokeRows()));
    return rows;
  },
};
