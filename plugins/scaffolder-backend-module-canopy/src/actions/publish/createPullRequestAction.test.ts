import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  collectOutputs,
  FakeDeliveryBackend,
} from '@canopy-idp/plugin-scaffolder-node-test-utils';
import { FakeGithub } from '../../testUtils/fakeGithub';
import { FakeGitlab } from '../../testUtils/fakeGitlab';
import { startFakeGitHost } from '../../testUtils/fakeGitHost';
import {
  bundledCrds,
  validateWorkspace,
} from '@canopy-idp/plugin-scaffolder-node';
import { createTerraformNetworkAction } from '@canopy-idp/plugin-scaffolder-backend-module-openstack';
import { createValidateAction } from '@canopy-idp/plugin-scaffolder-backend-module-gitops';
import { createPullRequestAction } from './createPullRequestAction';

const TOKEN = 'scm-token-0123456789';

async function run(
  action: any,
  input: Record<string, unknown>,
  workspacePath: string,
  extra: Record<string, unknown> = {},
) {
  // createMockActionContext does not carry isDryRun; set it on the context.
  const ctx = Object.assign(
    createMockActionContext({ input: input as any, workspacePath }),
    extra,
  );
  await action.handler(ctx as any);
  return collectOutputs(ctx);
}

/** Renders a network module and its validation report into a new workspace. */
async function renderWorkspace(dns: string[]) {
  const workspacePath = mkdtempSync(path.join(tmpdir(), 'canopy-pr-'));
  const network = await run(
    createTerraformNetworkAction(),
    {
      name: 'payments',
      entityRef: 'component:default/payments',
      cloud: 'prod',
      cidr: '10.20.0.0/24',
      dnsNameservers: dns,
      externalNetwork: 'public',
    },
    workspacePath,
  );
  const validation = await run(
    createValidateAction({ config: new ConfigReader({}) }),
    { path: '.' },
    workspacePath,
  );
  return { workspacePath, network, validation };
}

describe.each(['github', 'gitlab'] as const)(
  'createPullRequestAction on %s (loopback server, real git)',
  provider => {
    let fake: FakeGithub | FakeGitlab;
    let action: ReturnType<typeof createPullRequestAction>;
    let delivery: FakeDeliveryBackend;
    let scm: ScmIntegrations;

    beforeAll(async () => {
      fake = await startFakeGitHost(provider, TOKEN);
      const integrations = { [provider]: [fake.integration()] };
      const config = new ConfigReader({
        integrations,
        scaffolder: {
          defaultAuthor: { name: 'Canopy Bot', email: 'bot@canopy.invalid' },
        },
      });
      // The user's teams own this repository, and no other.
      delivery = new FakeDeliveryBackend(new Set([fake.repository]));
      await delivery.start();
      scm = ScmIntegrations.fromConfig(config);
      action = createPullRequestAction({
        integrations: scm,
        config,
        discovery: delivery.discovery,
        auth: mockServices.auth(),
      });
    });
    afterAll(async () => {
      await fake.stop();
      await delivery.stop();
    });

    const prInput = (
      rendered: Awaited<ReturnType<typeof renderWorkspace>>,
    ) => ({
      repoUrl: fake.repoUrl,
      title: 'Add network for payments',
      description: 'Requested through Canopy.',
      sourcePath: 'terraform',
      targetPath: 'openstack',
      labels: ['canopy', 'terraform'],
      reviewers: ['jane'],
      owner: 'group:default/platform-team',
      draft: true,
      resources: rendered.network.resources,
      validationReport: rendered.validation.report,
    });

    it('makes no remote call in dry-run, and says what it would open', async () => {
      const rendered = await renderWorkspace(['192.0.2.53']);
      const before = fake.requests.length;
      const out = await run(action, prInput(rendered), rendered.workspacePath, {
        isDryRun: true,
      });
      expect(fake.requests.length).toBe(before);
      expect(out).toMatchObject({
        branchName: 'canopy/add-network-for-payments-mocktask',
        provider,
      });
      expect(out.files).toEqual(
        expect.arrayContaining([
          'openstack/payments/main.tf',
          'openstack/payments/variables.tf',
        ]),
      );
      expect(out.remoteUrl).toBeUndefined();
    }, 180_000);

    it('opens a pull request whose branch checks out and validates, then updates the same one', async () => {
      const first = await renderWorkspace(['192.0.2.53']);
      const opened = await run(action, prInput(first), first.workspacePath);
      expect(opened).toMatchObject({
        created: true,
        pullRequestNumber: 1,
        branchName: 'canopy/add-network-for-payments-mocktask',
        targetBranch: 'main',
      });

      const checkout = fake.repo.checkout(
        'canopy/add-network-for-payments-mocktask',
      );
      const report = await validateWorkspace(
        path.join(checkout, 'openstack'),
        await bundledCrds(),
      );
      expect(report.findings.filter(f => f.level !== 'info')).toEqual([]);
      expect(report.filesChecked).toBeGreaterThanOrEqual(4);

      // A changed request updates the same branch and pull request.
      const second = await renderWorkspace(['192.0.2.53', '198.51.100.53']);
      const updated = await run(action, prInput(second), second.workspacePath);
      expect(updated).toMatchObject({ created: false, pullRequestNumber: 1 });
      expect(
        fake.repo.commitCount('canopy/add-network-for-payments-mocktask'),
      ).toBe(3);

      // The same request again changes nothing: no new commit, no new pull request.
      await run(action, prInput(second), second.workspacePath);
      expect(
        fake.repo.commitCount('canopy/add-network-for-payments-mocktask'),
      ).toBe(3);

      // One open pull / merge request, as each API describes it.
      const view =
        fake instanceof FakeGithub
          ? fake.pulls.map(p => ({
              title: p.title,
              draft: p.draft,
              target: p.base,
              labels: p.labels,
              reviewers: [
                ...p.requestedReviewers,
                ...p.requestedTeams.map(t => `team:${t}`),
              ],
              body: p.body,
            }))
          : (fake as FakeGitlab).mergeRequests.map(m => ({
              title: m.title,
              draft: m.title.startsWith('Draft: '),
              target: m.targetBranch,
              labels: m.labels,
              reviewers: m.reviewerIds.map(id => `user-id:${id}`),
              body: m.description,
            }));
      const expectedTitle = {
        github: 'Add network for payments',
        gitlab: 'Draft: Add network for payments',
      };
      // GitLab reviewers are users: the group owner cannot be one there.
      const expectedReviewers = {
        github: ['jane', 'team:platform-team'],
        gitlab: ['user-id:7'],
      };
      expect(view).toEqual([
        expect.objectContaining({
          title: expectedTitle[provider],
          draft: true,
          target: 'main',
          labels: ['canopy', 'terraform'],
          reviewers: expectedReviewers[provider],
        }),
      ]);
      expect(view[0].body).toContain(
        '| openstack_networking_network_v2 | main | 1 |',
      );
      expect(view[0].body).toContain('### Canopy validation: passed');
      expect(view[0].body).not.toContain(TOKEN);
    }, 180_000);

    it('gives two tasks with the same title two pull requests, and a re-run of the first updates only its own', async () => {
      const rendered = await renderWorkspace(['192.0.2.53']);
      const input = { ...prInput(rendered), title: 'Add web servers' };
      const asTask = (id: string, files = rendered) =>
        run(
          action,
          { ...input, resources: files.network.resources },
          files.workspacePath,
          {
            task: { id },
          },
        );
      const first = await asTask('0c4f7a9e-1111-4d4d-8e8e-000000000001');
      const second = await asTask('7b2e55d1-2222-4d4d-8e8e-000000000002');
      expect(first.branchName).toBe('canopy/add-web-servers-0c4f7a9e');
      expect(second.branchName).toBe('canopy/add-web-servers-7b2e55d1');
      expect(second.pullRequestNumber).not.toBe(first.pullRequestNumber);
      expect(second.created).toBe(true);
      const secondHead = fake.repo.ref(second.branchName);

      // The first task again, with changed files: its own branch and PR only.
      const changed = await renderWorkspace(['192.0.2.53', '198.51.100.53']);
      const again = await asTask(
        '0c4f7a9e-1111-4d4d-8e8e-000000000001',
        changed,
      );
      expect(again).toMatchObject({
        branchName: first.branchName,
        pullRequestNumber: first.pullRequestNumber,
        created: false,
      });
      expect(fake.repo.ref(second.branchName)).toBe(secondHead);
    }, 180_000);

    it('refuses to write a branch another task opened, naming the field and the rule', async () => {
      const rendered = await renderWorkspace(['192.0.2.53']);
      const input = {
        ...prInput(rendered),
        title: 'Add a queue',
        branchName: 'canopy/shared',
      };
      await run(action, input, rendered.workspacePath, {
        task: { id: 'task-one' },
      });
      const head = fake.repo.ref('canopy/shared');
      const error = await run(action, input, rendered.workspacePath, {
        task: { id: 'task-two' },
      }).catch(e => e);
      expect(error.name).toBe('ConflictError');
      expect(error.message).toMatch(
        /^branchName: branch canopy\/shared of .+ was not opened by task task-two; rule: a run updates only the branch and pull request its own task opened/,
      );
      expect(fake.repo.ref('canopy/shared')).toBe(head);
    }, 180_000);

    it("writes with the portal's token only to a repository the user's teams own", async () => {
      const rendered = await renderWorkspace(['192.0.2.53']);
      const before = fake.requests.length;
      const other = fake.repoUrl.replace(/repo=infrastructure$/, 'repo=other');
      const error = await run(
        action,
        { ...prInput(rendered), repoUrl: other, branchName: 'canopy/other' },
        rendered.workspacePath,
      ).catch(e => e);
      expect(error.name).toBe('NotAllowedError');
      expect(error.message).toMatch(
        /^repoUrl: user:default\/mock does not own repository '127\.0\.0\.1:\d+\/[a-z]+\/other' \(rule: /,
      );
      expect(fake.requests.length).toBe(before);
      expect(delivery.checked.at(-1)).toMatch(/\/other$/);
      // Without an answer, no write either (deny by default).
      const unanswered = createPullRequestAction({
        integrations: scm,
        config: new ConfigReader({}),
        discovery: {
          getBaseUrl: async () => 'http://127.0.0.1:9/api/delivery',
          getExternalBaseUrl: async () => 'http://127.0.0.1:9/api/delivery',
        },
        auth: mockServices.auth(),
      });
      const unknown = await run(
        unanswered,
        { ...prInput(rendered), branchName: 'canopy/unanswered' },
        rendered.workspacePath,
      ).catch(e => e);
      expect(unknown.name).toBe('NotAllowedError');
      expect(unknown.message).toMatch(
        /^repoUrl: could not learn whether the user's teams own .+ \(rule: the portal's integration token writes only to a repository the user's teams own/,
      );
      expect(fake.requests.length).toBe(before);
    }, 180_000);

    it('refuses to commit a secret', async () => {
      const rendered = await renderWorkspace(['192.0.2.53']);
      const before = fake.requests.length;
      const error = await run(
        action,
        {
          ...prInput(rendered),
          branchName: 'canopy/secret',
          description: `token ${TOKEN}`,
          token: TOKEN,
        },
        rendered.workspacePath,
      ).catch(e => e);
      expect(error.message).toBe(
        'description: the pull request body would contain a secret value',
      );
      expect(fake.requests.length).toBe(before);
    }, 180_000);
  },
);
