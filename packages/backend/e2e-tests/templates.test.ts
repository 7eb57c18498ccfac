/**
 * Every template in templates/ through Canopy's real backend (scaffolder,
 * catalog, OpenStack plugin, Canopy's actions), run with Node's test runner
 * (see clusterCrds.test.ts for why not Jest):
 *   - the catalog lists it under Create (owned, tagged);
 *   - a dry-run with the template's sample values completes;
 *   - a real run opens a pull request on a loopback GitHub (a real bare git
 *     repository behind GitHub's REST shapes), with the OpenStack plugin
 *     pointed at the real OpenStack test bed (scripts/openstack-testbed.sh);
 *   - the pull request branch holds a catalog-info.yaml and passes canopy:validate;
 *   - a request over the test bed's quota fails before any pull request;
 *   - the OpenStack templates price their request from the test bed's price
 *     list (app-config.testbed.yaml) into the pull request, and a request
 *     over the demo project's monthly budget fails unless it gives a reason.
 */
import assert from 'node:assert/strict';
import {
  testbedPricing,
  testbedSeed,
  TESTBED_CLOUDS_YAML,
} from '../src/__testUtils__/testbed';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigReader } from '@backstage/config';
import { parse } from 'yaml';
import { repoRoot, startCanopyBackend } from '../src/__testUtils__/backend';
import { SAMPLE_VALUES } from '../src/__testUtils__/templateValues';
import { until } from '@canopy-idp/plugin-delivery-common/testUtils';
import {
  FakeGithub,
  FakeGitlab,
} from '@canopy-idp/plugin-scaffolder-backend-module-canopy/testUtils';
import { createValidateAction } from '@canopy-idp/plugin-scaffolder-backend-module-gitops';

const TOKEN = 'github-token-for-templates-test';
const { pricing, demoBudget } = testbedPricing();
/** An amount as the estimates give it: exact to a millionth. */
const money = (n: number) => Math.round(n * 1e6) / 1e6;
const templatesDir = path.join(repoRoot, 'templates');
const templateNames = readdirSync(templatesDir)
  .filter(n => existsSync(path.join(templatesDir, n, 'template.yaml')))
  .sort();

/** Files below a folder, relative to it, without .git. */
function filesBelow(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      if (entry === '.git') continue;
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(path.relative(root, full));
    }
  };
  walk(root);
  return out;
}

/** The skeleton folder as the dry-run API wants it (base64 file contents). */
function directoryContents(name: string) {
  const root = path.join(templatesDir, name);
  return filesBelow(root)
    .filter(f => f !== 'template.yaml')
    .map(f => ({
      path: f,
      base64Content: readFileSync(path.join(root, f)).toString('base64'),
    }));
}

describe('the template catalog, end to end', { concurrency: false }, () => {
  let github: FakeGithub;
  let gitlab: FakeGitlab;
  let backend: Awaited<ReturnType<typeof startCanopyBackend>>;
  let repoUrl: string;

  before(async () => {
    testbedSeed();
    github = new FakeGithub('acme', 'infrastructure', TOKEN);
    await github.start();
    gitlab = new FakeGitlab('platform/gitops', TOKEN);
    await gitlab.start();
    repoUrl = github.repoUrl;
    backend = await startCanopyBackend({
      config: {
        integrations: {
          github: [github.integration()],
          gitlab: [gitlab.integration()],
        },
        scaffolder: {
          defaultAuthor: { name: 'Canopy', email: 'canopy@example.invalid' },
        },
        canopy: {
          permissionPolicy: 'allow-all',
        },
        // The templates' Kubernetes targets are team A's namespaces, their
        // repositories team A's.
        delivery: {
          tenancy: {
            repositories: [
              {
                repository: github.repository,
                owners: ['group:default/team-a'],
              },
              {
                repository: `127.0.0.1:${gitlab.port}/platform/gitops`,
                owners: ['group:default/team-a'],
              },
            ],
            namespaces: [
              { namespace: 'team-a', owners: ['group:default/team-a'] },
              { namespace: 'team-a-*', owners: ['group:default/team-a'] },
            ],
          },
        },
        openstack: {
          clouds: [
            {
              name: 'lab',
              cloudsYaml: { file: TESTBED_CLOUDS_YAML, cloud: 'osl-demo' },
              pricing,
              // The guest of the test backend is in team A.
              projects: [
                {
                  name: 'demo',
                  owners: ['group:default/team-a'],
                  monthlyBudget: demoBudget,
                },
              ],
            },
          ],
        },
      },
    });
  });

  after(async () => {
    await backend?.stop();
    await github?.stop();
    await gitlab?.stop();
  });

  const api = (method: string, url: string, body?: object) =>
    backend.api(method, url, body);

  /** The catalog's templates, once it has read every file in templates/ (waited for once). */
  let catalogRead: Promise<any[]> | undefined;
  function catalogTemplates(): Promise<any[]> {
    catalogRead ??= readCatalogTemplates();
    return catalogRead;
  }

  async function readCatalogTemplates(): Promise<any[]> {
    return until('every template in the catalog', async () => {
      const { body } = await api(
        'GET',
        'catalog/entities/by-query?filter=kind=template&limit=100',
      );
      const names = body.items.map((e: any) => e.metadata.name);
      const missing = templateNames.filter(n => !names.includes(n));
      if (missing.length) {
        throw new Error(`templates missing from the catalog: ${missing}`);
      }
      return body.items as any[];
    });
  }

  function valuesFor(name: string) {
    const values = SAMPLE_VALUES[name];
    assert.ok(values, `no sample values for template ${name}`);
    return { ...values, repoUrl };
  }

  async function runTask(name: string, values: object) {
    await catalogTemplates();
    const created = await api('POST', 'scaffolder/v2/tasks', {
      templateRef: `template:default/${name}`,
      values,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id;
    return until(`task ${id} to end`, async () => {
      const task = await api('GET', `scaffolder/v2/tasks/${id}`);
      if (['completed', 'failed', 'cancelled'].includes(task.body.status)) {
        const events = await api('GET', `scaffolder/v2/tasks/${id}/events`);
        const log = events.body
          .map((e: any) => e.body?.message)
          .filter(Boolean)
          .join('\n');
        const completion = events.body.find(
          (e: any) => e.type === 'completion',
        );
        return {
          status: task.body.status,
          log,
          output: completion?.body?.output,
        };
      }
      return undefined;
    });
  }

  it('lists every template in the catalog, owned and tagged', async () => {
    assert.ok(templateNames.length >= 13, templateNames.join(', '));
    for (const e of await catalogTemplates()) {
      assert.ok(e.spec.owner, `${e.metadata.name} has no owner`);
      assert.ok(e.metadata.tags?.length, `${e.metadata.name} has no tags`);
      assert.ok(
        e.metadata.description,
        `${e.metadata.name} has no description`,
      );
    }
  });

  templateNames.forEach(name => {
    it(`${name}: dry-run, then a real pull request whose branch validates`, async () => {
      const template = parse(
        readFileSync(path.join(templatesDir, name, 'template.yaml'), 'utf8'),
      );
      const values = valuesFor(name);

      const dry = await api('POST', 'scaffolder/v2/dry-run', {
        template,
        values,
        secrets: {},
        directoryContents: directoryContents(name),
      });
      assert.equal(dry.status, 200, JSON.stringify(dry.body).slice(0, 3000));
      const dryFiles = dry.body.directoryContents.map((f: any) => f.path);
      assert.ok(
        dryFiles.some((f: string) => f.endsWith('catalog-info.yaml')),
        `dry-run wrote no catalog-info.yaml: ${dryFiles}`,
      );
      const pullsBefore = github.pulls.length;

      const run = await runTask(name, values);
      assert.equal(run.status, 'completed', run.log.slice(-3000));
      assert.equal(
        github.pulls.length,
        pullsBefore + 1,
        'one new pull request',
      );
      const pull = github.pulls.at(-1)!;
      assert.match(run.output.links[0].url, /\/pull\/\d+$/);
      assert.equal(pull.state, 'open');

      const checkout = github.repo.checkout(pull.head);
      const files = filesBelow(checkout);
      const catalogInfo = files.filter(f => f.endsWith('catalog-info.yaml'));
      assert.ok(catalogInfo.length >= 1, `no catalog-info.yaml in ${files}`);
      for (const f of catalogInfo) {
        const entity = parse(readFileSync(path.join(checkout, f), 'utf8'));
        const annotations = Object.keys(entity.metadata.annotations ?? {});
        assert.ok(
          annotations.some(a =>
            /^(openstack\.canopy-idp\.io|backstage\.io\/kubernetes-)/.test(a),
          ),
          `${f} is not annotated for OpenStack or Kubernetes: ${annotations}`,
        );
      }
      if (name === 'openstack-network') {
        // The test bed's price list has no price for networks or routers:
        // each is named as not priced, never summed as free.
        const cost = JSON.parse(
          readFileSync(
            path.join(
              checkout,
              `openstack/${
                (values as { name?: string }).name
              }/canopy-cost.json`,
            ),
            'utf8',
          ),
        );
        assert.equal(cost.monthly, 0);
        assert.deepEqual(cost.items, []);
        assert.deepEqual(
          cost.unpriced.map((u: any) => [u.item, u.reason]),
          [
            ['network', 'the price list has no networkHour'],
            ['router', 'the price list has no routerHour'],
          ],
        );
        assert.match(pull.body, /Not priced/i);
      }
      if (name === 'openstack-virtual-machines') {
        // The form's optional parts (boot volume, data volume, floating IP) reach the Terraform.
        const tf = files
          .filter(f => f.endsWith('.tf'))
          .map(f => readFileSync(path.join(checkout, f), 'utf8'))
          .join('\n');
        for (const piece of [
          'openstack_blockstorage_volume_v3',
          'openstack_networking_floatingip_v2',
          'boot_index',
          '"m1.tiny"',
        ]) {
          assert.ok(tf.includes(piece), `the VM Terraform lacks ${piece}`);
        }
        // The estimate, by hand from the price list: one m1.tiny, its 1 + 2
        // GiB of volumes, one floating IP; a month is 730 hours.
        const p = pricing.prices;
        const tiny = p.flavors.find((f: any) => f.name === 'm1.tiny').hour;
        const cost = JSON.parse(
          readFileSync(
            path.join(checkout, 'openstack/reports/canopy-cost.json'),
            'utf8',
          ),
        );
        assert.deepEqual(
          cost.items.map((i: any) => [i.label, i.quantity, i.monthly]),
          [
            ['server m1.tiny', 1, money(tiny * 730)],
            ['volume (default)', 3, money(3 * p.volumeGiBMonth)],
            ['floating IP', 1, money(p.floatingIpHour * 730)],
          ],
        );
        const monthly = money(
          tiny * 730 + 3 * p.volumeGiBMonth + p.floatingIpHour * 730,
        );
        assert.equal(cost.monthly, monthly);
        assert.equal(cost.currency, pricing.currency);
        assert.equal(cost.budget.monthly, demoBudget);
        assert.equal(
          cost.budget.afterRequest,
          money(cost.budget.runRate + monthly),
        );
        assert.ok(
          pull.body.includes(
            `**Estimated cost:** ${monthly.toFixed(2)} EUR a month`,
          ),
          pull.body,
        );
      }
      // The branch as a reviewer sees it passes the validation action.
      const outputs: Record<string, unknown> = {};
      const quiet = { info() {}, warn() {}, error() {}, debug() {} };
      await createValidateAction({
        config: new ConfigReader({}),
      }).handler({
        input: { path: '.' },
        workspacePath: checkout,
        logger: quiet,
        output: (k: string, v: unknown) => {
          outputs[k] = v;
        },
      } as any);
      assert.equal(outputs.ok, true, String(outputs.report));
    });
  });

  it('opens a GitLab merge request when the repository URL is a GitLab one', async () => {
    const requestsBefore = gitlab.mergeRequests.length;
    const pullsBefore = github.pulls.length;
    const run = await runTask('new-service', {
      ...valuesFor('new-service'),
      name: 'billing-api',
      repoUrl: `127.0.0.1:${gitlab.port}?owner=platform&repo=gitops`,
    });
    assert.equal(run.status, 'completed', run.log.slice(-3000));
    assert.equal(gitlab.mergeRequests.length, requestsBefore + 1);
    assert.equal(github.pulls.length, pullsBefore, 'nothing went to GitHub');
    const mr = gitlab.mergeRequests.at(-1)!;
    const checkout = gitlab.repo.checkout(mr.sourceBranch);
    const entity = parse(
      readFileSync(
        path.join(checkout, 'services/billing-api/catalog-info.yaml'),
        'utf8',
      ),
    );
    assert.equal(entity.metadata.annotations['argocd/app-name'], 'billing-api');
    assert.match(
      readFileSync(
        path.join(checkout, 'services/billing-api/argocd/billing-api.yaml'),
        'utf8',
      ),
      /repoURL: https:\/\/127\.0\.0\.1:\d+\/platform\/gitops\.git/,
    );
  });

  it('fails a request over the project quota before any pull request, naming the limit', async () => {
    const pullsBefore = github.pulls.length;
    const run = await runTask('openstack-virtual-machines', {
      ...valuesFor('openstack-virtual-machines'),
      name: 'too-many',
      count: 4,
    });
    assert.equal(run.status, 'failed');
    assert.match(
      run.log,
      /exceeds the project's quota in lab \/ RegionOne \/ demo: compute\.instances: asks for 4, 3 left \(over by 1\)/,
    );
    assert.equal(github.pulls.length, pullsBefore);
  });

  it("fails a request over the demo project's monthly budget unless it gives a reason, which goes into the pull request", async () => {
    // Enough data volume to go over what is left of the budget now.
    const now = await api(
      'POST',
      'openstack/clouds/lab/regions/RegionOne/cost-estimate?project=demo',
      {},
    );
    assert.equal(now.status, 200, JSON.stringify(now.body));
    const left = demoBudget - now.body.budget.runRate;
    const dataVolumeGiB = Math.ceil(left / pricing.prices.volumeGiBMonth) + 10;
    const values = {
      ...valuesFor('openstack-virtual-machines'),
      name: 'too-costly',
      dataVolumeGiB,
    };
    const pullsBefore = github.pulls.length;
    const refused = await runTask('openstack-virtual-machines', values);
    assert.equal(refused.status, 'failed');
    assert.match(
      refused.log,
      /exceeds the monthly budget in lab \/ RegionOne \/ demo: project demo has a monthly budget of 150\.00 EUR: .* \(over by [0-9.]+ EUR\); rule: openstack\.clouds\[lab\]\.projects\[\]\.monthlyBudget \(this template allows an override: give budgetOverrideReason\)/,
    );
    assert.equal(github.pulls.length, pullsBefore);

    const overridden = await runTask('openstack-virtual-machines', {
      ...values,
      budgetOverrideReason: 'one-off data migration, approved by finance',
    });
    assert.equal(overridden.status, 'completed', overridden.log.slice(-3000));
    const pull = github.pulls.at(-1)!;
    assert.match(pull.body, /over by [0-9.]+ EUR, overridden/);
    assert.match(
      pull.body,
      /Budget override reason: one-off data migration, approved by finance/,
    );
  });

  it("opens no pull request with the portal's token in a repository the user's teams do not own", async () => {
    const pullsBefore = github.pulls.length;
    const requestsBefore = github.requests.length;
    const run = await runTask('kubernetes-workspace', {
      ...valuesFor('kubernetes-workspace'),
      repoUrl: repoUrl.replace(/repo=infrastructure$/, 'repo=team-b-apps'),
    });
    assert.equal(run.status, 'failed');
    assert.match(
      run.log,
      /repoUrl: user:default\/guest does not own repository '127\.0\.0\.1:\d+\/acme\/team-b-apps' \(rule: pull requests/,
    );
    assert.equal(github.pulls.length, pullsBefore);
    assert.ok(
      github.requests
        .slice(requestsBefore)
        .every(r => !/team-b-apps/.test(r) || /^GET /.test(r)),
      'nothing written to the repository',
    );
  });
});
