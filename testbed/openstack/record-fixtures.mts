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
import {
  passwordTokenOptions,
  requestPasswordToken,
} from '../../plugins/openstack-node/src/testUtils/keystoneToken.ts';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const state = process.env.OSL_STATE ?? path.join(root, '.testbed/openstack');
const out = path.join(root, 'plugins/openstack-node/fixtures/testbed');
const clouds = parse(readFileSync(path.join(state, 'clouds.yaml'), 'utf8'));
const auth = clouds.clouds['osl-demo'].auth;
const TAG = 'canopy.entity=component.default.payments';

const tokenRes = await requestPasswordToken(passwordTokenOptions(auth));
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
type Call = [string, string, string, Record<string, string>?];
/** The project's tagged list of a Neutron collection. */
const neutronTagged = (collection: string): Call => [
  `network-${collection}`,
  'network',
  `/v2.0/${collection}?project_id=${project}&tags=${encodeURIComponent(TAG)}`,
];
const calls: Call[] = [
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
  neutronTagged('networks'),
  ['network-networks-shared', 'network', '/v2.0/networks?shared=true'],
  [
    'network-networks-external',
    'network',
    '/v2.0/networks?router%3Aexternal=true',
  ],
  ...['subnets', 'routers', 'ports', 'floatingips', 'security-groups'].map(
    neutronTagged,
  ),
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
