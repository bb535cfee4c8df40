#!/bin/sh
# Entrypoint of the session-pod image. The temp dir (uploads being received, say) lives on the session's PVC
# (the JVM reads java.io.tmpdir once, at start); key-store files no longer pass through it (kubezap-cobalt-patches'
# serializer writes them beside their target).
#
# JVM options (jvm.options, shared with the image's AOT training run; measured in docs/benchmarks.md):
# one session needs little heap and one CPU's worth of JIT, so: serial GC that gives memory back
# (Min/MaxHeapFreeRatio 10/10, all of it at the first full collection: -ShrinkHeapInSteps) with a young generation
# fixed at 2 MiB (-Xmn2m: not resized from the old one), which the pod's one collection once the linked session has
# settled (SettledHeapCollection) brings down to the live set: 4-6 MiB less
# (docs/decisions/0008-one-heap-collection-once-settled.md); C1 only with one compiler thread that compiles a method
# after 10 times the JDK's call and loop
# counts (CompileThresholdScaling=10: an idle linked session then holds ~2,200 compiled methods instead of ~5,200, 3-5 MiB
# less; docs/benchmarks/2026-11-26-smaller-session-part-5-compiled-methods.md), smaller thread stacks, glibc's free
# native memory
# returned every 10 s (TrimNativeHeapInterval; every 2 s was a quarter of an idle pod's wake-ups). The VM's own
# housekeeping wakes when there is work, not on a clock: no guaranteed safepoint every second (GuaranteedSafepointInterval=0;
# a safepoint nobody asked for only checked whether a table needed rehashing) and unused object monitors released
# every 10 s, not every 250 ms (AsyncDeflationInterval, whose thread otherwise woke four times a second in an idle pod;
# docs/benchmarks/2026-11-27-idle-cost.md). The heap limit comes from
# JAVA_TOOL_OPTIONS (a share of the container's memory limit). ForkJoinPool parallelism: Cobalt 0.0.10 blocks
# a common-pool thread on a write semaphore whose release is queued on the same pool: with the default
# parallelism (CPUs - 1) a pod limited to 2 CPUs or fewer deadlocks on its first message to a new contact
# (found against wa-simulator). A larger common pool avoids it.
# The AOT cache (JDK 25, written by aot-train.sh when the image is built) holds the classes start-up loads,
# already parsed and linked: a faster start and less metaspace. A cache that does not match (another JDK,
# other options in JAVA_OPTS) is ignored by the JVM with a warning, never an error.
# ArchiveRelocationMode=0 maps the cache at its preferred address (the JDK's default before JDK 20) instead of a
# random one: relocating it writes to every page, and ~28 MiB of it became memory private to the pod; mapped where it
# was written, the cache stays clean file pages, shared by every session pod of this image on a node (page cache,
# charged once). The cost is less address-space randomisation for the cache; heap, stacks and libraries keep theirs.
# If the address is taken, the JVM relocates as before. Measured in
# docs/benchmarks/2026-11-23-session-pod-stop-33-class-cache.md.
set -eu
data_dir="${KUBEZAP_DATA_DIR:-/var/lib/kubezap}"
mkdir -p "$data_dir/tmp"
here="$(dirname "$0")"
aot=""
if [ -f "$here/aot/session-pod.aot" ]; then
  aot="-XX:AOTCache=$here/aot/session-pod.aot"
fi
exec java @"$here/jvm.options" $aot -Djava.io.tmpdir="$data_dir/tmp" ${JAVA_OPTS:-} -jar "$here/quarkus-run.jar" "$@"
