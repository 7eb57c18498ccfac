# CloudKitty (rating) for the test bed, sourced by up.sh (its helpers and variables):
# the v1 API on :8889 (uwsgi) and one processor, whose RPC server answers the API's
# quote calls (POST /v1/rating/quote). Nothing is collected: the prometheus collector
# is configured but never asked (the fetcher lists no scope), so CloudKitty only rates
# what it is asked to quote, with the hashmap rules seeded below (per hour, the collect
# period): the same figures canopy's test-bed tests compute by hand
# (plugins/openstack-backend/src/__testUtils__/testbed.ts, CLOUDKITTY_RULES).

mkdir -p "$ETC/cloudkitty" "$LIB/cloudkitty/locks"
cp /etc/cloudkitty/api_paste.ini "$ETC/cloudkitty/api_paste.ini"
cat >"$ETC/cloudkitty/metrics.yml" <<'EOF'
metrics:
  instance:
    unit: instance
    groupby: [id, project_id]
    metadata: [flavor_name, vcpus, ram, disk]
  volume.size:
    unit: GiB
    groupby: [id, project_id]
    metadata: [volume_type]
  network.floating:
    unit: ip
    groupby: [id, project_id]
    metadata: []
EOF
cat >"$ETC/cloudkitty/cloudkitty.conf" <<EOF
$(rpc_host osl-rating)
auth_strategy = keystone
api_paste_config = $ETC/cloudkitty/api_paste.ini
use_stderr = true
$(dbauth cloudkitty)
$(no_notifications)
[storage]
backend = sqlalchemy
version = 1
[collect]
collector = prometheus
metrics_conf = $ETC/cloudkitty/metrics.yml
period = 3600
[collector_prometheus]
prometheus_url = http://$H:9/
[fetcher]
backend = source
[fetcher_source]
sources =
[orchestrator]
coordination_url = file://$LIB/cloudkitty/locks
max_workers = 1
max_workers_reprocessing = 0
EOF
CKCFG=(--config-file "$ETC/cloudkitty/cloudkitty.conf")
cloudkitty_up() {
  say "cloudkitty db sync"
  cloudkitty-dbsync "${CKCFG[@]}" upgrade >>"$LOG/cloudkitty-manage.log" 2>&1
  cloudkitty-storage-init "${CKCFG[@]}" >>"$LOG/cloudkitty-manage.log" 2>&1
  start cloudkitty-processor cloudkitty-processor "${CKCFG[@]}"
  start cloudkitty-api "${UWSGI[@]}" --http-socket $H:8889 --wsgi-file /usr/bin/cloudkitty-api \
    --pyargv "${CKCFG[*]}"
}
in_background cloudkitty cloudkitty_up

# The hashmap rating rules, once the API answers (admin; idempotent: a rule already
# there is kept). Costs per unit and hour.
cloudkitty_rules() {
  "$PY" - <<'PYEOF'
import openstack
c = openstack.connect(cloud='osl-admin')
ck = c.session.get_endpoint(service_type='rating', interface='public').rstrip('/')
def call(method, path, body=None):
    r = c.session.request(ck + '/v1/rating' + path, method, json=body, raise_exc=False)
    if r.status_code >= 400 and r.status_code != 409:
        raise SystemExit(f'cloudkitty {method} {path}: HTTP {r.status_code} {r.text[:300]}')
    return r.json() if r.content else None
call('PUT', '/modules/hashmap', {'module_id': 'hashmap', 'enabled': True, 'priority': 1})
services = {s['name']: s for s in call('GET', '/module_config/hashmap/services')['services']}
def service(name):
    return services.get(name) or call('POST', '/module_config/hashmap/services', {'name': name})
def mappings(**query):
    q = '&'.join(f'{k}={v}' for k, v in query.items())
    return call('GET', f'/module_config/hashmap/mappings?{q}')['mappings']
inst = service('instance')
fields = call('GET', f"/module_config/hashmap/fields?service_id={inst['service_id']}")['fields']
flavor = next((f for f in fields if f['name'] == 'flavor_name'), None) or call(
    'POST', '/module_config/hashmap/fields', {'service_id': inst['service_id'], 'name': 'flavor_name'})
for value, cost in (('m1.tiny', '0.012'), ('m1.small', '0.045')):
    if not [m for m in mappings(field_id=flavor['field_id']) if m['value'] == value]:
        call('POST', '/module_config/hashmap/mappings',
             {'field_id': flavor['field_id'], 'value': value, 'type': 'flat', 'cost': cost})
for name, cost in (('volume.size', '0.00015'), ('network.floating', '0.004')):
    s = service(name)
    if not mappings(service_id=s['service_id']):
        call('POST', '/module_config/hashmap/mappings',
             {'service_id': s['service_id'], 'type': 'flat', 'cost': cost})
print('cloudkitty rules ok')
PYEOF
}
