#!/bin/sh
# Writes the JVM's ahead-of-time cache for the session pod (JDK 25: -XX:AOTCacheOutput, JEP 483/514/515) by one
# training run: the pod starts in local mode (embedded PostgreSQL under a scratch directory, no route to WhatsApp,
# so the engine retries), answers on its port, and is stopped with SIGTERM; the JVM writes the cache as it exits.
# The cache holds the classes that start-up loaded and linked, so a pod started with -XX:AOTCache=<file> skips
# parsing and linking them (faster start, less metaspace). It is valid only for the same JDK, the same JVM
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
# ports chosen by the system (0): images/build.sh builds with the host's network under podman, where a fixed port
# (the management interface's 9000) may be taken ("Address already in use" failed a build here)
# AOT_TRAIN_LINKED_CLASSES=true: the pod also loads (without running them) the classes a linked session loads later
# (session-pod's aot/linked-session-classes.txt, AotTrainingClasses), so that they are cached too (docs/benchmarks.md,
# "A smaller session, continued"). On by default; false trains on start-up's classes alone.
KUBEZAP_AOT_TRAINING="${AOT_TRAIN_LINKED_CLASSES:-true}" KUBEZAP_DATA_DIR="$scratch/data" QUARKUS_HTTP_PORT="${AOT_TRAIN_PORT:-0}" QUARKUS_MANAGEMENT_PORT="${AOT_TRAIN_MANAGEMENT_PORT:-0}" \
  java -XX:AOTCacheOutput="$cache" -Djava.io.tmpdir="$scratch" "$@" -Xmx256m -jar "$app/quarkus-run.jar" > "$scratch/train.log" 2>&1 &
pid=$!
i=0
until grep -q "Listening on" "$scratch/train.log" 2>/dev/null; do
  i=$((i + 1))
  if [ "$i" -gt 600 ] || ! kill -0 "$pid" 2>/dev/null; then
    cat "$scratch/train.log" >&2
    echo "aot-train: the pod did not start" >&2
    kill "$pid" 2>/dev/null || true
    exit 1
  fi
  sleep 0.5
done
sleep "${AOT_TRAIN_SECONDS:-10}"
kill -TERM "$pid"
wait "$pid" || true
# what the training pod said of its own (how many of a linked session's classes it loaded), into the build's log
grep '^aot-train:' "$scratch/train.log" || true
rm -rf "$scratch"
test -s "$cache" || { echo "aot-train: no cache written at $cache" >&2; exit 1; }
echo "aot-train: wrote $cache ($(du -h "$cache" | cut -f1))"
