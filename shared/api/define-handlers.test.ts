import { defineHandlers } from './define-handlers';
import { openTestCore } from '../core/test-support';
import { withSync, type SyncService } from './crm-api';

describe('defineHandlers', () => {
  it('joins the maps, each name with its own handler', () => {
    const a = async () => 'a';
    const b = async () => 'b';
    const joined = defineHandlers('command', { 'x/a': a }, { 'x/b': b });
    expect(joined).toEqual({ 'x/a': a, 'x/b': b });
  });

  it('throws when a name is registered twice, naming it, instead of replacing the first', () => {
    const first = { 'leads/move': async () => 'first' };
    const second = { 'leads/create': async () => 'ok', 'leads/move': async () => 'second' };
    expect(() => defineHandlers('command', first, second)).toThrow(
      'the command "leads/move" is registered twice',
    );
    expect(() => defineHandlers('query', { 'board/leads': 1 }, { 'board/leads': 2 })).toThrow(
      'the query "board/leads" is registered twice',
    );
  });
});

describe('the core at start-up', () => {
  it('registers every command and query once, and a host refuses a sync handler that repeats one', async () => {
    // openTestCore builds the real service (createCrmService): a repeated name would throw here.
    const core = await openTestCore();
    try {
      expect(Object.keys(core.service.commands)).toContain('profile/current');
      expect(Object.keys(core.service.queries)).toContain('board/leads');
      const clashing = {
        commands: { 'profile/current': async () => core.service.commands['profile/current']({}) },
        queries: {},
      };
      // A sync service naming a core command: only the type system would stop it otherwise.
      expect(() => withSync(core.service, clashing as unknown as SyncService)).toThrow(
        'the command "profile/current" is registered twice',
      );
    } finally {
      await core.close();
    }
  });
});
