#!/usr/bin/env bash
# Builds kubezap's container images — operator, gateway, session-pod, session-pod-baileys — from a clean checkout, with
# podman or Docker.
#
#   images/build.sh [--prebuilt] [--local-base] [--registry REGISTRY] [--tag TAG] [--platform LIST] [--output DIR]
#                   [--push] [--replace] [IMAGE...]
#
#   IMAGE          operator, gateway, session-pod, session-pod-baileys (default: all four). session-pod-baileys is the
#                  session-pod image of the same registry and tag plus Node.js and the Baileys bridge (sessions with
#                  spec.engine: Baileys); it is built after session-pod, or extends the one the engine has or pulls
#   --registry     default ghcr.io/kubezap: images are <registry>/<image>:<tag>
#   --tag          default: the chart's appVersion (helm/kubezap/Chart.yaml), the tag the chart installs
#   --prebuilt     take each module's target/quarkus-app from a reactor build already made
#                  (./mvnw -B package -DskipTests -pl session-pod,operator,gateway -am) instead of compiling inside
#                  the image build, and the Baileys bridge's packages as installed in the checkout (npm ci in
#                  session-pod-engine-baileys/src/main/baileys-bridge) instead of installing them: much faster when the reactor was
#                  built anyway (CI, images/build.sh in e2e/kind.sh), and no image or npm registry is reached. The
#                  application's SBOM is then made here (cyclonedx-maven-plugin makeBom, which refuses Maven's
#                  offline mode: the Maven repository must be reachable, as for the reactor build)
#   --local-base   stand-in base images built here from Debian's packages, this machine's JDK and, for
#                  session-pod-baileys, this machine's Node.js (images/local-base.sh), for machines that cannot pull
#                  eclipse-temurin and node
#   --platform     os/arch[,os/arch...], e.g. linux/amd64,linux/arm64 (default: the engine's own, a plain image).
#                  With podman <registry>/<image>:<tag> is then a manifest list, one build per platform
#                  (`--manifest`; pushed with `manifest push --all`). Another architecture than
#                  this machine's needs qemu-user-static and binfmt_misc, and cannot use --local-base (its bases hold
#                  this machine's JDK and Node.js). Docker: one platform at a time (several need buildx and a registry)
#   --output       where each image's SBOM and provenance are written (default images/target):
#                  DIR/<image>/<tag>/<os>-<arch>/provenance.json and sbom/ (images/README.md)
#   --push         push each image after building it (log in to the registry first)
#   --replace      build even where the engine already holds <registry>/<image>:<tag> built from another commit
#                  (a throwaway tag such as e2e/kind.sh's); without it the script refuses, naming both commits
#
# Every image carries the commit it was built from as the label org.opencontainers.image.revision (`git rev-parse
# HEAD`, with -dirty when the checkout has changes; $KUBEZAP_SOURCE_COMMIT instead when set, e.g. from a source
# tarball), its tag as org.opencontainers.image.version, the repository (the chart's home) as
# org.opencontainers.image.source and the build's start ($SOURCE_DATE_EPOCH when set) as
# org.opencontainers.image.created; its SBOM under /usr/share/kubezap/sbom (label io.kubezap.image.sbom). Next to it
# the script writes the SBOM and an in-toto/SLSA provenance statement (images/README.md); it needs jq for that.
# A tag names one build: before building anything, the script
# refuses when an image it is about to tag already exists in the engine from another commit (a release tag rebuilt
# under the same name would never reach the nodes that cached the first one, docs/releasing.md). It checks the
# engine's local images, not the registry's.
#
# Prints the references of the images it built on stdout, one a line; everything else goes to stderr.
# The engine is $CONTAINER_ENGINE, else podman if installed, else docker (images/engine.sh). Extra `build` options:
# $KUBEZAP_BUILD_OPTS (podman's default: `--network host`, so that the Maven stage reaches the Maven repository the
# host reaches).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/images/engine.sh"
. "$root/images/platforms.sh"
. "$root/images/provenance.sh"

# The commit the images come from: -dirty when the checkout differs from it (the same commit can then build another image)
source_commit() {
  if [ -n "${KUBEZAP_SOURCE_COMMIT:-}" ]; then
    echo "$KUBEZAP_SOURCE_COMMIT"
  elif commit="$(git -C "$root" rev-parse HEAD 2>/dev/null)"; then
    if [ -n "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ]; then commit="$commit-dirty"; fi
    echo "$commit"
  else
    echo "images/build.sh: $root is not a git checkout: set KUBEZAP_SOURCE_COMMIT to the commit it holds" >&2
    exit 2
  fi
}
revision_label=org.opencontainers.image.revision

# The revision label of an image the engine holds under $1; nothing when it holds none. An image without the label
# (built before the label was) reads "<no value>" or empty, which is another commit too.
built_from() {
  local label
  label="$(engine image inspect --format "{{ index .Config.Labels \"$revision_label\" }}" "$1" 2>/dev/null)" || return 0
  [ "$label" = "<no value>" ] || echo "$label"
}

refuse_reused_tags() {
  local image ref existing refused=false
  for image in "$@"; do
    ref="$registry/$image:$tag"
    if ! err="$(engine image inspect "$ref" 2>&1 >/dev/null)"; then
      # absent is fine; an engine that cannot read its store (a damaged manifest list, say) must not let a tag through
      if ! grep -qiE 'image not known|no such (image|object)' <<<"$err"; then
        echo "images/build.sh: cannot tell whether $ref already exists, so not tagging over it: $err" >&2
        refused=true
      fi
      continue
    fi
    existing="$(built_from "$ref")"
    if [ "$existing" != "$commit" ]; then
      echo "images/build.sh: $ref already exists, built from ${existing:-an unrecorded commit}, not $commit:" \
           "a tag names one build (choose another --tag, or --replace for a throwaway tag)" >&2
      refused=true
    fi
  done
  if $refused; then exit 1; fi
}

registry=ghcr.io/kubezap
tag="$(sed -n 's/^appVersion: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' "$root/helm/kubezap/Chart.yaml")"
source_url="$(sed -n 's/^home: *//p' "$root/helm/kubezap/Chart.yaml")"
prebuilt=false local_base=false push=false replace=false images=() platforms=() output="$root/images/target"
invocation="images/build.sh $*"
while [ $# -gt 0 ]; do
  case "$1" in
    --prebuilt) prebuilt=true ;;
    --local-base) local_base=true ;;
    --push) push=true ;;
    --replace) replace=true ;;
    --registry) registry="$2"; shift ;;
    --tag) tag="$2"; shift ;;
    --platform) IFS=, read -r -a platforms <<< "$2"; shift ;;
    --output) output="$2"; shift ;;
    operator|gateway|session-pod|session-pod-baileys) images+=("$1") ;;
    *) echo "images/build.sh: unknown argument '$1' (see the comment at the top of the script)" >&2; exit 2 ;;
  esac
  shift
done
[ ${#images[@]} -gt 0 ] || images=(operator gateway session-pod session-pod-baileys)
command -v jq >/dev/null || { echo "images/build.sh: jq is needed to write the provenance (apt-get install jq)" >&2; exit 2; }
check_platforms
commit="$(source_commit)"
$replace || refuse_reused_tags "${images[@]}"
created="$(date -u ${SOURCE_DATE_EPOCH:+-d "@$SOURCE_DATE_EPOCH"} +%Y-%m-%dT%H:%M:%SZ)"

if [ -z "${KUBEZAP_BUILD_OPTS+set}" ] && [ "$CONTAINER_ENGINE" = podman ]; then
  KUBEZAP_BUILD_OPTS="--network host"
fi
read -r -a build_opts <<< "${KUBEZAP_BUILD_OPTS:-}"

bases=() node_base=()
if $local_base; then
  if $prebuilt; then kinds=(jre); else kinds=(jdk jre); fi
  mapfile -t made < <("$root/images/local-base.sh" "${kinds[@]}")
  # with --prebuilt nothing compiles: the stage that takes the application in runs on the JRE too
  bases+=(--build-arg "BUILD_BASE=${made[0]}")
  bases+=(--build-arg "RUNTIME_BASE=${made[-1]}")
  if [[ " ${images[*]} " == *" session-pod-baileys "* ]]; then
    node_base=(--build-arg "NODE_BASE=$("$root/images/local-base.sh" node)")
  fi
fi

# images/<dir>/Dockerfile and the module it packages
dockerfile_dir() {
  case "$1" in
    session-pod|session-pod-baileys) echo "$1" ;;
    *) echo quarkus-service ;;
  esac
}

# The build context: the repository (the Maven stage compiles it), or with --prebuilt a small staged one: the image's
# own files and the module's quarkus-app as prebuilt/quarkus-app (hard links where the file system allows).
stage_prebuilt() {
  local module="$1" app="$root/$1/target/quarkus-app" context
  [ -f "$app/quarkus-run.jar" ] || {
    echo "images/build.sh: no $module/target/quarkus-app — build the reactor first:" \
         "./mvnw -B package -DskipTests -pl session-pod,operator,gateway -am" >&2
    exit 1
  }
  context="$(mktemp -d)"
  mkdir -p "$context/images" "$context/prebuilt"
  cp -a "$root/images/$(dockerfile_dir "$module")" "$context/images/"
  cp -al "$app" "$context/prebuilt/quarkus-app" 2>/dev/null || cp -a "$app" "$context/prebuilt/quarkus-app"
  mkdir "$context/prebuilt/sbom"
  cp "$root/$module/target/application.cdx.json" "$context/prebuilt/sbom/"
  echo "$context"
}

# session-pod-baileys: the bridge's own directory is the context (its packages are installed inside the build), or
# with --prebuilt a staged one holding the bridge as installed in the checkout, as prebuilt/baileys-bridge
build_baileys() {
  local args=("$@") bridge="$root/session-pod-engine-baileys/src/main/baileys-bridge"
  if $prebuilt; then
    [ -d "$bridge/node_modules/baileys" ] || {
      echo "images/build.sh: the Baileys bridge's packages are not installed — run npm ci in $bridge first" >&2
      exit 1
    }
    local context
    context="$(mktemp -d)"
    mkdir -p "$context/prebuilt"
    cp -al "$bridge" "$context/prebuilt/baileys-bridge" 2>/dev/null || cp -a "$bridge" "$context/prebuilt/baileys-bridge"
    build_platforms "${args[@]}" --build-arg BRIDGE_FROM=prebuilt "$context"
    rm -rf "$context"
  else
    [ "$CONTAINER_ENGINE" != podman ] || args+=(--ignorefile "$root/images/session-pod-baileys/Dockerfile.dockerignore")
    build_platforms "${args[@]}" "$bridge"
  fi
}

# The application's SBOM for --prebuilt (the Dockerfiles make it themselves otherwise): one Maven run for every Java
# image asked for; the CycloneDX plugin needs Maven online (it reads the dependencies' metadata)
prebuilt_sboms() {
  local modules=() image
  for image in "${images[@]}"; do [ "$image" = session-pod-baileys ] || modules+=("$image"); done
  [ ${#modules[@]} -gt 0 ] || return 0
  echo "images/build.sh: the SBOM of ${modules[*]} (cyclonedx-maven-plugin makeBom)" >&2
  (cd "$root" && ./mvnw -B -q -pl "$(IFS=,; echo "${modules[*]}")" -am org.cyclonedx:cyclonedx-maven-plugin:makeBom) >&2
}

# session-pod first: session-pod-baileys extends it
ordered=()
for image in "${images[@]}"; do [ "$image" = session-pod-baileys ] || ordered+=("$image"); done
for image in "${images[@]}"; do [ "$image" != session-pod-baileys ] || ordered+=("$image"); done

! $prebuilt || prebuilt_sboms
for image in "${ordered[@]}"; do
  dir="$(dockerfile_dir "$image")"
  ref="$registry/$image:$tag"
  args=(-f "$root/images/$dir/Dockerfile" --label "$revision_label=$commit"
        --label "org.opencontainers.image.version=$tag" --label "org.opencontainers.image.source=$source_url"
        --label "org.opencontainers.image.created=$created" "${build_opts[@]}")
  if [ "$dir" = session-pod-baileys ]; then
    args+=(${node_base[@]+"${node_base[@]}"} --build-arg "SESSION_POD_IMAGE=$registry/session-pod:$tag")
  else
    args+=(${bases[@]+"${bases[@]}"})
  fi
  [ "$dir" != quarkus-service ] || args+=(--build-arg "MODULE=$image")
  echo "images/build.sh: building $ref" >&2
  if [ "$dir" = session-pod-baileys ]; then
    build_baileys "${args[@]}"
  elif $prebuilt; then
    context="$(stage_prebuilt "$image")"
    build_platforms "${args[@]}" --build-arg APP_FROM=prebuilt "$context"
    rm -rf "$context"
  else
    [ "$CONTAINER_ENGINE" != podman ] || args+=(--ignorefile "$root/images/$dir/Dockerfile.dockerignore")
    build_platforms "${args[@]}" "$root"
  fi
  for id in "${built_ids[@]}"; do write_provenance "$image" "$ref" "$id" "${args[@]}"; done
  if $push; then
    push_image "$ref"
  fi
  echo "$ref"
done
