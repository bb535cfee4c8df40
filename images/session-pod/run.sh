#!/bin/sh
# Entrypoint of the session-pod image. Cobalt writes key-store files to java.io.tmpdir and then moves
# them into KUBEZAP_DATA_DIR; only on one file system is that move atomic, so the temp dir lives on the
# session's PVC too (the JVM reads java.io.tmpdir once, at start).
set -eu
data_dir="${KUBEZAP_DATA_DIR:-/var/lib/kubezap}"
mkdir -p "$data_dir/tmp"
# Cobalt 0.0.10 blocks a common-pool thread on a write semaphore whose release is queued on the same
# pool: with the default parallelism (CPUs - 1) a pod limited to 2 CPUs or fewer deadlocks on its first
# message to a new contact (found against wa-simulator). A larger common pool avoids it.
exec java -Djava.io.tmpdir="$data_dir/tmp" -Djava.util.concurrent.ForkJoinPool.common.parallelism=8 \
  ${JAVA_OPTS:-} -jar /deployments/quarkus-run.jar "$@"
