#!/usr/bin/python3
"""Seeds Canopy's OpenStack test bed with resources tagged for a few catalog entities.

Idempotent: finds each resource by name before creating it. Runs as the "demo" user in
the "demo" project (clouds.yaml written by up.sh). Prints a JSON summary of what each
entity owns, which the integration tests compare with the plugin's answers.

Entities (tag canopy.entity=component.default.<name>, volumes carry it as metadata):
  payments  network, subnet, router, security group (+rule), port, 2 servers, floating IP,
            volume attached to a server, load balancer with listener, pool and one member
            (payments-web-1)
  shop      network, subnet, 1 server
  batch     5 servers (for pagination tests)
  and 1 untagged server that belongs to no entity, and an untagged security group
  whose name is not ASCII (summary: unicodeName).
And a key pair, canopy-demo, of the demo user (the identity Canopy uses in the tests).
Team B (team_b.py): project team-b with its own user, application credential (cloud
osl-team-b in clouds.yaml), a lower quota, and component:default/orders' resources.
The organisation (org.py): Keystone groups team-a and team-b with the role member in demo
and team-b, their users (guest and alice in team-a, bob in team-b), and the identity
reader canopy-reader (cloud osl-reader in clouds.yaml) that Canopy reads them with.
Nine servers in all; the demo project's instance quota is set to 12 (as admin), so 3 are
left: a 2-node cluster fits, 4 servers do not (the template and quota-preflight tests).

Fast: what does not depend on each other is made at once. Team B, the load balancer's
chain (each step waits for ACTIVE) and the volume run in their own threads, each with its
own connection, while the main thread makes the networks and boots the servers. Servers
carry their tag from the create request (compute microversion 2.52 and later): Nova (Zed,
fake driver) drops tags that are PUT while a server is still in BUILD on a busy machine.
Each phase's time goes to stderr.

`seed.py --check < seed.json` only reads back what an earlier run's summary says is there
(exit non-zero, naming each difference, when it is not) and gives the organisation in
Keystone again: scripts/openstack-testbed.sh runs it on a test bed that is already up.

Nothing is taken on trust: a server that is ACTIVE without its tag is tagged again and read
back; and before printing its summary the script reads every tagged resource back from the
APIs and exits non-zero, naming each difference, when what is there differs from what it
meant to create.
"""
import json
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import openstack

from org import seed_org
from team_b import ensure_server_tags, seed_team_b

STATE = os.environ['OSL_STATE']
os.environ['OS_CLIENT_CONFIG_FILE'] = os.path.join(STATE, 'clouds.yaml')
c = openstack.connect(cloud='osl-demo')
INSTANCE_QUOTA = 12
admin = openstack.connect(cloud='osl-admin')
admin.set_compute_quotas(c.current_project_id, instances=INSTANCE_QUOTA)


def tag(entity):
    return f'canopy.entity=component.default.{entity}'


def network_stack(entity, cidr, router=False):
    net = c.network.find_network(f'{entity}-net') or c.network.create_network(name=f'{entity}-net')
    sub = c.network.find_subnet(f'{entity}-subnet') or c.network.create_subnet(
        name=f'{entity}-subnet', network_id=net.id, ip_version=4, cidr=cidr)
    for r in (net, sub):
        c.network.set_tags(r, [tag(entity)])
    out = {'network': net, 'subnet': sub}
    if router:
        pub = c.network.find_network('public')
        rt = c.network.find_router(f'{entity}-router')
        if not rt:
            rt = c.network.create_router(name=f'{entity}-router',
                                         external_gateway_info={'network_id': pub.id})
            c.network.add_interface_to_router(rt, subnet_id=sub.id)
        c.network.set_tags(rt, [tag(entity)])
        out['router'] = rt
    return out


def boot_servers(groups):
    """Creates the servers <prefix>-1 .. <prefix>-<count> of each (prefix, count, entity,
    network id) group that do not exist yet, tagged in the create request. A group with
    none of its servers is one multi-create request (Nova names them <name>-<n>): fewer
    API calls while the machine is busy booting the others. Returns the servers."""
    existing = {s.name: s for s in c.compute.servers()}
    flavor = image = None
    for prefix, count, entity, network_id in groups:
        names = [f'{prefix}-{i}' for i in range(1, count + 1)]
        missing = [n for n in names if n not in existing]
        if not missing:
            continue
        if flavor is None:
            flavor = c.compute.find_flavor('m1.tiny').id
            image = c.image.find_image('tiny-raw').id
        fields = dict(flavor_id=flavor, image_id=image, networks=[{'uuid': network_id}],
                      tags=[tag(entity)] if entity else [])
        if len(missing) == count > 1:
            c.compute.create_server(name=prefix, min_count=count, max_count=count, **fields)
        else:
            for name in missing:
                c.compute.create_server(name=name, **fields)
    wanted = {f'{p}-{i}' for p, count, _, _ in groups for i in range(1, count + 1)}
    servers = [s for s in c.compute.servers() if s.name in wanted]
    if sorted(s.name for s in servers) != sorted(wanted):
        sys.exit(f'seed: expected servers {sorted(wanted)}, '
                 f'found {sorted(s.name for s in servers)}')
    return servers


def wait_all_active(servers, attempts=300):
    """Polls the project's server list (one call a second) until every server is ACTIVE."""
    ids = {s.id for s in servers}
    for _ in range(attempts):
        status = {s.id: s.status for s in c.compute.servers() if s.id in ids}
        if any(v == 'ERROR' for v in status.values()):
            sys.exit(f'seed: servers in ERROR: {[i for i, v in status.items() if v == "ERROR"]}')
        if len(status) == len(ids) and all(v == 'ACTIVE' for v in status.values()):
            return
        time.sleep(1)
    sys.exit(f'seed: servers not ACTIVE after {attempts} polls: {status}')


def demo_connection():
    """A connection of the thread's own (keystoneauth sessions are not shared across threads)."""
    return openstack.connect(cloud='osl-demo')


def load_balancer(subnet_id):
    """payments-lb with its listener and pool, each step once the LB is ACTIVE again."""
    lc = demo_connection()
    lb = lc.load_balancer.find_load_balancer('payments-lb')
    if not lb:
        lb = lc.load_balancer.create_load_balancer(
            name='payments-lb', vip_subnet_id=subnet_id, tags=[tag('payments')])
        lc.load_balancer.wait_for_load_balancer(lb.id, status='ACTIVE', wait=300)
    listener = lc.load_balancer.find_listener('payments-https')
    if not listener:
        listener = lc.load_balancer.create_listener(
            name='payments-https', load_balancer_id=lb.id, protocol='TCP', protocol_port=443)
        lc.load_balancer.wait_for_load_balancer(lb.id, status='ACTIVE', wait=300)
    pool = lc.load_balancer.find_pool('payments-pool')
    if not pool:
        pool = lc.load_balancer.create_pool(
            name='payments-pool', listener_id=listener.id, protocol='TCP',
            lb_algorithm='ROUND_ROBIN')
        lc.load_balancer.wait_for_load_balancer(lb.id, status='ACTIVE', wait=300)
    return lb, pool


def volume():
    """payments-data, available (attached by the main thread once payments-web-1 is ACTIVE)."""
    vc = demo_connection()
    vol = vc.block_storage.find_volume('payments-data')
    if not vol:
        vol = vc.block_storage.create_volume(
            name='payments-data', size=1, metadata={'canopy.entity': 'component.default.payments'})
        vc.block_storage.wait_for_status(vol, status='available', wait=300)
    return vc.block_storage.get_volume(vol.id)


T0 = time.monotonic()


def phase(what):
    print(f'[seed {time.monotonic() - T0:5.1f}s] {what}', file=sys.stderr, flush=True)


KEY_PAIR = 'canopy-demo'
# Server names per group: prefix, count, entity (None: untagged).
SERVER_COUNTS = [('payments-web', 2, 'payments'), ('shop-web', 1, 'shop'),
                 ('batch', 5, 'batch'), ('untagged', 1, None)]
SERVER_NAMES = [f'{prefix}-{i}' for prefix, count, _ in SERVER_COUNTS
                for i in range(1, count + 1)]


def verify(summary):
    """Reads every resource back by its tag and names each difference from the plan."""
    problems = []

    def check(entity, kind, found):
        want = sorted(summary['entities'][entity].get(kind, []))
        if sorted(found) != want:
            problems.append(f'{entity} {kind}: expected {want}, found {sorted(found)}')

    # Each kind listed once (servers with their tags: microversion 2.26 and later).
    listed = list(c.compute.servers())
    lists = {
        'servers': [(s.name, s.tags) for s in listed],
        'networks': [(n.name, n.tags) for n in c.network.networks()],
        'subnets': [(n.name, n.tags) for n in c.network.subnets()],
        'routers': [(n.name, n.tags) for n in c.network.routers()],
        'securityGroups': [(n.name, n.tags) for n in c.network.security_groups()],
        'ports': [(n.name, n.tags) for n in c.network.ports()],
        'floatingIps': [(n.floating_ip_address, n.tags) for n in c.network.ips()],
        'volumes': [(v.name, [f"canopy.entity={(v.metadata or {}).get('canopy.entity')}"])
                    for v in c.block_storage.volumes()],
        'loadBalancers': [(lb.name, lb.tags) for lb in c.load_balancer.load_balancers()],
    }
    for entity in summary['entities']:
        t = tag(entity)
        for kind, items in lists.items():
            check(entity, kind, [name for name, tags in items if t in (tags or [])])
    members = [m.name for m in c.load_balancer.members(
        c.load_balancer.find_pool('payments-pool').id)]
    if members != ['payments-web-1']:
        problems.append(f'payments-pool members: expected [payments-web-1], found {members}')
    if not c.compute.find_keypair(KEY_PAIR):
        problems.append(f'key pair {KEY_PAIR} is missing')
    active = {s.name: s.status for s in listed}
    problems += [f'server {n} is {active.get(n)}, not ACTIVE' for n in SERVER_NAMES
                 if active.get(n) != 'ACTIVE']
    if problems:
        sys.exit('seed: the test bed differs from what seed.py created:\n  '
                 + '\n  '.join(problems))


if sys.argv[1:] == ['--check']:
    # The test bed is up: read back what seed.json (on stdin) says is there, and give
    # the organisation in Keystone again (a test may have changed a membership).
    verify(json.load(sys.stdin))
    seed_org(openstack.connect(cloud='osl-admin'), STATE)
    phase('checked')
    sys.exit(0)

workers = ThreadPoolExecutor(max_workers=3)
team_b_job = workers.submit(seed_team_b, openstack.connect(cloud='osl-admin'), STATE)

demo_net = c.network.find_network('demo-net')
payments = network_stack('payments', '10.20.0.0/24', router=True)
lb_job = workers.submit(load_balancer, payments['subnet'].id)
volume_job = workers.submit(volume)
shop = network_stack('shop', '10.21.0.0/24')
phase('networks')

# payments and shop boot on their own networks, the others on demo-net.
ENTITY_NETWORKS = {'payments': payments['network'].id, 'shop': shop['network'].id}
SERVER_GROUPS = [(prefix, count, entity, ENTITY_NETWORKS.get(entity, demo_net.id))
                 for prefix, count, entity in SERVER_COUNTS]
SERVERS = {f'{prefix}-{i}': (entity, net) for prefix, count, entity, net in SERVER_GROUPS
           for i in range(1, count + 1)}
servers = boot_servers(SERVER_GROUPS)
phase('servers requested')

sg = c.network.find_security_group('payments-sg') or c.network.create_security_group(
    name='payments-sg', description='payments web')
if not any(r['port_range_min'] == 443 for r in sg.security_group_rules or []):
    c.network.create_security_group_rule(
        security_group_id=sg.id, direction='ingress', ethertype='IPv4', protocol='tcp',
        port_range_min=443, port_range_max=443, remote_ip_prefix='0.0.0.0/0')
c.network.set_tags(sg, [tag('payments')])

# An untagged security group whose name is not ASCII: the catalog's entity
# provider must keep it exactly as its title.
UNICODE_NAME = 'Prüfgruppe – données 日本'
if not c.network.find_security_group(UNICODE_NAME):
    c.network.create_security_group(name=UNICODE_NAME, description='unicode name')

port = c.network.find_port('payments-port') or c.network.create_port(
    name='payments-port', network_id=payments['network'].id)
c.network.set_tags(port, [tag('payments')])

if not c.compute.find_keypair(KEY_PAIR):
    # A fresh public key: Nova checks its format, nothing uses the private half.
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519
    public_key = ed25519.Ed25519PrivateKey.generate().public_key().public_bytes(
        serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode()
    c.compute.create_keypair(name=KEY_PAIR, public_key=public_key)

wait_all_active(servers)
listed_tags = {s.id: s.tags or [] for s in c.compute.servers()}
for s in servers:
    entity = SERVERS[s.name][0]
    if entity and listed_tags.get(s.id) != [tag(entity)]:
        ensure_server_tags(c, s, [tag(entity)])
phase('servers ACTIVE and tagged')

web1 = c.compute.find_server('payments-web-1')
web1_port = next(c.network.ports(device_id=web1.id))
pub = c.network.find_network('public')
fips = [f for f in c.network.ips(port_id=web1_port.id)]
fip = fips[0] if fips else c.network.create_ip(floating_network_id=pub.id, port_id=web1_port.id)
c.network.set_tags(fip, [tag('payments')])

vol = volume_job.result()
if vol.status != 'in-use':
    c.compute.create_volume_attachment(web1, volume_id=vol.id)
    c.block_storage.wait_for_status(vol, status='in-use', wait=300)
phase('volume attached')

lb, pool = lb_job.result()
web1_ip = web1_port.fixed_ips[0]['ip_address']
if not list(c.load_balancer.members(pool.id)):
    c.load_balancer.create_member(
        pool.id, name='payments-web-1', address=web1_ip, protocol_port=443,
        subnet_id=payments['subnet'].id)
    c.load_balancer.wait_for_load_balancer(lb.id, status='ACTIVE', wait=300)
phase('load balancer ACTIVE with its member')


team_b = team_b_job.result()
phase('team B')
# After team B: both write clouds.yaml, and the org gives team-b's group a role there.
org = seed_org(openstack.connect(cloud='osl-admin'), STATE)
phase('teams in Keystone')
summary = {
    'project': c.current_project_id,
    'teamB': team_b,
    'org': org,
    'keyPairs': [KEY_PAIR],
    'unicodeName': UNICODE_NAME,
    'entities': {
        'payments': {
            'servers': sorted(['payments-web-1', 'payments-web-2']),
            'networks': ['payments-net'], 'subnets': ['payments-subnet'],
            'routers': ['payments-router'], 'securityGroups': ['payments-sg'],
            'ports': ['payments-port'], 'floatingIps': [fip.floating_ip_address],
            'volumes': ['payments-data'], 'loadBalancers': ['payments-lb'],
        },
        'shop': {'servers': ['shop-web-1'], 'networks': ['shop-net'], 'subnets': ['shop-subnet']},
        'batch': {'servers': sorted(f'batch-{i}' for i in range(1, 6))},
    },
}
verify(summary)
phase('verified')
json.dump(summary, sys.stdout, indent=2)
print()
