"""The test bed's organisation in Keystone: teams as groups, who is in them, who owns what.

Called by seed.py, after team_b.py made the project team-b. Idempotent. As admin it makes:
- groups team-a and team-b, with the role `member` in the projects demo and team-b: the
  portal's test-bed config takes each project's owners from these role assignments
  (owners: { fromKeystone: { roles: [member] } });
- users guest (the portal's guest sign-in) and alice in team-a, bob in team-b; they have no
  password: the portal signs them in, Keystone only says which team they are in;
- the identity reader canopy-reader: the role `reader` on the domain Default, nothing
  else. Its password goes into the state folder's clouds.yaml as cloud `osl-reader`
  (never into the repository); Canopy's Keystone org provider and project owners read
  groups, users and role assignments with it.
"""
import os
import secrets

import openstack
import yaml

READER = 'canopy-reader'
CLOUD = 'osl-reader'
TEAMS = {  # group: (project it owns, members)
    'team-a': ('demo', ['guest', 'alice']),
    'team-b': ('team-b', ['bob']),
}


def _reader_works():
    try:
        openstack.connect(cloud=CLOUD).authorize()
        return True
    except Exception:  # noqa: BLE001 - any failure means: set a new password
        return False


def _reader(admin, clouds_file):
    with open(clouds_file) as f:
        clouds = yaml.safe_load(f)
    if CLOUD in clouds['clouds'] and _reader_works():
        return
    password = secrets.token_urlsafe(24)
    user = admin.identity.find_user(READER, domain_id='default')
    if user:
        admin.identity.update_user(user, password=password)
    else:
        user = admin.identity.create_user(
            name=READER, password=password, domain_id='default',
            description="Canopy's identity reader: reader on the domain Default")
    admin.identity.assign_domain_role_to_user(
        'default', user, admin.identity.find_role('reader'))
    clouds['clouds'][CLOUD] = {
        'auth': {
            'auth_url': clouds['clouds']['osl-demo']['auth']['auth_url'],
            'username': READER, 'password': password,
            'user_domain_name': 'Default', 'domain_name': 'Default',
        },
        'identity_api_version': 3,
    }
    tmp = f'{clouds_file}.tmp'
    with open(tmp, 'w') as f:
        yaml.safe_dump(clouds, f)
    os.chmod(tmp, 0o600)
    os.replace(tmp, clouds_file)


def seed_org(admin, state):
    """Seeds the groups, users and role assignments; returns its part of seed.json."""
    member = admin.identity.find_role('member')
    for name, (project_name, members) in TEAMS.items():
        group = admin.identity.find_group(name, domain_id='default') or \
            admin.identity.create_group(name=name, domain_id='default',
                                        description=f'Test bed: owns the project {project_name}')
        project = admin.identity.find_project(project_name, domain_id='default')
        admin.identity.assign_project_role_to_group(project, group, member)
        for user_name in members:
            user = admin.identity.find_user(user_name, domain_id='default') or \
                admin.identity.create_user(name=user_name, domain_id='default',
                                           email=f'{user_name}@canopy.test')
            admin.identity.add_user_to_group(user, group)
    _reader(admin, os.path.join(state, 'clouds.yaml'))
    return {'cloud': CLOUD, 'teams': {k: {'project': v[0], 'members': v[1]}
                                      for k, v in TEAMS.items()}}
