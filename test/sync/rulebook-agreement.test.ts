import fc from 'fast-check';
import { startTestServer, type TestServer } from '../../server/test-support';
import { Device } from './agreement/device';
import { forgeriesArb, tryForgeries } from './agreement/forgeries';
import { act, stepsArb, type Step } from './agreement/steps';
import { clientFolder } from './support';

/**
 * The rulebook's promise (issue 12): the core and the sync server judge with the same rules, so
 *
 * 1. whatever real commands a rep and their manager do on their laptops, offline and online,
 *    the core lets through only what the server then accepts: not one refusal at sync
 *    (0 false refusals of legitimate work);
 * 2. a forgery of such work (a changed stage, an approval added or removed, another person's
 *    name or hand, an event of another record) is refused, and changes nothing.
 *
 * Three laptops: rep A, their manager, rep B (two fit in one process at a time; the third takes
 * turns). The seed is printed; AGREEMENT_SEED and AGREEMENT_RUNS replay or widen it.
 */
const seed = Number(process.env.AGREEMENT_SEED ?? 20261207);
const numRuns = Number(process.env.AGREEMENT_RUNS ?? 8);

describe('the core and the sync server agree', () => {
  let server: TestServer;
  let folder: ReturnType<typeof clientFolder>;
  beforeAll(async () => {
    server = await startTestServer({ backend: 'sqlite' });
    folder = clientFolder();
  });
  afterAll(async () => {
    await server?.close();
    folder?.remove();
  });

  it('refuses no legitimate work at sync, and every forgery of it', async () => {
    console.info(`rulebook agreement: seed ${seed}, ${numRuns} runs`);
    const seen = { steps: 0, moves: 0, forgeries: 0, taken: {} as Record<string, number> };
    let run = 0;
    await fc.assert(
      fc.asyncProperty(stepsArb(3), forgeriesArb, async (steps, forgeries) => {
        run += 1;
        const manager = await server.createUser({ role: 'manager', name: `经理 ${run}` });
        const orgId = manager.user.orgId;
        const repA = await server.createUser({ orgId, role: 'rep', name: `代表甲 ${run}` });
        const repB = await server.createUser({ orgId, role: 'rep', name: `代表乙 ${run}` });
        let time = Date.UTC(2026, 5, 1, 9);
        const clock = () => (time += 1000);
        const devices = [
          await Device.create(0, repA, `${folder.directory}/run${run}-a`, server.url, clock),
          await Device.create(1, manager, `${folder.directory}/run${run}-m`, server.url, clock),
          await Device.create(2, repB, `${folder.directory}/run${run}-b`, server.url, clock),
        ];
        const recent: Device[] = [];
        /** At most two laptops open at once (RxDB's collection limit); the longest idle closes. */
        const use = async (device: Device) => {
          if (!device.isOpen) {
            const open = recent.filter((d) => d.isOpen);
            if (open.length >= 2) await open[0]!.close();
            await device.open();
          }
          recent.splice(recent.indexOf(device) >>> 0, recent.includes(device) ? 1 : 0);
          recent.push(device);
        };
        try {
          // The manager sets up the sales process first: a checklist line on Solution and a
          // description required for Negotiation, so gates with ticks are in play.
          await use(devices[1]!);
          const { service } = devices[1]!;
          await service!.commands['pipelines/update']({
            id: 'default',
            patch: {
              stages: [
                {
                  key: 'qualify',
                  probability: 10,
                  requiredFields: [],
                  checklist: [],
                  approvalRequired: false,
                },
                {
                  key: 'solution',
                  probability: 25,
                  requiredFields: [],
                  checklist: [{ id: 'cneeds', label: '需求已书面确认' }],
                  approvalRequired: false,
                },
                {
                  key: 'proposal',
                  probability: 50,
                  requiredFields: ['amount', 'expectedClose', 'contactId'],
                  checklist: [],
                  approvalRequired: true,
                },
                {
                  key: 'negotiation',
                  probability: 75,
                  requiredFields: ['amount', 'expectedClose', 'contactId', 'description'],
                  checklist: [],
                  approvalRequired: false,
                },
              ],
            },
          });
          await devices[1]!.sync();
          // A shared start: each person has a customer with a contact and two quoted deals.
          for (const device of devices) {
            await use(device);
            await device.sync();
            await act(device.service!, device.database!, { kind: 'createAccount' });
            const own = await device
              .database!.accounts.findOne({ selector: { ownerId: device.user.user.id } })
              .exec();
            await device.service!.commands['contacts/create']({ accountId: own!.id, name: '张伟' });
            for (const title of ['一期', '二期']) {
              const contact = await device
                .database!.contacts.findOne({ selector: { accountId: own!.id } })
                .exec();
              await device.service!.commands['opportunities/create']({
                title,
                accountId: own!.id,
                contactId: contact!.id,
                amount: { minor: 50_000_00, currency: 'CNY' },
                expectedClose: '2026-12-31',
              });
            }
            await device.sync();
          }
          for (const device of devices) {
            await use(device);
            await device.sync();
          }

          for (const step of steps as Step[]) {
            const device = devices[step.device]!;
            seen.steps += 1;
            if (step.action.kind === 'offline') await device.setOnline(false);
            else if (step.action.kind === 'online') await device.setOnline(true);
            else {
              await use(device);
              if (step.action.kind === 'sync') await device.sync();
              else {
                const { kind } = step.action;
                if (await act(device.service!, device.database!, step.action)) {
                  seen.taken[kind] = (seen.taken[kind] ?? 0) + 1;
                  if (kind === 'move') seen.moves += 1;
                }
              }
            }
          }

          // Everyone back online and synced, twice round (a pull can bring what another pushed).
          for (let round = 0; round < 2; round++) {
            for (const device of devices) {
              await device.setOnline(true);
              await use(device);
              await device.sync();
            }
          }
          const refused = devices.flatMap((device) =>
            device.problems.map(
              (p) =>
                `device ${device.index}: ${p.collection}/${p.recordId} ${p.reason ?? p.code}: ${p.message}`,
            ),
          );
          expect(refused).toEqual([]);

          seen.forgeries += forgeries.length;
          expect(
            await tryForgeries(server, { rep: repA, manager, other: repB }, forgeries),
          ).toEqual([]);
        } finally {
          for (const device of devices) await device.dispose();
        }
      }),
      { numRuns, seed, endOnFailure: true },
    );
    console.info(`rulebook agreement: ${JSON.stringify(seen)}`);
    // The runs must have done what the property is about.
    expect(seen.moves).toBeGreaterThan(10);
    expect(seen.forgeries).toBeGreaterThan(10);
  }, 600_000);
});
