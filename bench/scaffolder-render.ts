/**
 * Benchmark: time Canopy's actions to render and validate
 *   1. a full dev/test/acc environment: KRO definitions, Kyverno guardrails, an
 *      Argo CD app-of-apps for dev/test/acc, and per environment a Workspace,
 *      a WebApplication and an Infrastructure instance;
 *   2. a 3-node Kubernetes cluster on OpenStack (1 control plane + 2 workers).
 * Each is rendered into a fresh workspace and validated (HCL parse, provider
 * arguments, terraform fmt where installed, Kubernetes and CRD schemas).
 * Prints the median and worst of 20 runs after 3 warm-ups; target < 500 ms.
 *
 * Run: yarn bench:scaffolder   (CRD_DIR: a folder of CRDs to use in place of the
 * scaffolder module's bundled ones)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createArgoCdAppOfAppsAction,
  createKroDefinitionsAction,
  createKroInstanceAction,
  createKyvernoPoliciesAction,
} from '@canopy-idp/plugin-scaffolder-backend-module-gitops';
import { createTerraformKubernetesClusterAction } from '@canopy-idp/plugin-scaffolder-backend-module-openstack';
import {
  bundledCrds,
  type CrdSchemas,
  loadCrdDirectory,
  validateWorkspace,
} from '@canopy-idp/plugin-scaffolder-node';

const crdDir = process.env.CRD_DIR;

const quiet = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
};

/** The parts of the scaffolder's action context these actions use. */
async function run(action: any, input: object, workspacePath: string) {
  await action.handler({
    input,
    workspacePath,
    logger: quiet,
    output: () => undefined,
    checkpoint: async ({ fn }: { fn: () => Promise<unknown> }) => fn(),
    isDryRun: false,
  });
}

async function environment(workspacePath: string) {
  await run(createKroDefinitionsAction(), {}, workspacePath);
  await run(createKyvernoPoliciesAction(), {}, workspacePath);
  await run(
    createArgoCdAppOfAppsAction(),
    { sourceRepoURL: 'https://git.example.net/platform.git' },
    workspacePath,
  );
  for (const env of ['dev', 'test', 'acc']) {
    const targetPath = `gitops/environments/${env}`;
    await run(
      createKroInstanceAction(),
      { instance: { kind: 'Workspace', name: env }, targetPath },
      workspacePath,
    );
    await run(
      createKroInstanceAction(),
      {
        instance: {
          kind: 'WebApplication',
          name: 'wordpress',
          namespace: env,
          image: 'docker.io/library/wordpress',
          tag: '6.6.2-apache',
          port: 80,
          host: `wordpress.${env}.example.com`,
        },
        targetPath,
      },
      workspacePath,
    );
    await run(
      createKroInstanceAction(),
      {
        instance: {
          kind: 'Infrastructure',
          name: 'wordpress-data',
          namespace: env,
          database: 'wordpress',
          redisPasswordSecret: 'wordpress-redis',
        },
        targetPath,
      },
      workspacePath,
    );
  }
}

async function cluster(workspacePath: string) {
  await run(
    createTerraformKubernetesClusterAction(),
    {
      name: 'platform',
      entityRef: 'resource:default/platform',
      cloud: 'prod',
      region: 'RegionOne',
      externalNetwork: 'public',
      controlPlaneFlavor: 'm1.large',
      workerFlavor: 'm1.xlarge',
      workerCount: 2,
    },
    workspacePath,
  );
}

async function measure(
  name: string,
  render: (dir: string) => Promise<void>,
  crds: CrdSchemas,
) {
  const times: Array<{ render: number; validate: number }> = [];
  let files = 0;
  for (let i = 0; i < 23; i++) {
    const dir = mkdtempSync(path.join(tmpdir(), 'canopy-bench-'));
    const t0 = performance.now();
    await render(dir);
    const t1 = performance.now();
    const report = await validateWorkspace(dir, crds);
    const t2 = performance.now();
    if (report.errors)
      throw new Error(`${name}: validation failed:\n${report.markdown}`);
    files = report.filesChecked;
    rmSync(dir, { recursive: true, force: true });
    if (i >= 3) times.push({ render: t1 - t0, validate: t2 - t1 });
  }
  const total = times.map(t => t.render + t.validate).sort((a, b) => a - b);
  const median = (xs: number[]) =>
    [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(
    `${name.padEnd(44)} files ${String(files).padStart(3)}  render ${median(
      times.map(t => t.render),
    )
      .toFixed(1)
      .padStart(6)} ms  validate ${median(times.map(t => t.validate))
      .toFixed(1)
      .padStart(6)} ms  total median ${median(total)
      .toFixed(1)
      .padStart(6)} ms  worst ${total[total.length - 1]
      .toFixed(1)
      .padStart(6)} ms  (target < 500 ms)`,
  );
}

async function main() {
  const crds = crdDir ? await loadCrdDirectory(crdDir) : await bundledCrds();
  console.log(
    `Render + validate, 20 runs after 3 warm-ups; CRDs from ${
      crdDir ?? "scaffolder-node's bundled schemas"
    }`,
  );
  await measure(
    'dev/test/acc environment (KRO, Argo, Kyverno)',
    environment,
    crds,
  );
  await measure('3-node Kubernetes cluster (Terraform)', cluster, crds);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
