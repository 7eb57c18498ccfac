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

from clouds import read_clouds, still_works, user_with_new_password, write_cloud

READER = 'canopy-reader'
CLOUD = 'osl-reader'
TEAMS = {  # group: (project it owns, members)
    'team-a': ('demo', ['guest', 'alice']),
    'team-b': ('team-b', ['bob']),
}


def _reader(admin, clouds_file):
    clouds = read_clouds(clouds_file)
    if still_works(clouds, CLOUD):
        return
    user, password = user_with_new_password(
        admin, READER, description="Canopy's identity reader: reader on the domain Default")
    admin.identity.assign_domain_role_to_user(
        'default', user, admin.identity.find_role('reader'))
    write_cloud(clouds_file, clouds, CLOUD, {
        'auth': {
            'auth_url': clouds['clouds']['osl-demo']['auth']['auth_url'],
            'username': READER, 'password': password,
            'user_domain_name': 'Default', 'domain_name': 'Default',
        },
        'identity_api_version': 3,
    })


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
