/**
 * Records the answers of Canopy's OpenStack test bed that the OpenStack
 * backend's offline tests replay (plugins/openstack-node/fixtures/testbed):
 * Keystone's token body and each list, detail and quota call the readers
 * make, for the `payments` entity's tags. Tokens are replaced by a
 * placeholder; nothing secret is written.
 *
 *   node testbed/openstack/record-fixtures.mts
 *   (OSL_STATE: the test bed's state folder, default .testbed/openstack)
 *
 * Run it again after changing what the readers ask for, and review the diff.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const state = process.env.OSL_STATE ?? path.join(root, '.testbed/openstack');
const out = path.join(root, 'plugins/openstack-node/fixtures/testbed');
const clouds = parse(readFileSync(path.join(state, 'clouds.yaml'), 'utf8'));
const auth = clouds.clouds['osl-demo'].auth;
const TAG = 'canopy.entity=component.default.payments';

const tokenRes = await fetch(
  `${auth.auth_url.replace(/\/+$/, '')}/auth/tokens`,
  {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ['password'],
          password: {
            user: {
              name: auth.username,
              domain: { name: auth.user_domain_name ?? 'Default' },
              password: auth.password,
            },
          },
        },
        scope: {
          project: {
            name: auth.project_name,
            domain: { name: auth.project_domain_name ?? 'Default' },
          },
        },
      },
    }),
  },
);
const token = tokenRes.headers.get('x-subject-token')!;
const tokenBody = await tokenRes.json();
const project = tokenBody.token.project.id;
const endpoint = (type: string) =>
  tokenBody.token.catalog
    .find((s: any) => s.type === type)
    ?.endpoints.find((e: any) => e.interface === 'public')
    ?.url.replace(/\/+$/, '');

const scrub = (text: string) =>
  text.split(token).join('[token]').split(auth.password).join('[secret]');

mkdirSync(out, { recursive: true });
function save(name: string, request: string, status: number, body: unknown) {
  const file = path.join(out, `${name}.json`);
  writeFileSync(
    file,
    `${scrub(JSON.stringify({ request, status, body }, null, 2))}\n`,
  );
  console.log(`${status} ${request} -> ${path.relative(root, file)}`);
}
save('identity-token', 'POST /v3/auth/tokens', tokenRes.status, tokenBody);

const nova = { 'OpenStack-API-Version': 'compute 2.79' };
const calls: Array<[string, string, string, Record<string, string>?]> = [
  [
    'compute-servers',
    'compute',
    `/servers/detail?tags=${encodeURIComponent(TAG)}`,
    nova,
  ],
  ['compute-flavors', 'compute', '/flavors/detail', nova],
  ['compute-keypairs', 'compute', '/os-keypairs', nova],
  ['compute-availability-zones', 'compute', '/os-availability-zone', nova],
  ['compute-quotas', 'compute', `/os-quota-sets/${project}/detail`, nova],
  [
    'network-networks',
    'network',
    `/v2.0/networks?project_id=${project}&tags=${encodeURIComponent(TAG)}`,
  ],
  ['network-networks-shared', 'network', '/v2.0/networks?shared=true'],
  [
    'network-networks-external',
    'network',
    '/v2.0/networks?router%3Aexternal=true',
  ],
  [
    'network-subnets',
    'network',
    `/v2.0/subnets?project_id=${project}&tags=${encodeURIComponent(TAG)}`,
  ],
  [
    'network-routers',
    'network',
    `/v2.0/routers?project_id=${project}&tags=${encodeURIComponent(TAG)}`,
  ],
  [
    'network-ports',
    'network',
    `/v2.0/ports?project_id=${project}&tags=${encodeURIComponent(TAG)}`,
  ],
  [
    'network-floatingips',
    'network',
    `/v2.0/floatingips?project_id=${project}&tags=${encodeURIComponent(TAG)}`,
  ],
  [
    'network-security-groups',
    'network',
    `/v2.0/security-groups?project_id=${project}&tags=${encodeURIComponent(
      TAG,
    )}`,
  ],
  ['network-quotas', 'network', `/v2.0/quotas/${project}/details`],
  [
    'volume-volumes',
    'volumev3',
    `/volumes/detail?metadata=${encodeURIComponent(
      JSON.stringify({ 'canopy.entity': 'component.default.payments' }),
    )}`,
  ],
  ['volume-quotas', 'volumev3', `/os-quota-sets/${project}?usage=true`],
  [
    'lb-loadbalancers',
    'load-balancer',
    `/v2/lbaas/loadbalancers?project_id=${project}&tags=${encodeURIComponent(
      TAG,
    )}`,
  ],
  [
    'lb-listeners',
    'load-balancer',
    `/v2/lbaas/listeners?project_id=${project}`,
  ],
  ['lb-pools', 'load-balancer', `/v2/lbaas/pools?project_id=${project}`],
  ['image-images', 'image', '/v2/images?status=active&sort=name%3Aasc'],
];
const pools: Array<{ id: string }> = [];
for (const [name, service, pathAndQuery, headers] of calls) {
  const res = await fetch(`${endpoint(service)}${pathAndQuery}`, {
    headers: { 'X-Auth-Token': token, Accept: 'application/json', ...headers },
  });
  const body = await res.json();
  save(name, `GET ${pathAndQuery}`, res.status, body);
  if (name === 'lb-pools') pools.push(...body.pools);
}
for (const [i, pool] of pools.entries()) {
  const pathAndQuery = `/v2/lbaas/pools/${pool.id}/members?project_id=${project}`;
  const res = await fetch(`${endpoint('load-balancer')}${pathAndQuery}`, {
    headers: { 'X-Auth-Token': token, Accept: 'application/json' },
  });
  save(
    `lb-pool-members-${i}`,
    `GET ${pathAndQuery}`,
    res.status,
    await res.json(),
  );
}
