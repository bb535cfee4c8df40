#!/bin/sh
# Writes the JVM's ahead-of-time cache for the session pod (JDK 25: -XX:AOTCacheOutput, JEP 483/514/515) by one
# training run: the pod starts in local mode (embedded PostgreSQL under a scratch directory, no route to WhatsApp,
# so the engine retries), answers on its port, and is stopped with SIGTERM; the JVM writes the cache as it exits.
# The cache holds the classes that start-up loaded and linked, so a pod started with -XX:AOTCache=<file> skips
# parsing and linking them (faster start, less metaspace). It should hold nothing else: every cached class costs each
# pod of the image resident pages of the cache whether the pod loads it or not
# (docs/decisions/0004-aot-cache-trained-on-one-linked-session.md). So a first, unrecorded local start unpacks the
# embedded PostgreSQL and migrates its schema, and the
# recorded start finds both done, as a pod in a cluster does (the release's Job migrates; its PostgreSQL is not
# embedded): Flyway's ~300 classes and the unpacking's ~130 (commons-compress, xz) stay out of the cache. It is valid only for the same JDK, the same JVM
# options that matter to it (GC, compressed oops) and the same jar paths: run it where the pod runs, with its options.
# The heap limit is raised for the training run only (unpacking the embedded PostgreSQL needs ~64 MiB at once; the
# heap size does not have to match).
#
# The cache is an optimisation (run.sh starts the pod without it), and the training run is skipped where it would
# run emulated: an image built for another architecture than the builder's (BUILDARCH, TARGETARCH: the Dockerfile's
# build arguments, set by BuildKit and buildah) runs its RUN steps under qemu, where the pod with its embedded
# PostgreSQL had not started after 9 minutes (images/README.md). Such an image carries no cache; built on a machine of
# its own architecture it does. AOT_TRAINING: auto (that rule; the default), always, never.
#   aot-train.sh <cache file> <quarkus-app dir> [JVM options...]
set -eu
cache="$1"; app="$2"; shift 2
case "${AOT_TRAINING:-auto}" in
  never) echo "aot-train: skipped (AOT_TRAINING=never): the image has no AOT cache"; exit 0 ;;
  always) ;;
  auto)
    if [ -n "${BUILDARCH:-}" ] && [ -n "${TARGETARCH:-}" ] && [ "$BUILDARCH" != "$TARGETARCH" ]; then
      echo "aot-train: skipped: the image is for $TARGETARCH, built on $BUILDARCH, where training would run emulated;" \
           "the image has no AOT cache (build it on $TARGETARCH for one, or AOT_TRAINING=always)"
      exit 0
    fi ;;
  *) echo "aot-train: AOT_TRAINING is auto, always or never, not '$AOT_TRAINING'" >&2; exit 2 ;;
esac
scratch="$(mktemp -d)"

# starts the pod in local mode on the scratch directory with the JVM options given, in the background (pid in $pid),
# and waits until its log holds the pattern given. KUBEZAP_AOT_TRAINING=true: the pod also loads (without running
# them) the classes a linked session loads later (session-pod's aot/linked-session-classes.txt, AotTrainingClasses).
# Ports chosen by the system (0): images/build.sh builds with the host's network under podman, where a fixed port
# (the management interface's 9000) may be taken ("Address already in use" failed a build here).
#   start_local_pod <KUBEZAP_AOT_TRAINING> <pattern> <log> [JVM options...]
start_local_pod() {
  training="$1"; pattern="$2"; log="$3"; shift 3
  KUBEZAP_AOT_TRAINING="$training" KUBEZAP_DATA_DIR="$scratch/data" QUARKUS_HTTP_PORT="${AOT_TRAIN_PORT:-0}" \
    QUARKUS_MANAGEMENT_PORT="${AOT_TRAIN_MANAGEMENT_PORT:-0}" \
    java -Djava.io.tmpdir="$scratch" "$@" -Xmx256m -jar "$app/quarkus-run.jar" > "$log" 2>&1 &
  pid=$!
  i=0
  until grep -q "$pattern" "$log" 2>/dev/null; do
    i=$((i + 1))
    if [ "$i" -gt 600 ] || ! kill -0 "$pid" 2>/dev/null; then
      cat "$log" >&2
      echo "aot-train: the pod did not start" >&2
      kill "$pid" 2>/dev/null || true
      exit 1
    fi
    sleep 0.5
  done
}

# AOT_TRAIN_SCHEMA_FIRST=false: one recorded start that also unpacks PostgreSQL and migrates (the cache then holds
# Flyway's and the unpacking's classes too: how it was trained before part 10b)
if [ "${AOT_TRAIN_SCHEMA_FIRST:-true}" = true ]; then
  start_local_pod false "database schema at version" "$scratch/prepare.log" "$@"
  kill -TERM "$pid"
  wait "$pid" || true
fi
# the recorded start. AOT_TRAIN_LINKED_CLASSES=true (the default): it also loads the list of what a linked, idle session
# loads (IdleFootprintIT writes it), so that those classes are cached too
# (docs/decisions/0004-aot-cache-trained-on-one-linked-session.md); false trains on start-up's classes alone.
start_local_pod "${AOT_TRAIN_LINKED_CLASSES:-true}" "Listening on" "$scratch/train.log" -XX:AOTCacheOutput="$cache" "$@"
sleep "${AOT_TRAIN_SECONDS:-10}"
kill -TERM "$pid"
wait "$pid" || true
# what the training pod said of its own (how many of a linked session's classes it loaded), into the build's log
grep '^aot-train:' "$scratch/train.log" || true
rm -rf "$scratch"
test -s "$cache" || { echo "aot-train: no cache written at $cache" >&2; exit 1; }
echo "aot-train: wrote $cache ($(du -h "$cache" | cut -f1))"
