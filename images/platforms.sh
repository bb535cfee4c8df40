# Sourced by images/build.sh: the platforms an image is built for (--platform). None: a plain image of the engine's
# own platform; with podman, a manifest list under the image's reference, one build per platform.
# Reads $platforms, $local_base and $ref; build_platforms sets $built_ids, the id of each platform's image.

host_arch() {
  case "$(uname -m)" in
    x86_64) echo amd64 ;;
    aarch64|arm64) echo arm64 ;;
    *) uname -m ;;
  esac
}

# Before anything is built: each platform is os/arch[/variant], several need podman, --local-base only this machine's
check_platforms() {
  local platform host="linux/$(host_arch)"
  for platform in ${platforms[@]+"${platforms[@]}"}; do
    if ! [[ "$platform" =~ ^[a-z0-9]+/[a-z0-9_]+(/[a-z0-9]+)?$ ]]; then
      echo "images/build.sh: --platform '$platform' is not os/arch (e.g. linux/arm64)" >&2
      exit 2
    fi
    if $local_base && [ "$platform" != "$host" ]; then
      echo "images/build.sh: --local-base cannot build $platform: its base images hold this machine's JDK and" \
           "Node.js ($host); build other platforms on the public bases" >&2
      exit 2
    fi
  done
  if [ ${#platforms[@]} -gt 1 ] && [ "$CONTAINER_ENGINE" != podman ]; then
    echo "images/build.sh: several platforms make a manifest list in podman's store; with $CONTAINER_ENGINE build" \
         "one platform at a time (or use docker buildx with a registry)" >&2
    exit 2
  fi
}

# engine build for each platform, with the build's own arguments: with podman and --platform, a manifest list of one
# image per platform (also for one platform: what is pushed is then a list, as registries serve multi-arch images)
build_platforms() {
  local iid platform
  iid="$(mktemp)"
  built_ids=()
  if [ ${#platforms[@]} -gt 0 ] && [ "$CONTAINER_ENGINE" = podman ]; then
    # a fresh list: the one a previous build of this tag left would keep its images
    engine manifest rm "$ref" >/dev/null 2>&1 || engine rmi "$ref" >/dev/null 2>&1 || true
    for platform in "${platforms[@]}"; do
      engine build --platform "$platform" --manifest "$ref" "$@" >&2
      built_ids+=("$(instance_id "$ref" "$platform")")
    done
  else
    local platform_args=()
    [ ${#platforms[@]} -eq 0 ] || platform_args=(--platform "${platforms[0]}")
    engine build ${platform_args[@]+"${platform_args[@]}"} -t "$ref" --iidfile "$iid" "$@" >&2
    built_ids+=("$(cat "$iid")")
  fi
  rm -f "$iid"
}

# The id of the image a manifest list holds for a platform (podman's --iidfile names the list, not the image)
instance_id() {
  local os="${2%%/*}" arch digest
  arch="${2#*/}"
  arch="${arch%%/*}"
  digest="$(engine manifest inspect "$1" | jq -r --arg os "$os" --arg arch "$arch" \
    '[.manifests[] | select(.platform.os == $os and .platform.architecture == $arch)] | last | .digest')"
  engine image inspect --format '{{.Id}}' "$1@$digest"
}

push_image() {
  if [ ${#platforms[@]} -gt 0 ] && [ "$CONTAINER_ENGINE" = podman ]; then
    engine manifest push --all "$1" "docker://$1" >&2
  else
    engine push "$1" >&2
  fi
}
