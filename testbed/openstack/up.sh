#!/usr/bin/env bash
# Canopy's OpenStack test bed: a real OpenStack (Debian bookworm, Zed) control plane on
# 127.0.0.1 for the OpenStack backend plugin's integration tests and benchmark.
# No VMs, no agents, no Docker, no systemd. Idempotent: re-running it only starts what is
# not running and re-applies config / db migrations / catalog entries.
#
#   Keystone  :5000   (uwsgi)         Glance  :9292 (file store)
#   Placement :8778   (uwsgi)         Nova    :8774 (api+conductor+scheduler+compute/fake driver)
#   Neutron   :9696   (ML2 + L3 router plugin, no agents; a small "osl_loopback" ML2 mech
#                      driver written by this script binds every port, so Nova can boot)
#   Cinder    :8776   (api+scheduler+volume, cinder.tests.fake_driver.FakeLoggingVolumeDriver)
#   Octavia   :9876   (api+worker, amphora provider with noop amphora/compute/network drivers)
#                      [OSL_OCTAVIA=0 to skip]
# What it cannot do: no data plane (nothing is routed, servers never really boot), no resize,
# Octavia operating_status stays OFFLINE.
#
# Must run as root on Debian/Ubuntu with Debian's OpenStack packages available.
# Companion scripts: down.sh [--purge], seed.py (Canopy's tagged test resources).
#
# Env knobs: OSL_STATE (state dir, default <repo>/.testbed/openstack), OSL_PASSWORD (default
#            "secret"), OSL_TOKEN_EXPIRATION (Keystone token lifetime in seconds, default 3600;
#            the integration tests use a short one to exercise re-authentication),
#            OSL_SEED=0 to skip creating the baseline flavor/image/networks,
#            OSL_SKIP_INSTALL=1 to skip apt-get.
# Uses an already-running MariaDB on 127.0.0.1:3306 (root, empty password) and RabbitMQ on
# 127.0.0.1:5672 (guest/guest) if they answer; otherwise starts private ones under $OSL_STATE.
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin   # no pyenv shims: Debian's python3 only
export LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive
T0=$(date +%s)
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
STATE=${OSL_STATE:-$(cd "$HERE/../.." && pwd)/.testbed/openstack}
ETC=$STATE/etc; LOG=$STATE/log; RUN=$STATE/run; LIB=$STATE/lib
PW=${OSL_PASSWORD:-secret}
DBUSER=osl; DBPASS=$PW
H=127.0.0.1
KS=http://$H:5000
PY=/usr/bin/python3
REGION=RegionOne
OCTAVIA=${OSL_OCTAVIA:-1}
say() { printf '[up %4ss] %s\n' "$(( $(date +%s) - T0 ))" "$*"; }

# ---------------------------------------------------------------- 1. packages
[ "$(id -u)" = 0 ] || { echo "up.sh must run as root" >&2; exit 1; }
_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# servers only if none is already listening (CI may provide MariaDB / RabbitMQ)
if _open 3306; then DBPKG=mariadb-client; else DBPKG=mariadb-server; fi
if _open 5672; then MQPKG=; else MQPKG=rabbitmq-server; fi
PKGS="$DBPKG $MQPKG python3-openstackclient python3-octaviaclient python3-osc-placement
 uwsgi-core uwsgi-plugin-python3 keystone glance-common glance-api placement-common placement-api
 nova-common nova-api neutron-common cinder-common octavia-common octavia-api curl iproute2 openssl
 cloudkitty-api cloudkitty-processor"
if [ "${OSL_SKIP_INSTALL:-0}" != 1 ]; then
  missing=$(dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' $PKGS 2>/dev/null | awk '$1!="ii"{print $2}' || true)
  for p in $PKGS; do dpkg-query -W -f='${Package}\n' "$p" >/dev/null 2>&1 || missing="$missing $p"; done
  if [ -n "$(echo $missing)" ]; then
    say "apt-get install (missing:$(echo $missing | tr '\n' ' '))"
    # never let maintainer scripts start daemons (no systemd here anyway)
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d
      trap 'rm -f /usr/sbin/policy-rc.d' EXIT
    fi
    apt-get update -q
    # --force-unsafe-io: no fsync per unpacked file (a throw-away test bed; much faster on slow disks)
    apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-confold \
      -o Dpkg::Options::=--force-unsafe-io $PKGS
    [ -n "$(trap -p EXIT)" ] && { rm -f /usr/sbin/policy-rc.d; trap - EXIT; }
    say "packages installed"
  fi
fi
mkdir -p "$ETC" "$LOG" "$RUN" "$LIB"
chmod 755 "$STATE"

# ---------------------------------------------------------------- helpers
alive() { [ -s "$RUN/$1.pid" ] && kill -0 "$(cat "$RUN/$1.pid")" 2>/dev/null; }
# start NAME CMD... : own session/process group, so down.sh can kill the group by saved PID
start() {
  local n=$1; shift
  if alive "$n"; then say "$n already running (pid $(cat "$RUN/$n.pid"))"; return 0; fi
  setsid "$@" >>"$LOG/$n.log" 2>&1 </dev/null &
  echo $! >"$RUN/$n.pid"
  say "started $n (pid $!)"
}
port_open() { (exec 3<>"/dev/tcp/$H/$1") 2>/dev/null; }
# in_background NAME FUNCTION: a service's database migration and start, beside the others'
# (they touch separate databases and need only MariaDB and Keystone); joined before the
# API waits, failing with the service's name.
JOBS=()
in_background() { "$2" & JOBS+=("$!:$1"); }
join_background() {
  local j; for j in "${JOBS[@]}"; do
    wait "${j%%:*}" || { say "${j#*:}: database migration or start failed; see $LOG/${j#*:}*.log"; exit 1; }
  done; JOBS=()
}
wait_port() { # name port [timeout]
  local i; for i in $(seq 1 "${3:-180}"); do port_open "$2" && return 0
    if [ -s "$RUN/$1.pid" ] && ! kill -0 "$(cat "$RUN/$1.pid")" 2>/dev/null; then say "$1 died; tail of $LOG/$1.log:"; tail -30 "$LOG/$1.log"; return 1; fi
    sleep 1; done; say "timeout waiting for $1 on :$2"; tail -30 "$LOG/$1.log"; return 1; }
wait_http() { # name url [timeout]  (any HTTP answer counts)
  local i; for i in $(seq 1 "${3:-180}"); do
    curl -s -o /dev/null -m 5 "$2" && return 0
    if [ -s "$RUN/$1.pid" ] && ! kill -0 "$(cat "$RUN/$1.pid")" 2>/dev/null; then say "$1 died; tail of $LOG/$1.log:"; tail -30 "$LOG/$1.log"; return 1; fi
    sleep 1; done; say "timeout waiting for $1 at $2"; tail -30 "$LOG/$1.log"; return 1; }
# launchers for daemons whose Debian binary packages we skip (they would pull qemu/libvirt/lvm2/iscsi)
mkdir -p "$LIB/bin"
for m in nova.cmd.conductor nova.cmd.scheduler nova.cmd.compute cinder.cmd.api cinder.cmd.scheduler cinder.cmd.volume; do
  n=$(echo "$m" | sed 's/\.cmd\./-/')
  printf '#!/usr/bin/python3\nimport sys\nfrom %s import main\nsys.exit(main())\n' "$m" >"$LIB/bin/$n"; chmod +x "$LIB/bin/$n"
done

# ---------------------------------------------------------------- 2. MariaDB
if port_open 3306 && ! alive mariadb; then
  say "using existing MariaDB on $H:3306"
  if mysql -h$H -uroot -e 'select 1' >/dev/null 2>&1; then DBROOT=(mysql -h$H -uroot)
  else DBROOT=(mysql -uroot); fi   # Debian default: root via unix socket
else
  if [ ! -d "$STATE/mysql/mysql" ]; then
    say "initialising private MariaDB datadir"
    mkdir -p "$STATE/mysql"; chown mysql:mysql "$STATE/mysql"
    mariadb-install-db --no-defaults --datadir="$STATE/mysql" --user=mysql --skip-test-db \
      --auth-root-authentication-method=socket >"$LOG/mariadb-install.log" 2>&1
  fi
  mkdir -p "$RUN/mysqld"; chown mysql:mysql "$RUN/mysqld"
  start mariadb /usr/sbin/mariadbd --no-defaults --datadir="$STATE/mysql" --user=mysql \
    --bind-address=$H --port=3306 --socket="$RUN/mysqld/mysqld.sock" --pid-file="$RUN/mysqld/mysqld.pid" \
    --skip-name-resolve --max-connections=1000 --innodb-buffer-pool-size=128M --innodb-flush-log-at-trx-commit=2 \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci
  wait_port mariadb 3306 60
  DBROOT=(mysql --socket="$RUN/mysqld/mysqld.sock" -uroot)
fi
DBS="keystone glance placement nova_api nova nova_cell0 neutron cinder octavia cloudkitty"
# Databases this state folder did not create (a shared MariaDB that kept an
# earlier, removed or interrupted test bed's) would make db_sync fail
# half-way: start them anew.
if [ ! -f "$STATE/databases.created" ]; then
  for d in $DBS; do echo "DROP DATABASE IF EXISTS $d;"; done | "${DBROOT[@]}"
fi
{
  for d in $DBS; do echo "CREATE DATABASE IF NOT EXISTS $d CHARACTER SET utf8mb4;"; done
  for h in localhost 127.0.0.1; do
    echo "CREATE USER IF NOT EXISTS '$DBUSER'@'$h' IDENTIFIED BY '$DBPASS';"
    for d in $DBS; do echo "GRANT ALL PRIVILEGES ON $d.* TO '$DBUSER'@'$h';"; done
  done
} | "${DBROOT[@]}"
touch "$STATE/databases.created"
db() { echo "mysql+pymysql://$DBUSER:$DBPASS@$H/$1?charset=utf8"; }

# ---------------------------------------------------------------- 3. RabbitMQ
RMQ_ENV=(env HOME="$STATE/rabbitmq" RABBITMQ_NODENAME=osl@localhost RABBITMQ_NODE_IP_ADDRESS=$H
  RABBITMQ_NODE_PORT=5672 RABBITMQ_DIST_PORT=25672 ERL_EPMD_ADDRESS=$H
  RABBITMQ_MNESIA_BASE="$STATE/rabbitmq/mnesia" RABBITMQ_LOG_BASE="$LOG/rabbitmq"
  RABBITMQ_CONFIG_FILE="$ETC/rabbitmq/rabbitmq.conf" RABBITMQ_ENABLED_PLUGINS_FILE="$ETC/rabbitmq/enabled_plugins"
  RABBITMQ_ADVANCED_CONFIG_FILE="$ETC/rabbitmq/advanced.config"
  RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}")
if port_open 5672 && ! alive rabbitmq; then
  say "using existing RabbitMQ on $H:5672"
else
  mkdir -p "$ETC/rabbitmq" "$STATE/rabbitmq" "$LOG/rabbitmq"
  cat >"$ETC/rabbitmq/rabbitmq.conf" <<EOF
listeners.tcp.default = $H:5672
loopback_users.guest = true
vm_memory_high_watermark.absolute = 1GB
disk_free_limit.absolute = 50MB
EOF
  echo '[].' >"$ETC/rabbitmq/enabled_plugins"; echo '[].' >"$ETC/rabbitmq/advanced.config"
  epmd_before=$(ss -ltnpH "sport = :4369" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 || true)
  start rabbitmq "${RMQ_ENV[@]}" /usr/lib/rabbitmq/bin/rabbitmq-server
  wait_port rabbitmq 5672 120
  if [ -z "$epmd_before" ] && [ ! -s "$RUN/epmd.pid" ]; then  # epmd daemonises itself: remember it for down.sh
    ss -ltnpH "sport = :4369" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 >"$RUN/epmd.pid" || true
  fi
fi
RMQ="rabbit://guest:guest@$H:5672/"

# ---------------------------------------------------------------- 4. common config snippets
authtoken() { # $1 = service user
  cat <<EOF
[keystone_authtoken]
www_authenticate_uri = $KS
auth_url = $KS
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = $1
password = $PW
region_name = $REGION
service_token_roles_required = true
EOF
}
dbauth() { # $1 = service: its [database] (database named after it) and [keystone_authtoken] (its user)
  cat <<EOF
[database]
connection = $(db "$1")
$DBPOOL
$(authtoken "$1")
EOF
}
rpc_host() { # $1 = the host name its daemons register under: [DEFAULT] with it, my_ip, the queue
  printf '[DEFAULT]\nhost = %s\nmy_ip = %s\ntransport_url = %s\n' "$1" "$H" "$RMQ"
}
locks() { printf '[oslo_concurrency]\nlock_path = %s\n' "$LIB/lock"; }
no_notifications() { printf '[oslo_messaging_notifications]\ndriver = noop\n'; }
ksauth() { # section user
  cat <<EOF
[$1]
auth_url = $KS
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = $2
password = $PW
region_name = $REGION
EOF
}
DBPOOL=$'max_pool_size = 5\nmax_overflow = 10'

# ---------------------------------------------------------------- 5. Keystone
mkdir -p "$ETC/keystone" "$LIB/keystone"
cat >"$ETC/keystone/keystone.conf" <<EOF
[DEFAULT]
use_stderr = true
[database]
connection = $(db keystone)
$DBPOOL
[token]
provider = fernet
expiration = ${OSL_TOKEN_EXPIRATION:-3600}
# services validate user tokens that expired during a long operation with their service token
allow_expired_window = 172800
[fernet_tokens]
key_repository = $LIB/keystone/fernet-keys
[fernet_receipts]
key_repository = $LIB/keystone/fernet-keys
[credential]
key_repository = $LIB/keystone/credential-keys
[cache]
# in-process cache: without it every token validation costs ~500 SQL queries (~0.4 s on 2 cores)
enabled = true
backend = oslo_cache.dict
expiration_time = 600
[identity]
# cheap bcrypt for throw-away test users (default 12 rounds = ~0.25 s per password check)
password_hash_rounds = 4
EOF
KSM=(keystone-manage --config-file "$ETC/keystone/keystone.conf")
say "keystone db_sync"
"${KSM[@]}" db_sync >>"$LOG/keystone-manage.log" 2>&1
[ -e "$LIB/keystone/fernet-keys/0" ] || "${KSM[@]}" fernet_setup --keystone-user root --keystone-group root >>"$LOG/keystone-manage.log" 2>&1
[ -e "$LIB/keystone/credential-keys/0" ] || "${KSM[@]}" credential_setup --keystone-user root --keystone-group root >>"$LOG/keystone-manage.log" 2>&1
"${KSM[@]}" bootstrap --bootstrap-password "$PW" --bootstrap-username admin --bootstrap-project-name admin \
  --bootstrap-role-name admin --bootstrap-service-name keystone --bootstrap-region-id $REGION \
  --bootstrap-admin-url $KS/v3 --bootstrap-public-url $KS/v3 --bootstrap-internal-url $KS/v3 >>"$LOG/keystone-manage.log" 2>&1
UWSGI=(uwsgi --plugin python3 --master --die-on-term --need-app --enable-threads --lazy-apps
       --processes 1 --threads 8 --buffer-size 65535 --add-header "Connection: close" --hook-master-start "unix_signal:15 gracefully_kill_them_all")
start keystone "${UWSGI[@]}" --http-socket $H:5000 --wsgi-file /usr/bin/keystone-wsgi-public \
  --env OS_KEYSTONE_CONFIG_FILES="$ETC/keystone/keystone.conf"
wait_http keystone $KS/v3 120

# clouds.yaml / openrc for clients
cat >"$STATE/clouds.yaml" <<EOF
clouds:
  osl-admin:
    auth: {auth_url: "$KS/v3", username: admin, password: "$PW", project_name: admin, user_domain_name: Default, project_domain_name: Default}
    region_name: $REGION
    identity_api_version: 3
    interface: public
  osl-demo:
    auth: {auth_url: "$KS/v3", username: demo, password: "$PW", project_name: demo, user_domain_name: Default, project_domain_name: Default}
    region_name: $REGION
    identity_api_version: 3
    interface: public
EOF
cat >"$STATE/admin-openrc" <<EOF
export OS_AUTH_URL=$KS/v3 OS_IDENTITY_API_VERSION=3 OS_REGION_NAME=$REGION OS_INTERFACE=public
export OS_USERNAME=admin OS_PASSWORD=$PW OS_PROJECT_NAME=admin OS_USER_DOMAIN_NAME=Default OS_PROJECT_DOMAIN_NAME=Default
unset OS_CLOUD
EOF
export OS_CLIENT_CONFIG_FILE="$STATE/clouds.yaml"

# service users, catalog, demo project (one Python process, idempotent), beside the
# database migrations below (they do not need it; the services ask Keystone only when called)
keystone_catalog() {
say "keystone catalog / service users"
OCTAVIA=$OCTAVIA PW=$PW KS=$KS REGION=$REGION H=$H "$PY" - <<'EOF'
import os
from keystoneauth1.identity import v3
from keystoneauth1 import session
from keystoneclient.v3 import client
E = os.environ; PW = E['PW']; H = E['H']; R = E['REGION']
ks = client.Client(session=session.Session(auth=v3.Password(
    auth_url=E['KS'] + '/v3', username='admin', password=PW, project_name='admin',
    user_domain_id='default', project_domain_id='default')))
def find(items, name): return next((i for i in items if i.name == name), None)
def project(name): return find(ks.projects.list(domain='default'), name) or ks.projects.create(name, 'default')
def role(name): return find(ks.roles.list(), name) or ks.roles.create(name)
def user(name, proj): return find(ks.users.list(domain='default'), name) or ks.users.create(name, domain='default', password=PW, default_project=proj)
svcp, demo = project('service'), project('demo')
admin, member, reader, service_role = role('admin'), role('member'), role('reader'), role('service')
for r in ('load-balancer_member', 'load-balancer_admin', 'load-balancer_observer', 'load-balancer_global_observer'):
    role(r)
admin_user = find(ks.users.list(domain='default'), 'admin')
ks.roles.grant(admin, user=admin_user, project=demo)          # admin can also work in demo
ks.roles.grant(role('load-balancer_admin'), user=admin_user, project=find(ks.projects.list(), 'admin'))
du = user('demo', demo); ks.roles.grant(member, user=du, project=demo)
ks.roles.grant(role('load-balancer_member'), user=du, project=demo)
svcs = [  # user, service name, type, url
    ('glance', 'glance', 'image', f'http://{H}:9292'),
    ('placement', 'placement', 'placement', f'http://{H}:8778'),
    ('nova', 'nova', 'compute', f'http://{H}:8774/v2.1'),
    ('neutron', 'neutron', 'network', f'http://{H}:9696'),
    ('cinder', 'cinderv3', 'volumev3', f'http://{H}:8776/v3/%(project_id)s'),
    ('cinder', 'cinder', 'block-storage', f'http://{H}:8776/v3/%(project_id)s'),
    ('cloudkitty', 'cloudkitty', 'rating', f'http://{H}:8889'),
]
if E.get('OCTAVIA', '1') == '1':
    svcs.append(('octavia', 'octavia', 'load-balancer', f'http://{H}:9876'))
for uname, sname, stype, url in svcs:
    u = user(uname, svcp)
    ks.roles.grant(admin, user=u, project=svcp); ks.roles.grant(service_role, user=u, project=svcp)
    s = next((x for x in ks.services.list(type=stype) if x.name == sname), None) or \
        ks.services.create(sname, type=stype, description=f'{sname} ({stype})')
    for iface in ('public', 'internal', 'admin'):
        eps = ks.endpoints.list(service=s, interface=iface, region=R)
        if not eps: ks.endpoints.create(s, url, interface=iface, region=R)
        elif eps[0].url != url: ks.endpoints.update(eps[0], url=url)
print('catalog ok')
EOF
}
in_background keystone-catalog keystone_catalog

# ---------------------------------------------------------------- 6. Glance
mkdir -p "$ETC/glance" "$LIB/glance/images" "$LIB/glance/staging" "$LIB/glance/tasks" "$LIB/lock"
cp /usr/share/glance-common/glance-api-paste.ini "$ETC/glance/"
cat >"$ETC/glance/glance-api.conf" <<EOF
[DEFAULT]
bind_host = $H
bind_port = 9292
workers = 1
use_stderr = true
enabled_backends = file:file
image_size_cap = 1099511627776
[glance_store]
default_backend = file
[file]
filesystem_store_datadir = $LIB/glance/images
[os_glance_staging_store]
filesystem_store_datadir = $LIB/glance/staging
[os_glance_tasks_store]
filesystem_store_datadir = $LIB/glance/tasks
$(dbauth glance)
[paste_deploy]
flavor = keystone
config_file = $ETC/glance/glance-api-paste.ini
$(locks)
EOF
glance_up() {
  say "glance db_sync"
  glance-manage --config-file "$ETC/glance/glance-api.conf" db_sync >>"$LOG/glance-manage.log" 2>&1
  start glance-api glance-api --config-file "$ETC/glance/glance-api.conf"
}
in_background glance glance_up

# ---------------------------------------------------------------- 7. Placement
mkdir -p "$ETC/placement"
cat >"$ETC/placement/placement.conf" <<EOF
[DEFAULT]
use_stderr = true
[api]
auth_strategy = keystone
[placement_database]
connection = $(db placement)
$DBPOOL
$(authtoken placement)
EOF
placement_up() {
  say "placement db sync"
  placement-manage --config-file "$ETC/placement/placement.conf" db sync >>"$LOG/placement-manage.log" 2>&1
  start placement "${UWSGI[@]}" --http-socket $H:8778 --wsgi-file /usr/bin/placement-api \
    --env OS_PLACEMENT_CONFIG_DIR="$ETC/placement"
}
in_background placement placement_up

# ---------------------------------------------------------------- 8. Neutron (ML2, no agents)
# A 20-line ML2 mechanism driver that binds every port on every host (vif_type ovs, status
# ACTIVE) so that Nova can boot servers with ports without any L2 agent.
mkdir -p "$ETC/neutron/plugins/ml2" "$LIB/pylib/osl_loopback-1.0.dist-info" "$LIB/neutron"
cat >"$LIB/pylib/osl_loopback.py" <<'EOF'
from neutron_lib.api.definitions import portbindings
from neutron_lib import constants
from neutron_lib.plugins.ml2 import api


class LoopbackMechanismDriver(api.MechanismDriver):
    """Binds every port to any host without an agent (test beds only)."""

    def initialize(self):
        pass

    @property
    def connectivity(self):
        return portbindings.CONNECTIVITY_L2

    def bind_port(self, context):
        for segment in context.segments_to_bind:
            context.set_binding(segment[api.ID], portbindings.VIF_TYPE_OVS,
                                {portbindings.CAP_PORT_FILTER: True,
                                 portbindings.OVS_HYBRID_PLUG: False},
                                status=constants.PORT_STATUS_ACTIVE)
            return
EOF
printf 'Metadata-Version: 2.1\nName: osl-loopback\nVersion: 1.0\n' >"$LIB/pylib/osl_loopback-1.0.dist-info/METADATA"
printf '[neutron.ml2.mechanism_drivers]\nosl_loopback = osl_loopback:LoopbackMechanismDriver\n' >"$LIB/pylib/osl_loopback-1.0.dist-info/entry_points.txt"
cp /usr/share/neutron-common/api-paste.ini "$ETC/neutron/api-paste.ini"
cat >"$ETC/neutron/neutron.conf" <<EOF
[DEFAULT]
bind_host = $H
bind_port = 9696
core_plugin = ml2
service_plugins = router
auth_strategy = keystone
allow_overlapping_ips = true
api_workers = 1
rpc_workers = 1
rpc_state_report_workers = 0
transport_url = $RMQ
api_paste_config = $ETC/neutron/api-paste.ini
state_path = $LIB/neutron
notify_nova_on_port_status_changes = true
notify_nova_on_port_data_changes = true
use_stderr = true
$(dbauth neutron)
$(ksauth nova nova)
$(locks)
$(no_notifications)
EOF
cat >"$ETC/neutron/plugins/ml2/ml2_conf.ini" <<EOF
[ml2]
type_drivers = flat,vlan,vxlan,local
tenant_network_types = vxlan
mechanism_drivers = osl_loopback
extension_drivers = port_security
[ml2_type_flat]
flat_networks = public
[ml2_type_vlan]
network_vlan_ranges = physnet1:100:200
[ml2_type_vxlan]
vni_ranges = 1:1000
[securitygroup]
enable_security_group = true
EOF
NEUTRON_CFG=(--config-file "$ETC/neutron/neutron.conf" --config-file "$ETC/neutron/plugins/ml2/ml2_conf.ini")
neutron_up() {
  say "neutron db upgrade"
  neutron-db-manage "${NEUTRON_CFG[@]}" upgrade head >>"$LOG/neutron-manage.log" 2>&1
  start neutron-server env PYTHONPATH="$LIB/pylib" neutron-server "${NEUTRON_CFG[@]}"
}
in_background neutron neutron_up

# ---------------------------------------------------------------- 9. Nova (+ fake virt driver)
mkdir -p "$ETC/nova" "$LIB/nova/instances"
cp /usr/share/nova-common/api-paste.ini "$ETC/nova/api-paste.ini"
cat >"$ETC/nova/nova.conf" <<EOF
$(rpc_host osl-compute)
state_path = $LIB/nova
instances_path = $LIB/nova/instances
compute_driver = fake.FakeDriver
enabled_apis = osapi_compute
osapi_compute_listen = $H
osapi_compute_listen_port = 8774
osapi_compute_workers = 1
use_rootwrap_daemon = false
use_stderr = true
[api]
auth_strategy = keystone
[wsgi]
api_paste_config = $ETC/nova/api-paste.ini
$(authtoken nova)
$(ksauth placement placement)
$(ksauth neutron neutron)
service_metadata_proxy = false
$(ksauth service_user nova)
# Cinder (OSSA-2023-003 fix in Debian's cinder) refuses attachment deletes without a service token
send_service_user_token = true
[glance]
region_name = $REGION
[cinder]
os_region_name = $REGION
[conductor]
workers = 1
[scheduler]
workers = 1
discover_hosts_in_cells_interval = 5
[filter_scheduler]
track_instance_changes = false
[vnc]
enabled = false
$(locks)
$(no_notifications)
[notifications]
notification_format = unversioned
EOF
# DB settings live in a separate file that nova-compute does not read (it must not touch the DB)
cat >"$ETC/nova/nova-db.conf" <<EOF
[api_database]
connection = $(db nova_api)
$DBPOOL
[database]
connection = $(db nova)
$DBPOOL
EOF
NOVA=(nova-manage --config-file "$ETC/nova/nova.conf" --config-file "$ETC/nova/nova-db.conf")
NOVACFG=(--config-file "$ETC/nova/nova.conf" --config-file "$ETC/nova/nova-db.conf")
nova_up() {
  say "nova db sync (api, cell0, cell1)"
  {
    "${NOVA[@]}" api_db sync
    "${NOVA[@]}" cell_v2 map_cell0 --database_connection "$(db nova_cell0)"
    # Capture first: with pipefail, grep -q closing the pipe early makes nova-manage
    # fail with a broken pipe when cell1 already exists (re-runs on kept databases).
    cells=$("${NOVA[@]}" cell_v2 list_cells)
    grep -q ' cell1 ' <<<"$cells" || "${NOVA[@]}" cell_v2 create_cell --name cell1 --verbose
    "${NOVA[@]}" db sync
  } >>"$LOG/nova-manage.log" 2>&1
  start nova-api nova-api "${NOVACFG[@]}"
  start nova-conductor "$LIB/bin/nova-conductor" "${NOVACFG[@]}"
  start nova-scheduler "$LIB/bin/nova-scheduler" "${NOVACFG[@]}"
}
in_background nova nova_up

# ---------------------------------------------------------------- 10. Cinder (fake volume driver)
mkdir -p "$ETC/cinder" "$LIB/cinder"
cp /usr/share/cinder-common/api-paste.ini "$ETC/cinder/api-paste.ini"
cat >"$ETC/cinder/cinder.conf" <<EOF
$(rpc_host osl-volume)
auth_strategy = keystone
osapi_volume_listen = $H
osapi_volume_listen_port = 8776
osapi_volume_workers = 1
api_paste_config = $ETC/cinder/api-paste.ini
state_path = $LIB/cinder
enabled_backends = fake
glance_api_servers = http://$H:9292
use_stderr = true
# cinder-volume publishes its pools to the scheduler once at start (a fanout the
# scheduler may not hear yet when both start together), then every periodic_interval
# (default 60 s, after up to 60 s more): the scheduler refuses every volume until then
periodic_interval = 10
periodic_fuzzy_delay = 0
[fake]
volume_driver = cinder.tests.fake_driver.FakeLoggingVolumeDriver
volume_backend_name = fake
$(dbauth cinder)
$(ksauth nova nova)
$(locks)
$(no_notifications)
EOF
CCFG=(--config-file "$ETC/cinder/cinder.conf")
cinder_up() {
  say "cinder db sync"
  cinder-manage --config-file "$ETC/cinder/cinder.conf" db sync >>"$LOG/cinder-manage.log" 2>&1
  start cinder-api "$LIB/bin/cinder-api" "${CCFG[@]}"
  start cinder-scheduler "$LIB/bin/cinder-scheduler" "${CCFG[@]}"
  start cinder-volume "$LIB/bin/cinder-volume" "${CCFG[@]}"
}
in_background cinder cinder_up

# ---------------------------------------------------------------- 11. CloudKitty (rating)
. "$HERE/cloudkitty.sh"

# ---------------------------------------------------------------- 11. Octavia
# API + worker.  Default provider "amphora" with noop amphora/compute/network drivers in the
# worker, so load balancers really go PENDING_CREATE -> ACTIVE; the API itself uses the real
# Neutron driver, so each LB gets a real VIP port/IP on its subnet.  (The "noop_driver" provider
# is left out: its LBs stay PENDING_CREATE forever and cannot be deleted.)
if [ "$OCTAVIA" = 1 ]; then
  mkdir -p "$ETC/octavia" "$LIB/octavia/certs"
  if [ ! -s "$LIB/octavia/certs/ca.pem" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj /CN=osl-octavia-ca \
      -keyout "$LIB/octavia/certs/ca.key" -out "$LIB/octavia/certs/ca.pem" >/dev/null 2>&1
    cat "$LIB/octavia/certs/ca.pem" "$LIB/octavia/certs/ca.key" >"$LIB/octavia/certs/client.pem"
  fi
  cat >"$ETC/octavia/octavia.conf" <<EOF
[DEFAULT]
transport_url = $RMQ
use_stderr = true
[api_settings]
bind_host = $H
bind_port = 9876
auth_strategy = keystone
api_base_uri = http://$H:9876
enabled_provider_drivers = amphora:Amphora provider (noop backends)
default_provider_driver = amphora
$(dbauth octavia)
$(ksauth service_auth octavia)
[controller_worker]
network_driver = allowed_address_pairs_driver
amphora_driver = amphora_noop_driver
compute_driver = compute_noop_driver
volume_driver = volume_noop_driver
image_driver = image_noop_driver
loadbalancer_topology = SINGLE
workers = 1
client_ca = $LIB/octavia/certs/ca.pem
[haproxy_amphora]
server_ca = $LIB/octavia/certs/ca.pem
client_cert = $LIB/octavia/certs/client.pem
[certificates]
cert_generator = local_cert_generator
ca_certificate = $LIB/octavia/certs/ca.pem
ca_private_key = $LIB/octavia/certs/ca.key
server_certs_key_passphrase = insecure-key-do-not-use-this-key
storage_path = $LIB/octavia/certs
[oslo_messaging]
topic = octavia_prov
$(locks)
EOF
  # The serial TaskFlow engine: the parallel one runs tasks on real threads
  # inside the eventlet-patched worker, which now and then dies with
  # "greenlet.error: cannot switch to a different thread" and leaves the load
  # balancer PENDING_CREATE for good.
  printf '[controller_worker]\nnetwork_driver = network_noop_driver\n[task_flow]\nengine = serial\n' >"$ETC/octavia/octavia-worker.conf"
  octavia_up() {
    say "octavia db upgrade"
    octavia-db-manage --config-file "$ETC/octavia/octavia.conf" upgrade head >>"$LOG/octavia-manage.log" 2>&1
    start octavia-api octavia-api --config-file "$ETC/octavia/octavia.conf"
    start octavia-worker octavia-worker --config-file "$ETC/octavia/octavia.conf" --config-file "$ETC/octavia/octavia-worker.conf"
  }
  in_background octavia octavia_up
fi
join_background

# ---------------------------------------------------------------- 12. wait for the APIs
wait_http glance-api http://$H:9292/ 180
wait_http placement http://$H:8778/ 180
wait_http neutron-server http://$H:9696/ 240
wait_http nova-api http://$H:8774/ 240
wait_http cinder-api http://$H:8776/ 240
wait_http cloudkitty-api http://$H:8889/ 240
[ "$OCTAVIA" = 1 ] && wait_http octavia-api http://$H:9876/ 240
# compute last: it needs placement + conductor
start nova-compute "$LIB/bin/nova-compute" --config-file "$ETC/nova/nova.conf"

export OS_CLOUD=osl-admin
say "waiting for nova-compute / cinder-volume to register"
for i in $(seq 1 180); do
  up=$(openstack compute service list -f value -c Binary -c State 2>/dev/null | grep -c ' up$' || true)
  [ "$up" -ge 3 ] && break; sleep 2
done
"${NOVA[@]}" cell_v2 discover_hosts >>"$LOG/nova-manage.log" 2>&1
for i in $(seq 1 120); do
  vs=$(openstack volume service list -f value -c Binary -c State 2>/dev/null || true)
  grep -q 'cinder-volume up' <<<"$vs" && break; sleep 2
done
say "waiting for cinder-scheduler to know the volume backend's pool"
for i in $(seq 1 60); do
  "$PY" -c "import openstack,sys; sys.exit(0 if list(openstack.connect(cloud='osl-admin').block_storage.backend_pools()) else 1)" 2>/dev/null && break
  [ "$i" = 60 ] && { echo "cinder-scheduler has no volume pool after 120 s; see $LOG/cinder-*.log" >&2; exit 1; }
  sleep 2
done

# ---------------------------------------------------------------- 13. baseline resources (idempotent)
if [ "${OSL_SEED:-1}" = 1 ]; then
  say "seeding flavor / image / networks / router"
  head -c 1048576 /dev/zero >"$LIB/tiny.img"
  IMG="$LIB/tiny.img" "$PY" - <<'EOF'
import os, openstack
c = openstack.connect(cloud='osl-admin')
demo = c.identity.find_project('demo')
for name, vcpus, ram, disk in (('m1.tiny', 1, 512, 1), ('m1.small', 1, 2048, 20)):
    if not c.compute.find_flavor(name):
        c.compute.create_flavor(name=name, vcpus=vcpus, ram=ram, disk=disk, is_public=True)
if not c.image.find_image('tiny-raw'):
    c.image.create_image(name='tiny-raw', filename=os.environ['IMG'], disk_format='raw',
                         container_format='bare', visibility='public', wait=True)
pub = c.network.find_network('public') or c.network.create_network(
    name='public', is_router_external=True, is_shared=False,
    provider_network_type='flat', provider_physical_network='public')
if not c.network.find_subnet('public-subnet'):
    c.network.create_subnet(name='public-subnet', network_id=pub.id, ip_version=4,
                            cidr='203.0.113.0/24', gateway_ip='203.0.113.1', is_dhcp_enabled=False,
                            allocation_pools=[{'start': '203.0.113.10', 'end': '203.0.113.250'}])
for proj, net, cidr in ((c.current_project_id, 'private', '10.0.0.0/24'), (demo.id, 'demo-net', '10.1.0.0/24')):
    n = c.network.find_network(net, project_id=proj) or c.network.create_network(name=net, project_id=proj)
    s = c.network.find_subnet(net + '-subnet', project_id=proj) or c.network.create_subnet(
        name=net + '-subnet', network_id=n.id, ip_version=4, cidr=cidr, project_id=proj)
    rname = net + '-router'
    r = c.network.find_router(rname, project_id=proj)
    if not r:
        r = c.network.create_router(name=rname, project_id=proj, external_gateway_info={'network_id': pub.id})
        c.network.add_interface_to_router(r, subnet_id=s.id)
print('seed ok')
EOF
fi
cloudkitty_rules

say "all services up in $(( $(date +%s) - T0 ))s; use: export OS_CLIENT_CONFIG_FILE=$STATE/clouds.yaml OS_CLOUD=osl-admin"
