"""clouds.yaml for the test bed's own users: whether a cloud entry still
authenticates, and each user's password reset or created (seed.py's helpers,
shared by org.py and team_b.py)."""

import os
import secrets

import openstack
import yaml


def read_clouds(clouds_file):
    with open(clouds_file) as f:
        return yaml.safe_load(f)


def still_works(clouds, cloud):
    """Whether `cloud` is in clouds.yaml and its credential still gets a token."""
    if cloud not in clouds['clouds']:
        return False
    try:
        openstack.connect(cloud=cloud).authorize()
        return True
    except Exception:  # noqa: BLE001 - any failure means: make a new credential
        return False


def user_with_new_password(admin, name, **create):
    """The user `name` of the domain Default with a new random password (created
    with `create`'s attributes if missing); returns (user, password)."""
    password = secrets.token_urlsafe(24)
    user = admin.identity.find_user(name, domain_id='default')
    if user:
        admin.identity.update_user(user, password=password)
    else:
        user = admin.identity.create_user(
            name=name, password=password, domain_id='default', **create)
    return user, password


def write_cloud(clouds_file, clouds, cloud, entry):
    """Adds or replaces `cloud` in clouds.yaml, readable by its owner only."""
    clouds['clouds'][cloud] = entry
    tmp = f'{clouds_file}.tmp'
    with open(tmp, 'w') as f:
        yaml.safe_dump(clouds, f)
    os.chmod(tmp, 0o600)
    os.replace(tmp, clouds_file)
