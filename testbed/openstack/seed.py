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
Nine servers in all; the demo project's instance quota is set to 12 (as admin), so 3 are
left: a 2-node cluster fits, 4 servers do not (the template and quota-preflight tests).

Nothing is taken on trust: Nova (Zed, fake driver) drops server tags that are PUT while
the server is still in BUILD on a busy machine, so servers are tagged once ACTIVE and
their tags read back; and before printing its summary the script reads every tagged
resource back from the APIs and exits non-zero, naming each difference, when what is
there differs from what it meant to create.
"""
import json
import os
import sys
import time

import openstack

from team_b import seed_team_b

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


def server(name, network_id):
    s = c.compute.find_server(name)
    if not s:
        s = c.compute.create_server(
            name=name,
            flavor_id=c.compute.find_flavor('m1.tiny').id,
            image_id=c.image.find_image('tiny-raw').id,
            networks=[{'uuid': network_id}])
    return s


def server_tags(server_id):
    # Server tags need compute microversion 2.26 or later.
    return c.compute.get(f'/servers/{server_id}/tags', microversion='2.26').json()['tags']


def tag_server(s, entity, attempts=5):
    """Puts the entity tag on an ACTIVE server and reads it back (Nova may drop tags)."""
    want = [tag(entity)]
    for _ in range(attempts):
        c.compute.put(f'/servers/{s.id}/tags', json={'tags': want}, microversion='2.26')
        if server_tags(s.id) == want:
            return
        time.sleep(2)
    sys.exit(f'seed: server {s.name} ({s.id}) does not keep its tag {want}: '
             f'Nova reports {server_tags(s.id)}')


def wait_active(servers):
    for s in servers:
        c.compute.wait_for_server(c.compute.get_server(s.id), status='ACTIVE', wait=300)


demo_net = c.network.find_network('demo-net')
payments = network_stack('payments', '10.20.0.0/24', router=True)
shop = network_stack('shop', '10.21.0.0/24')

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

SERVERS = {f'payments-web-{i}': ('payments', payments['network'].id) for i in (1, 2)}
SERVERS['shop-web-1'] = ('shop', shop['network'].id)
SERVERS.update({f'batch-{i}': ('batch', demo_net.id) for i in range(1, 6)})
SERVERS['untagged-1'] = (None, demo_net.id)
servers = [server(name, net) for name, (_, net) in SERVERS.items()]
wait_active(servers)
for s in servers:
    entity = SERVERS[s.name][0]
    if entity:
        tag_server(s, entity)

web1 = c.compute.find_server('payments-web-1')
web1_port = next(c.network.ports(device_id=web1.id))
pub = c.network.find_network('public')
fips = [f for f in c.network.ips(port_id=web1_port.id)]
fip = fips[0] if fips else c.network.create_ip(floating_network_id=pub.id, port_id=web1_port.id)
c.network.set_tags(fip, [tag('payments')])

vol = c.block_storage.find_volume('payments-data')
if not vol:
    vol = c.block_storage.create_volume(
        name='payments-data', size=1, metadata={'canopy.entity': 'component.default.payments'})
    c.block_storage.wait_for_status(vol, status='available', wait=120)
    c.compute.create_volume_attachment(web1, volume_id=vol.id)
    c.block_storage.wait_for_status(vol, status='in-use', wait=120)

lb = c.load_balancer.find_load_balancer('payments-lb')
if not lb:
    lb = c.load_balancer.create_load_balancer(
        name='payments-lb', vip_subnet_id=payments['subnet'].id, tags=[tag('payments')])
    c.load_balancer.wait_for_load_balancer(lb.id, status='ACTIVE', wait=180)
    listener = c.load_balancer.create_listener(
        name='payments-https', load_balancer_id=lb.id, protocol='TCP', protocol_port=443)
    c.load_balancer.wait_for_load_balancer(lb.id, status='ACTIVE', wait=180)
    c.load_balancer.create_pool(
        name='payments-pool', listener_id=listener.id, protocol='TCP', lb_algorithm='ROUND_ROBIN')
    c.load_balancer.wait_for_load_balancer(lb.id, status='ACTIVE', wait=180)

pool = c.load_balancer.find_pool('payments-pool')
web1_ip = web1_port.fixed_ips[0]['ip_address']
if not list(c.load_balancer.members(pool.id)):
    c.load_balancer.create_member(
        pool.id, name='payments-web-1', address=web1_ip, protocol_port=443,
        subnet_id=payments['subnet'].id)
    c.load_balancer.wait_for_load_balancer(lb.id, status='ACTIVE', wait=180)

KEY_PAIR = 'canopy-demo'
if not c.compute.find_keypair(KEY_PAIR):
    # A fresh public key: Nova checks its format, nothing uses the private half.
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519
    public_key = ed25519.Ed25519PrivateKey.generate().public_key().public_bytes(
        serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode()
    c.compute.create_keypair(name=KEY_PAIR, public_key=public_key)


def verify(summary):
    """Reads every resource back by its tag and names each difference from the plan."""
    problems = []

    def check(entity, kind, found):
        want = sorted(summary['entities'][entity].get(kind, []))
        if sorted(found) != want:
            problems.append(f'{entity} {kind}: expected {want}, found {sorted(found)}')

    for entity in summary['entities']:
        t = tag(entity)
        check(entity, 'servers', [s.name for s in c.compute.servers()
                                  if t in server_tags(s.id)])
        check(entity, 'networks', [n.name for n in c.network.networks(tags=t)])
        check(entity, 'subnets', [n.name for n in c.network.subnets(tags=t)])
        check(entity, 'routers', [n.name for n in c.network.routers(tags=t)])
        check(entity, 'securityGroups', [n.name for n in c.network.security_groups(tags=t)])
        check(entity, 'ports', [n.name for n in c.network.ports(tags=t)])
        check(entity, 'floatingIps', [n.floating_ip_address for n in c.network.ips(tags=t)])
        check(entity, 'volumes', [v.name for v in c.block_storage.volumes()
                                  if (v.metadata or {}).get('canopy.entity') == t.split('=', 1)[1]])
        check(entity, 'loadBalancers', [lb.name for lb in c.load_balancer.load_balancers()
                                        if t in (lb.tags or [])])
    members = [m.name for m in c.load_balancer.members(
        c.load_balancer.find_pool('payments-pool').id)]
    if members != ['payments-web-1']:
        problems.append(f'payments-pool members: expected [payments-web-1], found {members}')
    if not c.compute.find_keypair(KEY_PAIR):
        problems.append(f'key pair {KEY_PAIR} is missing')
    active = {s.name: s.status for s in c.compute.servers()}
    problems += [f'server {n} is {active.get(n)}, not ACTIVE' for n in SERVERS
                 if active.get(n) != 'ACTIVE']
    if problems:
        sys.exit('seed: the test bed differs from what seed.py created:\n  '
                 + '\n  '.join(problems))


team_b = seed_team_b(admin, STATE)
summary = {
    'project': c.current_project_id,
    'teamB': team_b,
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
json.dump(summary, sys.stdout, indent=2)
print()
