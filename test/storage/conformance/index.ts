import { describeChangeStream } from './change-stream';
import { describeChangesFeed } from './changes-feed';
import { describeConcurrency } from './concurrency';
import { useStorageContext, type MakeStorage } from './harness';
import { describeLifecycle } from './lifecycle';
import { describeQueryOperators } from './operators';
import { describeThroughRxDatabase } from './rx-database';
import { describeSchemas } from './schemas';
import { describeSorting } from './sorting';
import { describeWrites } from './writes';

export type { MakeStorage, StorageUnderTest } from './harness';

/**
 * RxStorage conformance: what RxDB expects of any storage, asserted as behaviour at the
 * RxStorageInstance interface (and once through a real RxDatabase). Run against RxDB's memory
 * storage, the reference, and against every storage of ours. Each test gets a fresh storage from
 * makeStorage and a fresh database name.
 */
export function describeStorageConformance(name: string, makeStorage: MakeStorage): void {
  describe(`RxStorage conformance: ${name}`, () => {
    const ctx = useStorageContext(makeStorage);
    describeWrites(ctx);
    describeQueryOperators(ctx);
    describeSorting(ctx);
    describeChangesFeed(ctx);
    describeChangeStream(ctx);
    describeLifecycle(ctx);
    describeConcurrency(ctx);
    describeSchemas(ctx);
    describeThroughRxDatabase(ctx);
  });
}
