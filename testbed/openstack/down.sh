#!/usr/bin/env bash
# Canopy's OpenStack test bed. Stops only what up.sh started, using the PID files it saved (each daemon was started as the
# leader of its own process group, so its worker children go with it).
#   down.sh          stop services, keep state (up.sh restarts them quickly)
#   down.sh --purge  also drop the OpenStack databases and delete the state dir
set -uo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
STATE=${OSL_STATE:-$(cd "$HERE/../.." && pwd)/.testbed/openstack}
RUN=$STATE/run
ORDER="cloudkitty-api cloudkitty-processor nova-compute octavia-worker octavia-api cinder-volume cinder-scheduler cinder-api nova-scheduler nova-conductor nova-api
 neutron-server placement glance-api keystone rabbitmq epmd mariadb"

stop() {
  local n=$1 f=$RUN/$1.pid pid pgid i sig=TERM
  case $n in keystone|placement|cloudkitty-api) sig=INT;; esac   # uwsgi: SIGINT = immediate shutdown
  [ -s "$f" ] || return 0
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    pgid=$(ps -o pgid= -p "$pid" | tr -d ' ')
    if [ "$pgid" = "$pid" ]; then kill -$sig -- "-$pid" 2>/dev/null; else kill -$sig "$pid" 2>/dev/null; fi
    for i in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "  $n: SIGKILL"
      if [ "$pgid" = "$pid" ]; then kill -KILL -- "-$pid" 2>/dev/null; else kill -KILL "$pid" 2>/dev/null; fi
    fi
    # stragglers of the group (e.g. eventlet workers that outlived their parent)
    [ "$pgid" = "$pid" ] && kill -KILL -- "-$pid" 2>/dev/null
    echo "stopped $n ($pid)"
  fi
  rm -f "$f"
}

PURGE=0; [ "${1:-}" = "--purge" ] && PURGE=1
private_db=0; [ -s "$RUN/mariadb.pid" ] && private_db=1
if [ $PURGE = 1 ] && [ $private_db = 0 ]; then
  # shared MariaDB (e.g. CI's): drop only our databases and user
  if mysql -h127.0.0.1 -uroot -e 'select 1' >/dev/null 2>&1; then DBROOT=(mysql -h127.0.0.1 -uroot); else DBROOT=(mysql -uroot); fi
  PURGE_SQL=$(for d in keystone glance placement nova_api nova nova_cell0 neutron cinder octavia cloudkitty; do echo "DROP DATABASE IF EXISTS $d;"; done
              echo "DROP USER IF EXISTS 'osl'@'localhost'; DROP USER IF EXISTS 'osl'@'127.0.0.1';")
fi
for n in $ORDER; do stop "$n"; done
if [ $PURGE = 1 ]; then
  [ -n "${PURGE_SQL:-}" ] && echo "$PURGE_SQL" | "${DBROOT[@]}" && echo "dropped OpenStack databases on shared MariaDB"
  # rabbit queues of a shared RabbitMQ are left alone (all are auto-delete or harmless)
  rm -rf "$STATE" && echo "removed $STATE"
fi
