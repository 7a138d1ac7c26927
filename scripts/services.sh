#!/bin/sh
# Start PostgreSQL and Redis for the tests when they are not already answering.
set -e

port_open_sh() { bash -c "echo > /dev/tcp/127.0.0.1/$1" 2>/dev/null; }

if ! port_open_sh 5432; then
  if ! command -v pg_ctlcluster >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  version=$(ls /etc/postgresql | sort -n | tail -1)
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
fi
if ! port_open_sh 6379; then
  if ! command -v redis-server >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  fi
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/warta-test.log
fi
for i in 1 2 3 4 5 6 7 8 9 10; do
  port_open_sh 5432 && port_open_sh 6379 && exit 0
  sleep 1
done
echo "PostgreSQL or Redis did not start on 127.0.0.1" >&2
exit 1
