"""Team B of the test bed: its own project, identity and application credential.

Called by seed.py. Idempotent. As admin it makes the project `team-b` (with a lower
instance quota than demo's), a user `team-b-bot` with the member roles there, and, as
that user, an application credential `canopy-team-b` scoped to the project. The
credential goes into the test bed's clouds.yaml as cloud `osl-team-b` (in the state
folder, never in the repository), which is how Canopy's configuration reaches it.
With it, team B's resources are made and tagged for the entity component:default/orders:
a network and subnet, a server, a volume, and a key pair of team-b-bot.
"""
import os
import sys
import time

import openstack

from clouds import read_clouds, still_works, user_with_new_password, write_cloud

PROJECT = 'team-b'
USER = 'team-b-bot'
CREDENTIAL = 'canopy-team-b'
CLOUD = 'osl-team-b'
INSTANCE_QUOTA = 4
KEY_PAIR = 'team-b-key'


def tag(entity):
    return f'canopy.entity=component.default.{entity}'


def server_tags(conn, server_id):
    """A server's tags (compute microversion 2.26 or later)."""
    return conn.compute.get(f'/servers/{server_id}/tags', microversion='2.26').json()['tags']


def ensure_server_tags(conn, s, want, attempts=5):
    """Tags an ACTIVE server that lacks `want`, and reads it back (Nova may drop tags)."""
    for _ in range(attempts):
        if server_tags(conn, s.id) == want:
            return
        conn.compute.put(f'/servers/{s.id}/tags', json={'tags': want}, microversion='2.26')
        time.sleep(2)
    sys.exit(f'seed: server {s.name} ({s.id}) does not keep its tags {want}: '
             f'Nova reports {server_tags(conn, s.id)}')


def _identity(admin, clouds_file):
    project = admin.identity.find_project(PROJECT) or admin.identity.create_project(
        name=PROJECT, domain_id='default', description='Canopy test bed: team B')
    admin.set_compute_quotas(project.id, instances=INSTANCE_QUOTA, cores=INSTANCE_QUOTA)
    clouds = read_clouds(clouds_file)
    if still_works(clouds, CLOUD):
        return project  # the credential of an earlier run still authenticates
    user, password = user_with_new_password(admin, USER, default_project_id=project.id)
    for role in ('member', 'load-balancer_member'):
        admin.identity.assign_project_role_to_user(
            project, user, admin.identity.find_role(role))

    auth_url = clouds['clouds']['osl-demo']['auth']['auth_url']
    as_user = openstack.connect(
        auth_url=auth_url, username=USER, password=password, project_name=PROJECT,
        user_domain_name='Default', project_domain_name='Default',
        region_name=clouds['clouds']['osl-demo'].get('region_name'))
    for old in as_user.identity.application_credentials(user=as_user.current_user_id):
        if old.name == CREDENTIAL:
            as_user.identity.delete_application_credential(as_user.current_user_id, old.id)
    cred = as_user.identity.create_application_credential(
        as_user.current_user_id, name=CREDENTIAL,
        description="Canopy's credential for team B's project")
    write_cloud(clouds_file, clouds, CLOUD, {
        'auth_type': 'v3applicationcredential',
        'auth': {'auth_url': auth_url, 'application_credential_id': cred.id,
                 'application_credential_secret': cred.secret},
        **({'region_name': clouds['clouds']['osl-demo']['region_name']}
           if clouds['clouds']['osl-demo'].get('region_name') else {}),
    })
    return project


def _resources(b):
    net = b.network.find_network('orders-net') or b.network.create_network(name='orders-net')
    sub = b.network.find_subnet('orders-subnet') or b.network.create_subnet(
        name='orders-subnet', network_id=net.id, ip_version=4, cidr='10.30.0.0/24')
    for r in (net, sub):
        b.network.set_tags(r, [tag('orders')])
    want = [tag('orders')]
    s = b.compute.find_server('orders-web-1')
    if not s:
        # Tagged in the create request (microversion 2.52+): Nova may drop tags PUT in BUILD.
        s = b.compute.create_server(
            name='orders-web-1', flavor_id=b.compute.find_flavor('m1.tiny').id,
            image_id=b.image.find_image('tiny-raw').id, networks=[{'uuid': net.id}],
            tags=want)
    vol = b.block_storage.find_volume('orders-data')
    if not vol:
        vol = b.block_storage.create_volume(
            name='orders-data', size=1, metadata={'canopy.entity': 'component.default.orders'})
    b.compute.wait_for_server(b.compute.get_server(s.id), status='ACTIVE', wait=300)
    ensure_server_tags(b, s, want)
    b.block_storage.wait_for_status(vol, status='available', wait=300)
    if not b.compute.find_keypair(KEY_PAIR):
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import ed25519
        public_key = ed25519.Ed25519PrivateKey.generate().public_key().public_bytes(
            serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode()
        b.compute.create_keypair(name=KEY_PAIR, public_key=public_key)


def seed_team_b(admin, state):
    """Seeds team B; returns its part of seed.json."""
    clouds_file = os.path.join(state, 'clouds.yaml')
    project = _identity(admin, clouds_file)
    b = openstack.connect(cloud=CLOUD)
    _resources(b)
    servers = sorted(s.name for s in b.compute.servers()
                     if tag('orders') in server_tags(b, s.id))
    if servers != ['orders-web-1']:
        sys.exit(f'seed: team-b servers tagged for orders: {servers}')
    return {
        'project': project.id,
        'projectName': PROJECT,
        'cloud': CLOUD,
        'instanceQuota': INSTANCE_QUOTA,
        'keyPairs': [KEY_PAIR],
        'entities': {
            'orders': {
                'servers': ['orders-web-1'], 'networks': ['orders-net'],
                'subnets': ['orders-subnet'], 'volumes': ['orders-data'],
            },
        },
    }
