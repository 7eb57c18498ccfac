import { aRequest } from '../__testUtils__/requests';
import { labTenancy } from '../__testUtils__/testbeds';
import type { DeliveryStageObserver } from '@canopy-idp/plugin-delivery-node';
import { OwnedRepository } from './OwnedRepository';

describe('OwnedRepository', () => {
  it('reads the pull request only while the requester’s teams own its repository', async () => {
    const inner: DeliveryStageObserver = {
      stage: 'pull-request',
      system: 'The Git host',
      observe: jest.fn(async () => ({ state: 'running' as const })),
    };
    let teams = ['group:default/team-a'];
    const guarded = new OwnedRepository(inner, {
      owners: labTenancy(),
      ownership: { ofUserRef: async user => new Set([user, ...teams]) },
    });
    expect(guarded.stage).toBe('pull-request');
    expect((await guarded.observe(aRequest())).state).toBe('running');
    teams = ['group:default/team-b'];
    expect(await guarded.observe(aRequest())).toEqual({
      state: 'failed',
      message: expect.stringMatching(
        /^Denied: user:default\/guest does not own repository 'github\.example\/acme\/infra' \(rule: pull requests/,
      ),
    });
    expect(inner.observe).toHaveBeenCalledTimes(1);
  });
});
