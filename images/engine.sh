# Sourced by the image scripts (images/build.sh, images/local-base.sh, e2e/kind.sh): `engine ...` runs the container
# engine, $CONTAINER_ENGINE (podman or docker; default: podman if installed, else docker).
# podman gets $KUBEZAP_PODMAN_OPTS before its command; unset, and with runc installed, `--runtime runc
# --cgroup-manager cgroupfs`: crun, podman's default runtime, fails on machines with cgroup v1 and tight rlimits (the
# one kubezap is developed on), runc does not. Its `run` and `build` get this shell's open-files limits
# (`--ulimit nofile=<soft>:<hard>`), and `run` a process limit no higher than the kernel's pid_max: podman's own
# defaults can exceed what the host allows, and the container then fails to start with "error setting rlimit type 7"
# (open files) or "type 6" (processes; seen on a machine whose pid_max, 32768, was below its reported limit).
if [ -z "${CONTAINER_ENGINE:-}" ]; then
  if command -v podman >/dev/null; then CONTAINER_ENGINE=podman; else CONTAINER_ENGINE=docker; fi
fi
if [ "$CONTAINER_ENGINE" = podman ] && [ -z "${KUBEZAP_PODMAN_OPTS+set}" ] && command -v runc >/dev/null; then
  KUBEZAP_PODMAN_OPTS="--runtime runc --cgroup-manager cgroupfs"
fi
engine() {
  if [ "$CONTAINER_ENGINE" = podman ]; then
    local command="$1"
    shift
    case "$command" in
      build) set -- "$command" --ulimit "nofile=$(ulimit -Sn):$(ulimit -Hn)" "$@" ;;
      run)
        local nproc pid_max
        nproc="$(ulimit -Hu)"
        pid_max="$(cat /proc/sys/kernel/pid_max 2>/dev/null || echo "$nproc")"
        if [ "$nproc" = unlimited ] || [ "$nproc" -gt "$pid_max" ]; then nproc="$pid_max"; fi
        set -- "$command" --ulimit "nofile=$(ulimit -Sn):$(ulimit -Hn)" --ulimit "nproc=$nproc:$nproc" "$@" ;;
      *) set -- "$command" "$@" ;;
    esac
    # shellcheck disable=SC2086 # options, split on purpose
    podman ${KUBEZAP_PODMAN_OPTS:-} "$@"
  else
    "$CONTAINER_ENGINE" "$@"
  fi
}
