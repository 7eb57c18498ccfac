/**
 * Delivery requests for the browser test: starts the systems a request passes
 * through (world.ts, in its own process), gives the portal its configuration
 * for them, and walks two requests from Create to Ready through the portal's
 * API as the signed-in guest — a VM request (pull request, apply pipeline,
 * OpenStack) and an environments request (pull request, Argo CD, KRO) — so
 * that the browser can show their timelines.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { stringify } from 'yaml';
// Plain TypeScript (types only): Node strips the types when it loads it.
import { until } from '../../plugins/delivery-common/src/testUtils/until.ts';

export type World = {
  control: string;
  githubHost: string;
  githubApi: string;
  argocd: string;
  /** The `kubernetes` configuration of a backend that reads the fake cluster. */
  kubernetesConfig: object;
  tokens: { github: string; argocd: string; kubernetes: string };
  process: ChildProcess;
};

export type Request = {
  id: string;
  taskId: string;
  title: string;
  entityRef: string;
  state: string;
  pullRequest: { number: number; url: string };
  expected: {
    argoCdApplications?: Array<{ name: string }>;
    kroInstances?: Array<{
      apiVersion: string;
      kind: string;
      plural?: string;
      namespace: string;
      name: string;
    }>;
  };
  stages: Array<{ name: string; state: string; message?: string }>;
};

/** Starts world.ts and waits for its READY line. */
export async function startWorld(root: string): Promise<World> {
  const child = spawn(
    process.execPath,
    [
      '-r',
      '@backstage/cli/config/nodeTransform.cjs',
      path.join(root, 'e2e/delivery/world.ts'),
    ],
    { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    if (line.startsWith('READY ')) {
      return { ...JSON.parse(line.slice(6)), process: child };
    }
  }
  throw new Error('e2e/delivery/world.ts ended before it was ready');
}

export function stopWorld(world: World | undefined) {
  world?.process.stdin?.end();
}

/** The portal's configuration for the world: written next to the screenshots, passed with --config. */
export function writeWorldConfig(world: World, file: string) {
  writeFileSync(
    file,
    stringify({
      integrations: {
        github: [
          {
            host: world.githubHost,
            apiBaseUrl: world.githubApi,
            token: world.tokens.github,
          },
        ],
      },
      kubernetes: world.kubernetesConfig,
      delivery: {
        schedule: {
          frequency: { seconds: 2 },
          timeout: { minutes: 1 },
          initialDelay: { seconds: 2 },
        },
        backoff: { initialSeconds: 1, maxSeconds: 4 },
        argocd: {
          instances: [
            { name: 'lab', url: world.argocd, token: world.tokens.argocd },
          ],
        },
        // Team A's repository in the loopback GitHub (its namespaces and
        // AppProject are in app-config.testbed.yaml).
        tenancy: {
          repositories: [
            {
              repository: `${world.githubHost}/acme/infrastructure`,
              owners: ['group:default/team-a'],
            },
          ],
        },
      },
    }),
  );
}

async function call(url: string, init: RequestInit & { token?: string } = {}) {
  const res = await fetch(url, {
    ...init,
    headers: {
      'Content-Type': 'application/json',
      ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
    },
  });
  const text = await res.text();
  assert.ok(res.ok, `${init.method ?? 'GET'} ${url}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** The guest's requests and the scaffolder, through the portal's backend. */
export class Portal {
  private readonly backendUrl: string;
  private readonly token: string;
  private readonly world: World;

  constructor(backendUrl: string, token: string, world: World) {
    this.backendUrl = backendUrl;
    this.token = token;
    this.world = world;
  }

  static async signIn(backendUrl: string, world: World) {
    const res = await fetch(`${backendUrl}/api/auth/guest/refresh`, {
      method: 'POST',
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    const token = (await res.json()).backstageIdentity.token as string;
    return new Portal(backendUrl, token, world);
  }

  private api(pathname: string, init: RequestInit = {}) {
    return call(`${this.backendUrl}/api/${pathname}`, {
      ...init,
      token: this.token,
    });
  }

  private control(pathname: string, body: object = {}) {
    return call(`${this.world.control}${pathname}`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
  }

  /** Runs a template as the guest and returns the request its task recorded. */
  async create(template: string, values: object): Promise<Request> {
    await until(`the ${template} template in the catalog`, () =>
      this.api(`catalog/entities/by-name/template/default/${template}`),
    );
    const { id } = await this.api('scaffolder/v2/tasks', {
      method: 'POST',
      body: JSON.stringify({
        templateRef: `template:default/${template}`,
        values: {
          ...values,
          repoUrl: `${this.world.githubHost}?owner=acme&repo=infrastructure`,
        },
      }),
    });
    const task = await until(`the ${template} task`, async () => {
      const t = await this.api(`scaffolder/v2/tasks/${id}`);
      return ['completed', 'failed', 'cancelled'].includes(t.status)
        ? t
        : undefined;
    });
    assert.equal(
      task.status,
      'completed',
      `the ${template} task ${task.status}`,
    );
    return until(`the request of the ${template} task`, async () => {
      const { items } = await this.api('delivery/requests?mine=true');
      return (items as Request[]).find(r => r.taskId === id);
    });
  }

  async request(id: string): Promise<Request> {
    return this.api(`delivery/requests/${id}`);
  }

  async untilStage(id: string, stage: string, state: string) {
    return until(`${stage} ${state} of request ${id}`, async () => {
      const r = await this.request(id);
      return r.stages.find(s => s.name === stage)?.state === state
        ? r
        : undefined;
    });
  }

  async notifications(): Promise<Array<{ payload: { title: string } }>> {
    return (await this.api('notifications/notifications?limit=200'))
      .notifications;
  }

  /** A VM request: merged, applied by its workflow run, its server ACTIVE in the test bed. */
  async walkVmRequest(name: string): Promise<Request> {
    const request = await this.create('openstack-virtual-machines', {
      name,
      description: 'Nightly report generator',
      owner: 'group:default/team-a',
      location: { cloud: 'lab', region: 'RegionOne', project: 'demo' },
      count: 1,
      flavor: 'm1.tiny',
      image: 'tiny-raw',
      network: 'demo-net',
      bootVolumeGiB: 0,
      dataVolumeGiB: 0,
      floatingIp: false,
    });
    const { sha } = await this.control(
      `/github/pulls/${request.pullRequest.number}/merge`,
    );
    await this.untilStage(request.id, 'pull-request', 'succeeded');
    const run = await this.control('/github/workflow-runs', {
      head_sha: sha,
      event: 'push',
      name: 'Canopy Terraform',
      path: '.github/workflows/canopy-terraform.yaml',
      status: 'in_progress',
    });
    await this.untilStage(request.id, 'pipeline', 'running');
    await this.control(`/github/workflow-runs/${run.id}`, {
      status: 'completed',
      conclusion: 'success',
    });
    await this.untilStage(request.id, 'pipeline', 'succeeded');
    await this.control('/openstack/servers', {
      name: `${name}-1`,
      entityRef: request.entityRef,
    });
    return this.untilStage(request.id, 'openstack', 'succeeded');
  }

  /** An environments request: merged, its Argo CD applications synced, its KRO instances Ready. */
  async walkEnvironmentsRequest(name: string): Promise<Request> {
    const request = await this.create('environments', {
      name,
      description: 'WordPress for dev, test and acc',
      owner: 'group:default/team-a',
      environments: ['dev', 'test', 'acc'],
      baseDomain: 'example.com',
    });
    await this.control(`/github/pulls/${request.pullRequest.number}/merge`);
    await this.untilStage(request.id, 'pull-request', 'succeeded');
    for (const app of request.expected.argoCdApplications ?? []) {
      await this.control(`/argocd/applications/${app.name}`, {
        // The environments template's apps are in the owner's AppProject.
        project: 'team-a',
        sync: 'Synced',
        health: 'Healthy',
      });
    }
    await this.untilStage(request.id, 'argocd', 'succeeded');
    for (const i of request.expected.kroInstances ?? []) {
      await this.control('/kubernetes/ready-kro-instances', i);
    }
    return this.untilStage(request.id, 'kro', 'succeeded');
  }
}
