#!/bin/sh
# Start PostgreSQL and Redis for the tests when they are not already answering, and install the
# programs the tests run themselves (their own redis-server, psql, pg_dump) whatever answers:
# `make test` fails on a skipped test, so a missing program must not turn into a skip.
set -e

port_open_sh() { bash -c "echo > /dev/tcp/127.0.0.1/$1" 2>/dev/null; }

missing=""
for need in redis-server:redis-server psql:postgresql-client pg_dump:postgresql-client \
  pg_restore:postgresql-client python3:python3; do
  command -v "${need%%:*}" >/dev/null || missing="$missing ${need#*:}"
done
if [ -n "$missing" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi

if ! port_open_sh 5432; then
  if ! command -v pg_ctlcluster >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  version=$(ls /etc/postgresql | sort -n | tail -1)
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
fi
if ! port_open_sh 6379; then
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
