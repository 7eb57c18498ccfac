import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  FakeGithub,
  FakeGitlab,
} from '@canopy-idp/plugin-scaffolder-backend-module-canopy/testUtils';
import { aRequest } from '../__testUtils__/requests';
import type { StoredRequest } from '../store/types';
import { CANOPY_WORKFLOW_PATH, PipelineObserver } from './PipelineObserver';
import { PullRequestObserver } from './PullRequestObserver';
import { parsePullRequestUrl } from './pullRequestUrl';
import { ScmClients } from './ScmClients';

const TOKEN = 'scm-token';

describe('pull request and pipeline stages, against loopback GitHub and GitLab', () => {
  const github = new FakeGithub('acme', 'infra', TOKEN);
  const gitlab = new FakeGitlab('platform/gitops', TOKEN);
  let integrations: ScmIntegrations;
  let pr: PullRequestObserver;
  let pipeline: PipelineObserver;

  beforeAll(async () => {
    await github.start();
    await gitlab.start();
    integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: {
          github: [github.integration()],
          gitlab: [gitlab.integration()],
        },
      }),
    );
    const scm = new ScmClients(integrations);
    pr = new PullRequestObserver(scm);
    pipeline = new PipelineObserver(scm);
  });
  afterAll(async () => {
    await github.stop();
    await gitlab.stop();
  });

  /** A request with a pipeline, for a pull or merge request opened as the action opens it. */
  async function requestOpenedIn(
    host: FakeGithub | FakeGitlab,
    title: string,
  ): Promise<StoredRequest> {
    const opened = await host.openPullRequest(title);
    return aRequest(
      { pipeline: true },
      { pullRequest: parsePullRequestUrl(opened.url, integrations) },
    );
  }
  const githubRequest = (title: string) => requestOpenedIn(github, title);
  const gitlabRequest = (title: string) => requestOpenedIn(gitlab, title);

  it('GitHub: open with its checks, then merged with the merge commit; the apply run on it decides the pipeline', async () => {
    const request = await githubRequest('servers');
    const number = request.pullRequest.number;
    const head = github.repo.ref(
      github.pulls.find(p => p.number === number)!.head,
    )!;
    github.addCheckRun(head, {
      name: 'fmt',
      status: 'completed',
      conclusion: 'success',
    });
    github.addCheckRun(head, { name: 'plan', status: 'in_progress' });
    expect(await pr.observe(request)).toEqual({
      state: 'running',
      message:
        'Open, waiting for review and merge; checks: 1 passed, 1 running',
      links: [
        { title: `Pull request #${number}`, url: request.pullRequest.url },
      ],
    });

    const sha = github.merge(number);
    const merged = await pr.observe(request);
    expect(merged).toMatchObject({
      state: 'succeeded',
      message: 'Merged into main',
      facts: { mergeCommitSha: sha, targetBranch: 'main' },
    });
    const after = { ...request, facts: merged.facts! };
    expect(await pipeline.observe(after)).toEqual({
      state: 'pending',
      message: `Waiting for the apply workflow to start on ${sha.slice(0, 7)}`,
    });
    // Another workflow on another commit does not count.
    github.addWorkflowRun({
      head_sha: 'f'.repeat(40),
      event: 'push',
      name: 'Other',
      path: '.github/workflows/other.yaml',
      status: 'completed',
      conclusion: 'failure',
    });
    const run = github.addWorkflowRun({
      head_sha: sha,
      event: 'push',
      name: 'Canopy Terraform',
      path: CANOPY_WORKFLOW_PATH,
      status: 'in_progress',
    });
    expect(await pipeline.observe(after)).toMatchObject({
      state: 'running',
      links: [{ url: run.html_url }],
    });
    github.updateWorkflowRun(run.id, {
      status: 'completed',
      conclusion: 'success',
    });
    expect((await pipeline.observe(after)).state).toBe('succeeded');
    github.updateWorkflowRun(run.id, { conclusion: 'failure' });
    expect(await pipeline.observe(after)).toMatchObject({
      state: 'failed',
      message: `Canopy Terraform concluded failure on ${sha.slice(
        0,
        7,
      )}: see the run's log`,
    });
  });

  it('GitHub: a run cancelled by a later merge counts as that later run; other workflows never count', async () => {
    const request = await githubRequest('superseded');
    const sha = github.merge(request.pullRequest.number);
    const merged = {
      ...request,
      facts: { mergeCommitSha: sha, targetBranch: 'main' },
    };
    github.addWorkflowRun({
      head_sha: sha,
      event: 'push',
      name: 'Lint',
      path: '.github/workflows/lint.yaml',
      status: 'completed',
      conclusion: 'success',
    });
    expect((await pipeline.observe(merged)).state).toBe('pending');
    const cancelled = github.addWorkflowRun({
      head_sha: sha,
      event: 'push',
      name: 'Canopy Terraform',
      path: CANOPY_WORKFLOW_PATH,
      status: 'completed',
      conclusion: 'cancelled',
    });
    const later = github.addWorkflowRun({
      head_sha: 'e'.repeat(40),
      event: 'push',
      name: 'Canopy Terraform',
      path: CANOPY_WORKFLOW_PATH,
      status: 'in_progress',
    });
    // Created after the cancelled one (set, not waited for).
    later.created_at = new Date(
      Date.parse(cancelled.created_at) + 60_000,
    ).toISOString();
    expect(await pipeline.observe(merged)).toMatchObject({
      state: 'running',
      message: `The run on ${sha.slice(
        0,
        7,
      )} was superseded; the run on eeeeeee is in_progress`,
    });
    github.updateWorkflowRun(later.id, {
      status: 'completed',
      conclusion: 'success',
    });
    expect(await pipeline.observe(merged)).toMatchObject({
      state: 'succeeded',
      links: [{ url: later.html_url }],
    });
  });

  it('GitHub: a pull request closed without merging fails the stage', async () => {
    const request = await githubRequest('abandoned');
    github.close(request.pullRequest.number);
    expect(await pr.observe(request)).toMatchObject({
      state: 'failed',
      message: 'Closed without merging',
    });
  });

  it('GitLab: merge request, then the pipeline on the merge commit', async () => {
    const request = await gitlabRequest('volumes');
    expect(request.pullRequest).toMatchObject({
      provider: 'gitlab',
      owner: 'platform',
      repo: 'gitops',
    });
    expect((await pr.observe(request)).state).toBe('running');
    const sha = gitlab.merge(request.pullRequest.number);
    const merged = await pr.observe(request);
    expect(merged).toMatchObject({
      state: 'succeeded',
      facts: { mergeCommitSha: sha },
    });
    const after = { ...request, facts: merged.facts! };
    expect((await pipeline.observe(after)).state).toBe('pending');
    const p = gitlab.addPipeline({
      sha,
      ref: 'main',
      status: 'running',
      source: 'push',
    });
    expect(await pipeline.observe(after)).toMatchObject({
      state: 'running',
      links: [{ title: `Pipeline #${p.id}`, url: p.web_url }],
    });
    gitlab.updatePipeline(p.id, { status: 'failed' });
    expect(await pipeline.observe(after)).toMatchObject({
      state: 'failed',
      message: `Pipeline #${p.id} failed on ${sha.slice(0, 7)}: see its jobs`,
    });
  });

  it('GitLab: closed without merging fails the stage', async () => {
    const request = await gitlabRequest('dropped');
    gitlab.close(request.pullRequest.number);
    expect((await pr.observe(request)).message).toBe('Closed without merging');
  });

  it('a host that does not answer throws a short message without the token', async () => {
    const request = await githubRequest('unreachable');
    const scm = new ScmClients(
      ScmIntegrations.fromConfig(
        new ConfigReader({
          integrations: {
            github: [
              {
                host: request.pullRequest.host,
                apiBaseUrl: 'http://127.0.0.1:9',
                token: TOKEN,
              },
            ],
          },
        }),
      ),
    );
    const error = await new PullRequestObserver(scm)
      .observe(request)
      .catch(e => e);
    expect(error.message).toMatch(/^GitHub did not answer/);
    expect(error.message).not.toContain(TOKEN);
  });
});
