/**
 * Delivery tracking in Canopy's real backend, end to end: two replicas on one
 * PostgreSQL (loopback) run templates through the real scaffolder, record
 * the requests, and follow them through loopback GitHub/GitLab (pull
 * requests, checks, workflow runs, pipelines), a loopback Argo CD API, the
 * loopback Kubernetes API (KRO instances) and the real OpenStack test bed,
 * until they are Ready; each stage's failure shows as failed with its
 * message, a system that cannot be asked leaves its stage unknown, the
 * requester is notified through Backstage notifications, and every change is
 * made and told once although both replicas advance requests.
 *
 * Run with Node's test runner (see clusterCrds.test.ts); needs the test bed.
 */
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Gitlab } from '@gitbeaker/rest';
import { Octokit } from '@octokit/rest';
import type {
  DeliveryRequest,
  DeliveryStage,
} from '@canopy-idp/plugin-delivery-common';
import { entityTag } from '@canopy-idp/plugin-openstack-common';
import { startCanopyBackend } from '../src/__testUtils__/backend';
import { FakeKubernetesApi } from '../src/__testUtils__/fakeKubernetesApi';
import { dropDatabases, postgresDatabase } from '../src/__testUtils__/postgres';
import { SAMPLE_VALUES } from '../src/__testUtils__/templateValues';
import {
  adminToken,
  createTaggedServer,
  deleteServers,
  demoSession,
  labCloud,
  testbedAuth,
  TESTBED_STATE,
} from '../src/__testUtils__/testbed';
import { until } from '../src/__testUtils__/until';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { FakeArgoCd } from '../../../plugins/delivery-backend/src/__testUtils__/fakeArgoCd';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { FakeGithub } from '../../../plugins/scaffolder-backend-module-canopy/src/__testUtils__/fakeGithub';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { FakeGitlab } from '../../../plugins/scaffolder-backend-module-canopy/src/__testUtils__/fakeGitlab';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { GithubPullRequests } from '../../../plugins/scaffolder-backend-module-canopy/src/lib/git/github';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { GitlabMergeRequests } from '../../../plugins/scaffolder-backend-module-canopy/src/lib/git/gitlab';

const TOKEN = 'scm-test-token';
const ARGO_TOKEN = 'argocd-test-token';
const SA_TOKEN = 'cluster-test-token';
const WEBHOOK_SECRET = 'delivery-webhook-secret';
const WORKFLOW = '.github/workflows/canopy-terraform.yaml';

type Notification = {
  payload: { title: string; description?: string; link?: string };
};

/** `kind:namespace/name` as entityTag takes it. */
const parseRef = (ref: string) => {
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  return { kind, namespace, name };
};

const stage = (r: DeliveryRequest, name: DeliveryStage['name']) =>
  r.stages.find(s => s.name === name)!;

describe(
  'delivery tracking, from Create to running',
  { concurrency: false },
  () => {
    const prefix = `canopy_delivery_${randomBytes(4).toString('hex')}_`;
    const replicas: Array<Awaited<ReturnType<typeof startCanopyBackend>>> = [];
    const servers: string[] = [];
    let github: FakeGithub;
    let gitlab: FakeGitlab;
    let argo: FakeArgoCd;
    let kube: FakeKubernetesApi;
    let repoUrl: string;

    async function api(
      method: string,
      url: string,
      body?: object,
      replica = 0,
    ) {
      const r = replicas[replica];
      const res = await fetch(`${r.baseUrl}/api/${url}`, {
        method,
        headers: {
          Authorization: `Bearer ${r.token}`,
          'Content-Type': 'application/json',
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    }

    const getRequest = async (id: string, replica = 0) =>
      (await api('GET', `delivery/requests/${id}`, undefined, replica))
        .body as DeliveryRequest;

    /** Waits until the request satisfies `ready`; tells which stage it is in when it gives up. */
    async function untilRequest(
      id: string,
      what: string,
      ready: (r: DeliveryRequest) => boolean,
    ): Promise<DeliveryRequest> {
      let last: DeliveryRequest | undefined;
      try {
        return await until(what, async () => {
          last = await getRequest(id, last ? 1 : 0);
          return ready(last) ? last : undefined;
        });
      } catch (error) {
        throw new Error(
          `${(error as Error).message}; last seen: ${JSON.stringify(
            last?.stages,
          )}`,
        );
      }
    }

    /** GitHub tells the portal something happened in the repository (signed, as GitHub signs). */
    async function githubWebhook(event: string, replica = 0) {
      const body = JSON.stringify({
        action: 'completed',
        repository: {
          full_name: `${github.owner}/${github.name}`,
          html_url: `http://127.0.0.1:${github.port}/${github.owner}/${github.name}`,
        },
      });
      const res = await fetch(
        `${replicas[replica].baseUrl}/api/delivery/webhooks/github`,
        {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'X-GitHub-Event': event,
            'X-Hub-Signature-256': `sha256=${createHmac(
              'sha256',
              WEBHOOK_SECRET,
            )
              .update(body)
              .digest('hex')}`,
          },
          body,
        },
      );
      assert.equal(res.status, 202, await res.text());
    }

    async function notifications(): Promise<Notification[]> {
      const res = await api('GET', 'notifications/notifications?limit=500');
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.notifications;
    }

    const titled = (all: Notification[], title: string) =>
      all.filter(n => n.payload.title === title);

    /** Waits until each title has been notified (a notification follows the change it tells of). */
    const untilNotified = (titles: string[]) =>
      until(`the notifications ${titles.join(', ')}`, async () => {
        const all = await notifications();
        return titles.every(t => titled(all, t).length) ? all : undefined;
      });

    async function runTemplate(name: string, values: object) {
      const created = await api('POST', 'scaffolder/v2/tasks', {
        templateRef: `template:default/${name}`,
        values: { ...values, repoUrl },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const task = await until(
        `the ${name} task to end`,
        async () => {
          const t = await api('GET', `scaffolder/v2/tasks/${created.body.id}`);
          return ['completed', 'failed', 'cancelled'].includes(t.body.status)
            ? t.body
            : undefined;
        },
        1200,
      );
      const events = await api('GET', `scaffolder/v2/tasks/${task.id}/events`);
      const log = events.body
        .map((e: any) => e.body?.message)
        .filter(Boolean)
        .join('\n');
      assert.equal(task.status, 'completed', log.slice(-3000));
      return task.id as string;
    }

    /** The request the task recorded, for the signed-in user. */
    async function requestOfTask(taskId: string): Promise<DeliveryRequest> {
      return until(`the request of task ${taskId}`, async () => {
        const mine = await api('GET', 'delivery/requests?mine=true');
        return (mine.body.items as DeliveryRequest[]).find(
          r => r.taskId === taskId,
        );
      });
    }

    /** A one-file change on a fresh branch, as the pull-request action opens it. */
    const change = (title: string) => {
      const branch = `canopy/${randomBytes(4).toString('hex')}`;
      return {
        files: { [`${branch}/main.tf`]: Buffer.from('# change\n') },
        branch,
        title,
        body: title,
        commitMessage: title,
        author: { name: 'Canopy', email: 'canopy@example.invalid' },
        labels: [],
        reviewers: [],
        draft: false,
      };
    };

    /** Opens a pull request in the loopback GitHub with the pull-request action's own client. */
    const openGithubPull = (title: string) =>
      new GithubPullRequests(
        new Octokit({ auth: TOKEN, baseUrl: github.apiBaseUrl }),
        github.owner,
        github.name,
      ).open(change(title));

    /** Opens a merge request in the loopback GitLab, likewise. */
    const openGitlabMerge = (title: string) =>
      new GitlabMergeRequests(
        new Gitlab({ host: gitlab.baseUrl, token: TOKEN }),
        gitlab.projectPath,
      ).open(change(title));

    /** Records a request as the scaffolder's track action does, on behalf of the guest. */
    async function record(body: object, replica = 0) {
      const res = await api(
        'POST',
        'delivery/requests',
        { taskId: `test-${randomBytes(6).toString('hex')}`, ...body },
        replica,
      );
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body as DeliveryRequest;
    }

    /** A server in the test bed's demo project, tagged as Canopy's Terraform tags it for the entity. */
    async function createTaggedServerFor(name: string, entityRef: string) {
      const id = await createTaggedServer(name, entityTag(parseRef(entityRef)));
      servers.push(id);
      return id;
    }

    before(async () => {
      const cloudsYaml = path.join(TESTBED_STATE, 'clouds.yaml');
      assert.ok(
        existsSync(cloudsYaml),
        `${cloudsYaml} is missing: start the OpenStack test bed first (sudo ./scripts/openstack-testbed.sh)`,
      );
      github = new FakeGithub('acme', 'infrastructure', TOKEN);
      gitlab = new FakeGitlab('platform/gitops', TOKEN);
      argo = new FakeArgoCd(ARGO_TOKEN);
      kube = new FakeKubernetesApi([], SA_TOKEN);
      for (const fake of [github, gitlab, argo, kube]) await fake.start();
      const host = `127.0.0.1:${github.port}`;
      repoUrl = `${host}?owner=acme&repo=infrastructure`;
      const config = {
        integrations: {
          github: [{ host, apiBaseUrl: github.apiBaseUrl, token: TOKEN }],
          gitlab: [
            {
              host: `127.0.0.1:${gitlab.port}`,
              apiBaseUrl: `${gitlab.baseUrl}/api/v4`,
              baseUrl: gitlab.baseUrl,
              token: TOKEN,
            },
          ],
        },
        scaffolder: {
          defaultAuthor: { name: 'Canopy', email: 'canopy@example.invalid' },
        },
        canopy: { permissionPolicy: 'allow-all' },
        kubernetes: {
          serviceLocatorMethod: { type: 'multiTenant' },
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'lab',
                  url: kube.url,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: SA_TOKEN,
                  skipTLSVerify: true,
                },
              ],
            },
          ],
        },
        openstack: {
          requestTimeoutMs: 10000,
          retries: 1,
          cache: { resourcesTtlSeconds: 1 },
          clouds: [
            labCloud(testbedAuth().demo.auth_url, {
              horizonUrl: 'https://horizon.lab.example/dashboard',
            }),
          ],
        },
        delivery: {
          // Both replicas run the advancer; the scheduler lets one at a time.
          schedule: {
            frequency: { seconds: 2 },
            timeout: { minutes: 2 },
            initialDelay: { seconds: 1 },
          },
          backoff: { initialSeconds: 1, maxSeconds: 2 },
          argocd: {
            instances: [
              { name: 'lab', url: argo.url, token: ARGO_TOKEN },
              // An instance that does not answer: its stages stay unknown.
              { name: 'down', url: 'http://127.0.0.1:9', token: ARGO_TOKEN },
            ],
          },
          webhooks: { github: { secret: WEBHOOK_SECRET } },
        },
      };
      const database = postgresDatabase(prefix);
      replicas.push(await startCanopyBackend({ database, config }));
      replicas.push(await startCanopyBackend({ database, config }));
      await until('the templates in the catalog', async () => {
        const res = await api(
          'GET',
          'catalog/entities/by-query?filter=kind=template&limit=100',
        );
        const names = res.body.items.map((e: any) => e.metadata.name);
        return ['openstack-virtual-machines', 'environments'].every(n =>
          names.includes(n),
        )
          ? names
          : undefined;
      });
    });

    after(async () => {
      await deleteServers(servers);
      for (const r of replicas) await r.stop();
      for (const fake of [github, gitlab, argo, kube]) await fake?.stop();
      await dropDatabases(prefix);
    });

    it('walks a VM request from Create through merge, apply and OpenStack to Ready, and tells the requester', async () => {
      const name = `dlv-${randomBytes(3).toString('hex')}`;
      const entityRef = `resource:default/${name}`;
      const taskId = await runTemplate('openstack-virtual-machines', {
        ...SAMPLE_VALUES['openstack-virtual-machines'],
        name,
        bootVolumeGiB: 0,
        dataVolumeGiB: 0,
        floatingIp: false,
      });
      const recorded = await requestOfTask(taskId);
      assert.equal(recorded.requester, 'user:default/guest');
      assert.equal(recorded.entityRef, entityRef);
      assert.deepEqual(
        recorded.stages.map(s => s.name),
        ['pull-request', 'pipeline', 'openstack'],
      );
      const pull = github.pulls.find(
        p => recorded.pullRequest.number === p.number,
      )!;
      // The apply pipeline travels with the pull request.
      assert.ok(
        github.repo.checkout(pull.head) &&
          existsSync(path.join(github.repo.checkout(pull.head), WORKFLOW)),
        `${WORKFLOW} is in the pull request`,
      );

      // Open, with a failing check: still running, the check named.
      github.addCheckRun(github.repo.ref(pull.head)!, {
        name: 'plan',
        status: 'completed',
        conclusion: 'failure',
      });
      await githubWebhook('check_run');
      await untilRequest(recorded.id, 'the check in the PR stage', r =>
        /1 failed \(plan\)/.test(stage(r, 'pull-request').message ?? ''),
      );

      // Merged: the pipeline waits for its run on the merge commit.
      const sha = github.merge(pull.number);
      await githubWebhook('pull_request', 1);
      const merged = await untilRequest(
        recorded.id,
        'the merge',
        r =>
          stage(r, 'pull-request').state === 'succeeded' &&
          stage(r, 'pipeline').state === 'pending',
      );
      assert.match(
        stage(merged, 'pipeline').message!,
        /Waiting for the apply workflow/,
      );

      const run = github.addWorkflowRun({
        head_sha: sha,
        event: 'push',
        name: 'Canopy Terraform',
        path: WORKFLOW,
        status: 'in_progress',
      });
      await githubWebhook('workflow_run');
      const applying = await untilRequest(
        recorded.id,
        'the run in progress',
        r => stage(r, 'pipeline').state === 'running',
      );
      assert.equal(stage(applying, 'pipeline').links[0].url, run.html_url);

      github.updateWorkflowRun(run.id, {
        status: 'completed',
        conclusion: 'success',
      });
      await githubWebhook('workflow_run', 1);
      const applied = await untilRequest(
        recorded.id,
        'the apply',
        r =>
          stage(r, 'pipeline').state === 'succeeded' &&
          stage(r, 'openstack').state === 'pending',
      );
      assert.match(
        stage(applied, 'openstack').message!,
        /No resource tagged canopy\.entity=resource\.default\./,
      );

      // What Terraform would create: a server tagged for the entity.
      await createTaggedServerFor(`${name}-1`, entityRef);
      const ready = await untilRequest(
        recorded.id,
        'Ready',
        r => r.state === 'ready',
      );
      const os = stage(ready, 'openstack');
      assert.match(os.message!, new RegExp(`server ${name}-1 ACTIVE`));
      assert.ok(
        os.links.some(l =>
          l.url.startsWith(
            'https://horizon.lab.example/dashboard/project/instances/',
          ),
        ),
        JSON.stringify(os.links),
      );
      for (const s of ready.stages) {
        assert.ok(s.startedAt && s.finishedAt, `${s.name} has its times`);
      }

      const title = recorded.title;
      const told = await untilNotified([
        `Merged: ${title}`,
        `Applied: ${title}`,
        `Ready: ${title}`,
      ]);
      for (const t of [
        `Merged: ${title}`,
        `Applied: ${title}`,
        `Ready: ${title}`,
      ]) {
        assert.equal(titled(told, t).length, 1, `one "${t}" notification`);
      }
      assert.match(
        titled(told, `Merged: ${title}`)[0].payload.description!,
        new RegExp(`/pull/${pull.number}`),
      );
    });

    it('walks an environments request through merge, Argo CD and KRO to Ready', async () => {
      const name = `blog${randomBytes(2).toString('hex')}`;
      const taskId = await runTemplate('environments', {
        ...SAMPLE_VALUES.environments,
        name,
      });
      const recorded = await requestOfTask(taskId);
      assert.deepEqual(
        recorded.stages.map(s => s.name),
        ['pull-request', 'argocd', 'kro'],
      );
      const apps = recorded.expected.argoCdApplications!;
      const instances = recorded.expected.kroInstances!;
      assert.ok(
        apps.some(a => a.name === name),
        JSON.stringify(apps),
      );
      assert.ok(instances.length >= 3, JSON.stringify(instances));

      github.merge(recorded.pullRequest.number);
      await githubWebhook('pull_request');
      await untilRequest(
        recorded.id,
        'Argo CD stage waiting',
        r => stage(r, 'argocd').state === 'pending',
      );

      // The root app syncs first and creates the others.
      argo.setApplication(name, { sync: 'Synced', health: 'Progressing' });
      const syncing = await untilRequest(
        recorded.id,
        'Argo CD progressing',
        r => stage(r, 'argocd').state === 'running',
      );
      assert.match(stage(syncing, 'argocd').message!, /Progressing/);
      for (const app of apps) {
        argo.setApplication(app.name, { sync: 'Synced', health: 'Healthy' });
      }
      const synced = await untilRequest(
        recorded.id,
        'Argo CD synced',
        r => stage(r, 'argocd').state === 'succeeded',
      );
      assert.ok(
        stage(synced, 'argocd').links.some(
          l => l.url === `${argo.url}/applications/${name}`,
        ),
      );

      for (const i of instances) {
        kube.putObject(i.plural ?? `${i.kind.toLowerCase()}s`, {
          apiVersion: i.apiVersion,
          kind: i.kind,
          metadata: { name: i.name, namespace: i.namespace },
          status: {
            state: 'ACTIVE',
            conditions: [
              { type: 'InstanceSynced', status: 'True' },
              { type: 'Ready', status: 'True', reason: 'AllResourcesReady' },
            ],
          },
        });
      }
      const ready = await untilRequest(
        recorded.id,
        'Ready',
        r => r.state === 'ready',
      );
      assert.match(stage(ready, 'kro').message!, /Ready=True/);
      const all = await untilNotified([
        `Merged: ${recorded.title}`,
        `Ready: ${recorded.title}`,
      ]);
      assert.equal(titled(all, `Merged: ${recorded.title}`).length, 1);
      assert.equal(titled(all, `Ready: ${recorded.title}`).length, 1);
      assert.equal(titled(all, `Applied: ${recorded.title}`).length, 0);
    });

    it('shows a failure at each stage as failed, with its message, and tells the requester', async () => {
      // Pull request closed without merging.
      const closedPr = await openGithubPull('closed unmerged');
      const closed = await record({
        title: 'closed unmerged',
        entityRef: 'resource:default/closed',
        pullRequestUrl: closedPr.url,
      });
      github.close(closedPr.number);

      // Apply pipeline failed (GitHub Actions).
      const failingRun = await openGithubPull('apply fails');
      const pipeline = await record({
        title: 'apply fails',
        entityRef: 'resource:default/apply-fails',
        pullRequestUrl: failingRun.url,
        expected: { pipeline: true },
      });
      const sha = github.merge(failingRun.number);
      github.addWorkflowRun({
        head_sha: sha,
        event: 'push',
        name: 'Canopy Terraform',
        path: WORKFLOW,
        status: 'completed',
        conclusion: 'failure',
      });

      // Apply pipeline failed (GitLab CI).
      const mr = await openGitlabMerge('gitlab apply fails');
      const gitlabPipeline = await record({
        title: 'gitlab apply fails',
        entityRef: 'resource:default/gitlab-apply-fails',
        pullRequestUrl: mr.url,
        expected: { pipeline: true },
      });
      const mrSha = gitlab.merge(mr.number);
      gitlab.addPipeline({
        sha: mrSha,
        ref: 'main',
        status: 'failed',
        source: 'push',
      });

      // Argo CD: Degraded.
      const degradedPr = await openGithubPull('degraded');
      const degraded = await record({
        title: 'degraded',
        entityRef: 'component:default/degraded',
        pullRequestUrl: degradedPr.url,
        expected: { argoCdApplications: [{ name: 'degraded-dev' }] },
      });
      github.merge(degradedPr.number);
      argo.setApplication('degraded-dev', {
        sync: 'Synced',
        health: 'Degraded',
        healthMessage: 'Deployment degraded-dev exceeded its progress deadline',
      });

      // KRO: the instance failed.
      const kroPr = await openGithubPull('kro fails');
      const kro = await record({
        title: 'kro fails',
        entityRef: 'component:default/kro-fails',
        pullRequestUrl: kroPr.url,
        expected: {
          kroInstances: [
            {
              apiVersion: 'kro.run/v1alpha1',
              kind: 'WebApplication',
              namespace: 'dev',
              name: 'kro-fails',
            },
          ],
        },
      });
      github.merge(kroPr.number);
      kube.putObject('webapplications', {
        apiVersion: 'kro.run/v1alpha1',
        kind: 'WebApplication',
        metadata: { name: 'kro-fails', namespace: 'dev' },
        status: {
          state: 'FAILED',
          conditions: [
            {
              type: 'Ready',
              status: 'False',
              reason: 'ReconcileFailed',
              message: 'ingresses.networking.k8s.io "kro-fails" is forbidden',
            },
          ],
        },
      });

      // OpenStack: the server Terraform made went into ERROR.
      const osPr = await openGithubPull('server in error');
      const broken = `dlv-err-${randomBytes(3).toString('hex')}`;
      const openstack = await record({
        title: 'server in error',
        entityRef: `resource:default/${broken}`,
        pullRequestUrl: osPr.url,
        expected: {
          openstack: {
            cloud: 'lab',
            project: 'demo',
            region: 'RegionOne',
            entityRef: `resource:default/${broken}`,
          },
        },
      });
      const serverId = await createTaggedServerFor(
        `${broken}-1`,
        `resource:default/${broken}`,
      );
      const session = await demoSession();
      // Nova takes the reset only once the server is built.
      await until(`server ${broken}-1 ACTIVE`, async () => {
        const res = await fetch(
          `${session.endpoint('compute')}/servers/${serverId}`,
          { headers: { 'X-Auth-Token': session.token } },
        );
        return (await res.json()).server?.status === 'ACTIVE'
          ? true
          : undefined;
      });
      const reset = await fetch(
        `${session.endpoint('compute')}/servers/${serverId}/action`,
        {
          method: 'POST',
          headers: {
            'X-Auth-Token': await adminToken(),
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({ 'os-resetState': { state: 'error' } }),
        },
      );
      assert.equal(reset.status, 202, await reset.text());
      github.merge(osPr.number);

      // A system that cannot be asked: the stage is unknown, the request open.
      const unknownPr = await openGithubPull('argo unreachable');
      const unknown = await record({
        title: 'argo unreachable',
        entityRef: 'component:default/argo-unreachable',
        pullRequestUrl: unknownPr.url,
        expected: {
          argoCdApplications: [{ instance: 'down', name: 'x' }],
        },
      });
      github.merge(unknownPr.number);

      const expectFailed = async (
        r: DeliveryRequest,
        at: DeliveryStage['name'],
        message: RegExp,
      ) => {
        const seen = await untilRequest(
          r.id,
          `${r.title} failed at ${at}`,
          x => x.state === 'failed',
        );
        assert.equal(seen.currentStage, at, JSON.stringify(seen.stages));
        assert.equal(stage(seen, at).state, 'failed');
        assert.match(stage(seen, at).message!, message);
      };
      await expectFailed(closed, 'pull-request', /Closed without merging/);
      await expectFailed(pipeline, 'pipeline', /concluded failure/);
      await expectFailed(gitlabPipeline, 'pipeline', /Pipeline #\d+ failed/);
      await expectFailed(
        degraded,
        'argocd',
        /Degraded: Deployment degraded-dev exceeded/,
      );
      await expectFailed(
        kro,
        'kro',
        /state FAILED.*ReconcileFailed: ingresses.* is forbidden/,
      );
      await expectFailed(
        openstack,
        'openstack',
        new RegExp(`server ${broken}-1 is ERROR`),
      );

      const stuck = await untilRequest(
        unknown.id,
        'the unknown Argo CD stage',
        r => stage(r, 'argocd').state === 'unknown',
      );
      assert.equal(stuck.state, 'open');
      assert.ok(stage(stuck, 'argocd').checkedAt);
      assert.match(
        stage(stuck, 'argocd').message!,
        /Argo CD down did not answer/,
      );

      const failures = [
        'Failed at pull request: closed unmerged',
        'Failed at apply pipeline: apply fails',
        'Failed at apply pipeline: gitlab apply fails',
        'Failed at Argo CD: degraded',
        'Failed at KRO: kro fails',
        'Failed at OpenStack: server in error',
      ];
      const all = await untilNotified(failures);
      for (const t of failures) {
        assert.equal(titled(all, t).length, 1, `one "${t}" notification`);
      }
    });

    it('advances each request once with two replicas working at the same time', async () => {
      const count = 6;
      const opened = await Promise.all(
        Array.from({ length: count }, (_, i) => openGithubPull(`twice ${i}`)),
      );
      const requests = [];
      for (const [i, pr] of opened.entries()) {
        requests.push(
          await record(
            {
              title: `twice ${i}`,
              entityRef: `component:default/twice-${i}`,
              pullRequestUrl: pr.url,
              expected: { argoCdApplications: [{ name: `twice-${i}` }] },
            },
            i % 2,
          ),
        );
      }
      for (const pr of opened) github.merge(pr.number);
      for (let i = 0; i < count; i++) {
        argo.setApplication(`twice-${i}`, {
          sync: 'Synced',
          health: 'Healthy',
        });
      }
      // Both replicas are told at once, while both run their scheduled advance.
      await Promise.all([
        githubWebhook('pull_request', 0),
        githubWebhook('pull_request', 1),
      ]);
      for (const r of requests) {
        await untilRequest(r.id, `${r.title} ready`, x => x.state === 'ready');
      }
      const all = await untilNotified(
        Array.from({ length: count }, (_, i) => [
          `Merged: twice ${i}`,
          `Ready: twice ${i}`,
        ]).flat(),
      );
      for (let i = 0; i < count; i++) {
        assert.equal(
          titled(all, `Merged: twice ${i}`).length,
          1,
          `merged ${i} told once`,
        );
        assert.equal(
          titled(all, `Ready: twice ${i}`).length,
          1,
          `ready ${i} told once`,
        );
      }
    });
  },
);
