#!/usr/bin/env bash
# Issue 84: what one transaction per received message costs against one per group of them, on this machine's disk and
# load. Each received message is modelled by the rows its transaction writes in storage mode Database: its message row,
# its event row, and the key store's changed rows (~11 KB of WAL, docs/benchmarks/2026-11-27-keystore-wal.md), written
# once per transaction. A model of the writes, not the pod's SQL: it measures the commit (WAL fsync) a group shares.
# Needs PostgreSQL's initdb, pg_ctl and pgbench (PG_BIN, else Debian's /usr/lib/postgresql/*/bin); skips without them.
# BENCH_INBOUND_GROUPS (messages per transaction, default "1 10 50"), BENCH_INBOUND_SECONDS (per group size, default 15).
set -euo pipefail
bin="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
if [ -z "$bin" ] || [ ! -x "$bin/pgbench" ]; then
  echo "BENCH|inbound-commit|run|skipped: needs PostgreSQL's initdb, pg_ctl and pgbench (set PG_BIN)|"
  exit 0
fi
dir="$(mktemp -d)"
as=()
if [ "$(id -u)" = 0 ]; then as=(runuser -u postgres --); chown postgres "$dir"; fi
port=55499
pg() { "${as[@]}" "$@"; }
stop() { pg "$bin/pg_ctl" -D "$dir/data" -m immediate stop > /dev/null 2>&1 || true; rm -rf "$dir"; }
trap stop EXIT
pg "$bin/initdb" -D "$dir/data" -A trust -U postgres > /dev/null
pg "$bin/pg_ctl" -D "$dir/data" -w -o "-p $port -k $dir -c listen_addresses=''" -l "$dir/server.log" start > /dev/null
psql -q -h "$dir" -p "$port" -U postgres -c "create table messages(id bigserial primary key, chat text, body text);
  create table events(id bigserial primary key, payload text);
  create table key_store(device int primary key, entries bytea);
  insert into key_store values (1, repeat('x', 11000)::bytea);"
for group in ${BENCH_INBOUND_GROUPS:-1 10 50}; do
  {
    echo "BEGIN;"
    for _ in $(seq 1 "$group"); do
      echo "INSERT INTO messages(chat, body) VALUES ('5511999999999@s.whatsapp.net', repeat('a', 300));"
      echo "INSERT INTO events(payload) VALUES (repeat('b', 800));"
    done
    echo "UPDATE key_store SET entries = repeat(md5(random()::text), 344)::bytea WHERE device = 1;"
    echo "COMMIT;"
  } > "$dir/group-$group.sql"
  chmod a+r "$dir/group-$group.sql"
  tps="$("$bin/pgbench" -h "$dir" -p "$port" -U postgres -n -c 1 -T "${BENCH_INBOUND_SECONDS:-15}" -f "$dir/group-$group.sql" postgres 2>&1 \
    | sed -n 's/^tps = \([0-9.]*\).*/\1/p')"
  awk -v g="$group" -v t="$tps" 'BEGIN { printf "BENCH|inbound-commit|%d message(s) per transaction: messages/s, ms per message|%.0f, %.2f|\n", g, g * t, 1000 / (g * t) }'
done
