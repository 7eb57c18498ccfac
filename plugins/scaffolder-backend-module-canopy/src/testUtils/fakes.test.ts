/**
 * The loopback GitHub and GitLab fakes answer the delivery-tracking calls
 * with the shapes their real APIs document, read through the same clients
 * Canopy uses (Octokit, gitbeaker), and their test controls (merge, close,
 * check runs, workflow runs, pipelines) change what those calls return.
 */
import { Gitlab } from '@gitbeaker/rest';
import { Octokit } from '@octokit/rest';
import { BareRepo } from './bareRepo';
import { FakeGithub } from './fakeGithub';
import { FakeGitlab } from './fakeGitlab';

const TOKEN = 'token-for-fake-tests';

/** A branch off main with one more file, as a pull request's head. */
const branchWithFile = (repo: BareRepo, branch: string, file: string) =>
  repo.commitFile(file, `${file}\n`, { branch });

describe('FakeGithub', () => {
  const fake = new FakeGithub('acme', 'infra', TOKEN);
  let octokit: Octokit;
  beforeAll(async () => {
    await fake.start();
    octokit = new Octokit({ auth: TOKEN, baseUrl: fake.apiBaseUrl });
  });
  afterAll(() => fake.stop());
  const repo = { owner: 'acme', repo: 'infra' };
  const getPull = async (pullNumber: number) =>
    (await octokit.pulls.get({ ...repo, pull_number: pullNumber })).data;

  it('serves files, pull requests, check runs and workflow runs; merge makes a real merge commit', async () => {
    const head = branchWithFile(fake.repo, 'feature', 'openstack/a/main.tf');
    const file = await octokit.repos.getContent({
      ...repo,
      path: 'openstack/a/main.tf',
      ref: 'feature',
    });
    expect(file.data).toMatchObject({
      type: 'file',
      path: 'openstack/a/main.tf',
      encoding: 'base64',
    });
    expect(Buffer.from((file.data as any).content, 'base64').toString()).toBe(
      'openstack/a/main.tf\n',
    );
    await expect(
      octokit.repos.getContent({ ...repo, path: 'openstack/a/main.tf' }),
    ).rejects.toMatchObject({ status: 404 });

    const { data: created } = await octokit.pulls.create({
      ...repo,
      head: 'feature',
      base: 'main',
      title: 'Add a',
    });
    fake.addCheckRun(head, {
      name: 'plan',
      status: 'completed',
      conclusion: 'success',
    });
    const checks = await octokit.checks.listForRef({ ...repo, ref: head });
    expect(checks.data.total_count).toBe(1);
    expect(checks.data.check_runs[0]).toMatchObject({
      name: 'plan',
      status: 'completed',
      conclusion: 'success',
      head_sha: head,
    });

    const mainBefore = fake.repo.ref('main')!;
    const sha = fake.merge(created.number);
    expect(fake.repo.commitInfo(sha).parents).toEqual([mainBefore, head]);
    expect(fake.repo.ref('main')).toBe(sha);
    const pull = await getPull(created.number);
    expect(pull).toMatchObject({
      state: 'closed',
      merged: true,
      merge_commit_sha: sha,
      head: { ref: 'feature', sha: head },
      base: { ref: 'main', sha },
    });
    expect(pull.merged_at).toEqual(pull.closed_at);

    const run = fake.addWorkflowRun({
      head_sha: sha,
      event: 'push',
      name: 'Canopy Terraform',
      path: '.github/workflows/canopy-terraform.yaml',
      status: 'in_progress',
    });
    fake.addWorkflowRun({
      head_sha: head,
      event: 'pull_request',
      name: 'Canopy Terraform',
      path: '.github/workflows/canopy-terraform.yaml',
      status: 'completed',
      conclusion: 'success',
      head_branch: 'feature',
    });
    const list = () =>
      octokit.actions.listWorkflowRunsForRepo({
        ...repo,
        head_sha: sha,
        event: 'push',
      });
    expect((await list()).data).toMatchObject({
      total_count: 1,
      workflow_runs: [{ id: run.id, status: 'in_progress', conclusion: null }],
    });
    fake.updateWorkflowRun(run.id, {
      status: 'completed',
      conclusion: 'failure',
    });
    expect((await list()).data.workflow_runs[0]).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      path: '.github/workflows/canopy-terraform.yaml',
    });
  });

  it('close ends a pull request without merging it', async () => {
    branchWithFile(fake.repo, 'other', 'b.txt');
    const { data } = await octokit.pulls.create({
      ...repo,
      head: 'other',
      base: 'main',
      title: 'B',
    });
    fake.close(data.number);
    const pull = await getPull(data.number);
    expect(pull).toMatchObject({
      state: 'closed',
      merged: false,
      merged_at: null,
      merge_commit_sha: null,
    });
    expect(pull.closed_at).toEqual(expect.any(String));
  });
});

describe('FakeGitlab', () => {
  const fake = new FakeGitlab('platform/gitops', TOKEN);
  let api: InstanceType<typeof Gitlab>;
  beforeAll(async () => {
    await fake.start();
    api = new Gitlab({ host: fake.url, token: TOKEN });
  });
  afterAll(() => fake.stop());
  const project = 'platform/gitops';

  it('serves files, merge requests and pipelines; merge makes a real merge commit', async () => {
    const head = branchWithFile(fake.repo, 'feature', '.gitlab-ci.yml');
    const file = await api.RepositoryFiles.show(
      project,
      '.gitlab-ci.yml',
      'feature',
    );
    expect(file).toMatchObject({
      file_name: '.gitlab-ci.yml',
      file_path: '.gitlab-ci.yml',
      ref: 'feature',
      encoding: 'base64',
    });
    await expect(
      api.RepositoryFiles.show(project, '.gitlab-ci.yml', 'main'),
    ).rejects.toMatchObject({
      cause: { response: { status: 404 } },
    });

    const mr = await api.MergeRequests.create(
      project,
      'feature',
      'main',
      'Add CI',
    );
    const mrPipeline = fake.addPipeline({
      sha: head,
      ref: 'feature',
      status: 'running',
      source: 'merge_request_event',
    });
    expect(await api.MergeRequests.show(project, mr.iid)).toMatchObject({
      state: 'opened',
      sha: head,
      merge_commit_sha: null,
      head_pipeline: { id: mrPipeline.id, status: 'running' },
    });

    const mainBefore = fake.repo.ref('main')!;
    const sha = fake.merge(mr.iid);
    expect(fake.repo.commitInfo(sha).parents).toEqual([mainBefore, head]);
    const merged = await api.MergeRequests.show(project, mr.iid);
    expect(merged).toMatchObject({ state: 'merged', merge_commit_sha: sha });
    expect(merged.merged_at).toEqual(expect.any(String));

    const push = fake.addPipeline({
      sha,
      ref: 'main',
      status: 'pending',
      source: 'push',
    });
    fake.updatePipeline(push.id, { status: 'success' });
    const pipelines = await api.Pipelines.all(project, {
      sha,
      ref: 'main',
      source: 'push',
    } as any);
    expect(pipelines).toEqual([
      expect.objectContaining({
        id: push.id,
        status: 'success',
        source: 'push',
        sha,
        ref: 'main',
        web_url: expect.stringContaining(`/-/pipelines/${push.id}`),
      }),
    ]);
  });

  it('close ends a merge request without merging it', async () => {
    branchWithFile(fake.repo, 'other', 'b.txt');
    const mr = await api.MergeRequests.create(project, 'other', 'main', 'B');
    fake.close(mr.iid);
    expect(await api.MergeRequests.show(project, mr.iid)).toMatchObject({
      state: 'closed',
      merged_at: null,
      closed_at: expect.any(String),
    });
  });
});
