#!/bin/sh
# Entrypoint of the session-pod image. Cobalt writes key-store files to java.io.tmpdir and then moves
# them into KUBEZAP_DATA_DIR; only on one file system is that move atomic, so the temp dir lives on the
# session's PVC too (the JVM reads java.io.tmpdir once, at start).
set -eu
data_dir="${KUBEZAP_DATA_DIR:-/var/lib/kubezap}"
mkdir -p "$data_dir/tmp"
exec java -Djava.io.tmpdir="$data_dir/tmp" -jar /deployments/quarkus-run.jar "$@"
