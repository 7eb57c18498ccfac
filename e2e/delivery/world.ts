/**
 * The systems a delivery request passes through, for the browser test, in
 * their own process (the browser test is plain Node; these are TypeScript):
 * the loopback GitHub (pull requests, checks, workflow runs), the loopback
 * Argo CD API and the loopback Kubernetes API of Canopy's backend tests, and
 * the real OpenStack test bed. Each fake's header says what it stands in for.
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs e2e/delivery/world.ts
 *
 * prints `READY <json>` with their URLs and the control URL once they listen,
 * and stops when its parent closes stdin. The control API lets the test do
 * what people and machines would do elsewhere: merge a pull request, finish
 * an apply run, sync an Argo CD application, make a KRO instance Ready,
 * create the server Terraform would create.
 */
import express from 'express';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { entityTag } from '@canopy-idp/plugin-openstack-common';
import { parseEntityRef } from '@backstage/catalog-model';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import {
  createTaggedServer,
  deleteServers,
} from '../../packages/backend/src/__testUtils__/testbed';
import {
  FakeArgoCd,
  FakeKubernetesApi,
  kroStatus,
} from '@canopy-idp/plugin-delivery-backend/testUtils';
import { FakeGithub } from '@canopy-idp/plugin-scaffolder-backend-module-canopy/testUtils';

export const TOKENS = {
  github: 'e2e-github-token',
  argocd: 'e2e-argocd-token',
  kubernetes: 'e2e-cluster-token',
};

async function main() {
  const github = new FakeGithub('acme', 'infrastructure', TOKENS.github);
  const argo = new FakeArgoCd(TOKENS.argocd);
  const kube = new FakeKubernetesApi([], TOKENS.kubernetes);
  for (const fake of [github, argo, kube]) await fake.start();
  const servers: string[] = [];

  const control = express();
  control.use(express.json());
  control.get('/github/pulls', (_req, res) => {
    res.json(github.pulls);
  });
  control.post('/github/pulls/:number/merge', (req, res) => {
    res.json({ sha: github.merge(Number(req.params.number)) });
  });
  control.post('/github/workflow-runs', (req, res) => {
    res.json(github.addWorkflowRun(req.body));
  });
  control.post('/github/workflow-runs/:id', (req, res) => {
    res.json(github.updateWorkflowRun(Number(req.params.id), req.body));
  });
  control.post('/argocd/applications/:name', (req, res) => {
    argo.setApplication(req.params.name, req.body);
    res.json({});
  });
  control.post('/kubernetes/ready-kro-instances', (req, res) => {
    kube.putKroInstance(req.body, kroStatus.ready);
    res.json({});
  });
  control.post('/openstack/servers', async (req, res) => {
    const { name, entityRef } = req.body as { name: string; entityRef: string };
    const id = await createTaggedServer(
      name,
      entityTag(parseEntityRef(entityRef)),
    );
    servers.push(id);
    res.json({ id });
  });
  const server = control.listen(0, '127.0.0.1');
  await once(server, 'listening');

  const stop = async () => {
    await deleteServers(servers);
    server.close();
    for (const fake of [github, argo, kube]) await fake.stop();
    process.exit(0);
  };
  process.stdin.resume();
  process.stdin.on('end', stop);
  process.on('SIGTERM', stop);

  process.stdout.write(
    `READY ${JSON.stringify({
      control: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      githubHost: `127.0.0.1:${github.port}`,
      githubApi: github.apiBaseUrl,
      argocd: argo.url,
      kubernetesConfig: kube.kubernetesConfig(),
      tokens: TOKENS,
    })}\n`,
  );
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
