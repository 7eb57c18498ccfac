import { FakeArgoCd, type FakeApplicationState } from '../testUtils/fakeArgoCd';
import { aRequest } from '../__testUtils__/requests';
import { labTenancy, signedInTeams } from '../__testUtils__/testbeds';
import type { ArgoCdInstance } from '../config';
import { ArgoCdApplications, ArgoCdObserver } from './ArgoCdObserver';

const tenancy = { owners: labTenancy(), ownership: signedInTeams };
const observerOf = (instances: ArgoCdInstance[]) =>
  new ArgoCdObserver(new ArgoCdApplications(instances), tenancy);

describe('ArgoCdObserver, against a loopback Argo CD API', () => {
  const argo = new FakeArgoCd('argo-token');
  let observer: ArgoCdObserver;
  const request = aRequest({
    argoCdApplications: [{ name: 'blog' }, { name: 'blog-dev' }],
  });

  beforeAll(async () => {
    await argo.start();
    observer = observerOf([
      {
        name: 'lab',
        url: argo.url,
        token: 'argo-token',
        uiUrl: 'https://argocd.lab.example',
      },
    ]);
  });
  afterAll(() => argo.stop());
  beforeEach(() => {
    argo.setApplication('blog', undefined);
    argo.setApplication('blog-dev', undefined);
  });
  /** What the observer sees with blog synced and healthy, and blog-dev in AppProject `project` as given. */
  const observeWithBlogDev = (
    project: string,
    blogDev: Omit<FakeApplicationState, 'project'>,
  ) => {
    argo.setHealthy('blog', 'team-a');
    argo.setApplication('blog-dev', { ...blogDev, project });
    return observer.observe(request);
  };

  it('waits while the applications do not exist yet', async () => {
    const seen = await observer.observe(request);
    expect(seen.state).toBe('pending');
    expect(seen.message).toBe(
      'blog: not created yet; blog-dev: not created yet',
    );
    expect(seen.links).toEqual([
      {
        title: 'Argo CD: blog',
        url: 'https://argocd.lab.example/applications/blog',
      },
      {
        title: 'Argo CD: blog-dev',
        url: 'https://argocd.lab.example/applications/blog-dev',
      },
    ]);
  });

  it('runs while any is out of sync or progressing, and succeeds when all are synced and healthy', async () => {
    const running = await observeWithBlogDev('team-a', {
      sync: 'OutOfSync',
      health: 'Progressing',
    });
    expect(running).toMatchObject({
      state: 'running',
      message: 'blog-dev: OutOfSync, Progressing',
    });
    argo.setHealthy('blog-dev', 'team-a');
    expect((await observer.observe(request)).state).toBe('succeeded');
  });

  it('fails on a Degraded application or a failed sync, with Argo CD’s message', async () => {
    argo.setApplication('blog', {
      project: 'team-a',
      sync: 'OutOfSync',
      health: 'Missing',
      operationPhase: 'Failed',
      operationMessage: 'one or more objects failed to apply',
    });
    argo.setApplication('blog-dev', {
      project: 'team-a',
      sync: 'Synced',
      health: 'Degraded',
      healthMessage: 'Back-off pulling image',
    });
    const seen = await observer.observe(request);
    expect(seen.state).toBe('failed');
    expect(seen.message).toBe(
      'blog: sync Failed: one or more objects failed to apply; blog-dev: Degraded: Back-off pulling image',
    );
  });

  it('waits for a status Argo CD compared after the merge: the merge commit, or a later look at the branch', async () => {
    const merged = aRequest(
      { argoCdApplications: [{ name: 'blog' }] },
      {
        facts: {
          mergeCommitSha: 'c0ffee1234567890',
          mergedAt: '2026-11-30T10:00:00.400Z',
        },
      },
    );
    // Already Synced and Healthy, or already Degraded, before the merge.
    argo.setApplication('blog', {
      project: 'team-a',
      sync: 'Synced',
      health: 'Healthy',
      revision: 'bada551234567890',
      reconciledAt: '2026-11-30T09:59:59Z',
    });
    expect(await observer.observe(merged)).toMatchObject({
      state: 'pending',
      message:
        'blog: Synced, Healthy at revision bada551, compared before the merge; waiting for Argo CD to compare c0ffee1',
    });
    argo.setApplication('blog', {
      project: 'team-a',
      sync: 'Synced',
      health: 'Degraded',
      revision: 'bada551234567890',
      reconciledAt: '2026-11-30T09:59:59Z',
    });
    expect((await observer.observe(merged)).state).toBe('pending');
    // Compared with the merge commit.
    argo.setApplication('blog', {
      project: 'team-a',
      sync: 'Synced',
      health: 'Healthy',
      revision: 'c0ffee1234567890',
      reconciledAt: '2026-11-30T09:59:59Z',
    });
    expect((await observer.observe(merged)).state).toBe('succeeded');
    // Compared in the second of the merge, at a later head of the branch.
    argo.setApplication('blog', {
      project: 'team-a',
      sync: 'Synced',
      health: 'Healthy',
      revision: 'later00234567890',
      reconciledAt: '2026-11-30T10:00:00Z',
    });
    expect((await observer.observe(merged)).state).toBe('succeeded');
  });

  it('cannot ask with a wrong token or an unknown instance: it throws (the stage becomes unknown)', async () => {
    const wrong = observerOf([
      { name: 'lab', url: argo.url, token: 'nope', uiUrl: argo.url },
    ]);
    await expect(wrong.observe(request)).rejects.toThrow(
      'Argo CD lab answered HTTP 401 for application blog',
    );
    await expect(
      observer.observe(
        aRequest({ argoCdApplications: [{ instance: 'other', name: 'x' }] }),
      ),
    ).rejects.toThrow("Argo CD instance 'other' is not configured");
    const down = observerOf([
      {
        name: 'lab',
        url: 'http://127.0.0.1:9',
        token: 't',
        uiUrl: 'http://127.0.0.1:9',
      },
    ]);
    await expect(down.observe(request)).rejects.toThrow(
      'Argo CD lab did not answer',
    );
  });

  it("shows nothing of an application in an AppProject the requester's teams do not own", async () => {
    const seen = await observeWithBlogDev('team-b', {
      sync: 'Synced',
      health: 'Degraded',
      healthMessage: "team B's secret message",
    });
    expect(seen).toEqual({
      state: 'failed',
      message: expect.stringMatching(
        /^Denied: user:default\/guest does not own the AppProject of application blog-dev \(rule: Argo CD applications are read only when their AppProject is one that the requester/,
      ),
    });
    expect(JSON.stringify(seen)).not.toMatch(/secret message|Degraded|blog:/);
    // Argo CD's `default` project is nobody's unless mapped.
    argo.setApplication('blog-dev', {
      sync: 'Synced',
      health: 'Healthy',
    });
    expect((await observer.observe(request)).message).toMatch(
      /^Denied: .* application blog-dev/,
    );
  });

  it('never sends the token anywhere but the Authorization header', async () => {
    argo.setHealthy('blog', 'team-a');
    const seen = await observer.observe(request);
    expect(JSON.stringify(seen)).not.toContain('argo-token');
  });
});
