/**
 * Delivery tracking in Canopy's real backend, end to end: two replicas on one
 * PostgreSQL (loopback) run templates through the real scaffolder, record
 * the requests, and follow them through loopback GitHub/GitLab (pull
 * requests, checks, workflow runs, pipelines), a loopback Argo CD API, the
 * loopback Kubernetes API (KRO instances) and the real OpenStack test bed,
 * until they are Ready; each stage's failure shows as failed with its
 * message, a system that cannot be asked leaves its stage unknown, the
 * requester is notified through Backstage notifications, and every change is
 * made and told once although both replicas advance requests. The world and
 * its helpers: delivery/harness.ts.
 *
 * Run with Node's test runner (see clusterCrds.test.ts); needs the test bed.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type {
  DeliveryRequest,
  DeliveryStage,
} from '@canopy-idp/plugin-delivery-common';
import { SAMPLE_VALUES } from '../src/__testUtils__/templateValues';
import { adminToken, demoSession } from '../src/__testUtils__/testbed';
import { until } from '@canopy-idp/plugin-delivery-common/testUtils';
import { kroStatus } from '@canopy-idp/plugin-delivery-backend/testUtils';
import { deliveryHarness, stage, titled, WORKFLOW } from './delivery/harness';

describe(
  'delivery tracking, from Create to running',
  { concurrency: false },
  () => {
    const world = deliveryHarness();
    const {
      github,
      gitlab,
      argo,
      kube,
      githubWebhook,
      postGithubEvent,
      untilRequest,
      untilStages,
      untilNotified,
      runTemplate,
      requestOfTask,
      openRequest,
      createTaggedServerFor,
    } = world;

    before(() => world.start());
    after(() => world.stop());
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
      // A delivery not signed with the webhook secret is refused by the
      // events backend's GitHub module before delivery hears of it.
      const forged = await postGithubEvent('check_run', 0, 'sha256=00');
      assert.equal(forged.status, 403, await forged.text());
      await githubWebhook('check_run');
      await untilRequest(recorded.id, 'the check in the PR stage', r =>
        /1 failed \(plan\)/.test(stage(r, 'pull-request').message ?? ''),
      );

      // Merged: the pipeline waits for its run on the merge commit.
      const sha = github.merge(pull.number);
      await githubWebhook('pull_request', 1);
      const merged = await untilStages(recorded.id, 'the merge', {
        'pull-request': 'succeeded',
        pipeline: 'pending',
      });
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
      const applying = await untilStages(recorded.id, 'the run in progress', {
        pipeline: 'running',
      });
      assert.equal(stage(applying, 'pipeline').links[0].url, run.html_url);

      github.updateWorkflowRun(run.id, {
        status: 'completed',
        conclusion: 'success',
      });
      await githubWebhook('workflow_run', 1);
      const applied = await untilStages(recorded.id, 'the apply', {
        pipeline: 'succeeded',
        openstack: 'pending',
      });
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
      await untilStages(recorded.id, 'Argo CD stage waiting', {
        argocd: 'pending',
      });

      // The root app syncs first and creates the others.
      argo.setApplication(name, {
        project: 'team-a',
        sync: 'Synced',
        health: 'Progressing',
      });
      const syncing = await untilStages(recorded.id, 'Argo CD progressing', {
        argocd: 'running',
      });
      assert.match(stage(syncing, 'argocd').message!, /Progressing/);
      for (const app of apps) {
        argo.setHealthy(app.name, 'team-a');
      }
      const synced = await untilStages(recorded.id, 'Argo CD synced', {
        argocd: 'succeeded',
      });
      assert.ok(
        stage(synced, 'argocd').links.some(
          l => l.url === `${argo.url}/applications/${name}`,
        ),
      );

      for (const i of instances) kube.putKroInstance(i, kroStatus.ready);
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
      const closed = await openRequest(
        'closed unmerged',
        'resource:default/closed',
      );
      github.close(closed.pull.number);

      // Apply pipeline failed (GitHub Actions).
      const pipeline = await openRequest(
        'apply fails',
        'resource:default/apply-fails',
        { pipeline: true },
      );
      github.addWorkflowRun({
        head_sha: github.merge(pipeline.pull.number),
        event: 'push',
        name: 'Canopy Terraform',
        path: WORKFLOW,
        status: 'completed',
        conclusion: 'failure',
      });

      // Apply pipeline failed (GitLab CI).
      const gitlabPipeline = await openRequest(
        'gitlab apply fails',
        'resource:default/gitlab-apply-fails',
        { pipeline: true },
        { via: 'gitlab' },
      );
      gitlab.addPipeline({
        sha: gitlab.merge(gitlabPipeline.pull.number),
        ref: 'main',
        status: 'failed',
        source: 'push',
      });

      // Argo CD: Degraded.
      const degraded = await openRequest(
        'degraded',
        'component:default/degraded',
        { argoCdApplications: [{ name: 'degraded-dev' }] },
      );
      github.merge(degraded.pull.number);
      argo.setApplication('degraded-dev', {
        project: 'team-a',
        sync: 'Synced',
        health: 'Degraded',
        healthMessage: 'Deployment degraded-dev exceeded its progress deadline',
      });

      // KRO: the instance failed.
      const expectedKroFails = {
        apiVersion: 'kro.run/v1alpha1',
        kind: 'WebApplication',
        namespace: 'team-a-dev',
        name: 'kro-fails',
      };
      const kro = await openRequest(
        'kro fails',
        'component:default/kro-fails',
        {
          kroInstances: [expectedKroFails],
        },
      );
      github.merge(kro.pull.number);
      kube.putKroInstance(
        expectedKroFails,
        kroStatus.failed(
          'ingresses.networking.k8s.io "kro-fails" is forbidden',
        ),
      );

      // OpenStack: the server Terraform made went into ERROR.
      const broken = `dlv-err-${randomBytes(3).toString('hex')}`;
      const openstack = await openRequest(
        'server in error',
        `resource:default/${broken}`,
        {
          openstack: {
            cloud: 'lab',
            project: 'demo',
            region: 'RegionOne',
            entityRef: `resource:default/${broken}`,
          },
        },
      );
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
      github.merge(openstack.pull.number);

      // A system that cannot be asked: the stage is unknown, the request open.
      const unknown = await openRequest(
        'argo unreachable',
        'component:default/argo-unreachable',
        { argoCdApplications: [{ instance: 'down', name: 'x' }] },
      );
      github.merge(unknown.pull.number);

      const expectFailed = async (
        { request: r }: { request: DeliveryRequest },
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

      const stuck = await untilStages(
        unknown.request.id,
        'the unknown Argo CD stage',
        { argocd: 'unknown' },
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
      const opened = [];
      for (let i = 0; i < count; i++) {
        opened.push(
          await openRequest(
            `twice ${i}`,
            `component:default/twice-${i}`,
            { argoCdApplications: [{ name: `twice-${i}` }] },
            { replica: i % 2 },
          ),
        );
      }
      for (const { pull } of opened) github.merge(pull.number);
      for (let i = 0; i < count; i++) {
        argo.setHealthy(`twice-${i}`, 'team-a');
      }
      // Both replicas are told at once, while both run their scheduled advance.
      await Promise.all([
        githubWebhook('pull_request', 0),
        githubWebhook('pull_request', 1),
      ]);
      for (const { request: r } of opened) {
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
