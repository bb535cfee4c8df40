# Sourced by images/build.sh: what is written next to each image it builds, in
# $output/<image>/<tag>/<os>-<arch>/ (images/README.md):
#   sbom/          the image's /usr/share/kubezap/sbom (CycloneDX: application.cdx.json, baileys-bridge.cdx.json) and
#                  its base's Debian package database (/var/lib/dpkg/status) as dpkg-status
#   provenance.json an in-toto statement with a SLSA v1 provenance predicate: the image id, the commit and whether
#                  the checkout was dirty, the command, the base images and their ids, the digest of each resolved
#                  dependency set (Maven's, as the SBOM lists it; npm's package-lock.json), the engine
# Reads $output, $tag, $commit, $created, $source_url, $invocation, $root and $CONTAINER_ENGINE.

bridge_lock="session-pod-engine-baileys/src/main/baileys-bridge/package-lock.json"

# write_provenance IMAGE REF IMAGE-ID BUILD-ARGS...
write_provenance() {
  local image="$1" ref="$2" id="$3" platform dir
  shift 3
  platform="$(engine image inspect --format '{{.Os}}/{{.Architecture}}' "$id")"
  dir="$output/$image/$tag/${platform//\//-}"
  rm -rf "$dir"
  mkdir -p "$dir/sbom"
  copy_sbom "$id" "$dir/sbom"
  provenance "$image" "$ref" "$id" "$platform" "$dir/sbom" "$@" > "$dir/provenance.json"
  echo "images/build.sh: $ref ($platform): SBOM and provenance in $dir" >&2
}

copy_sbom() {
  local container="kubezap-sbom-$$" copied=0
  engine create --name "$container" "$1" >/dev/null
  engine cp "$container:/usr/share/kubezap/sbom/." "$2/" && engine cp "$container:/var/lib/dpkg/status" "$2/dpkg-status" \
    || copied=$?
  engine rm "$container" >/dev/null
  return "$copied"
}

# The value of a build argument: as given to the build, else the Dockerfile's default
build_arg() {
  local name="$1" dockerfile='' given=''
  shift
  while [ $# -gt 0 ]; do
    case "$1" in
      -f) dockerfile="$2"; shift ;;
      --build-arg) [ "${2%%=*}" != "$name" ] || given="${2#*=}"; shift ;;
    esac
    shift
  done
  if [ -n "$given" ]; then echo "$given"; else sed -n "s/^ARG $name=//p" "$dockerfile"; fi
}

# The images the build started from, as resolvedDependencies: name, reference, and the id of the image the engine
# holds under that reference when it is of the platform built (a pull for another platform replaces it)
base_images() {
  local image="$1" platform="$2" name reference id
  shift 2
  local names=(BUILD_BASE RUNTIME_BASE)
  [ "$image" != session-pod-baileys ] || names=(NODE_BASE SESSION_POD_IMAGE)
  for name in "${names[@]}"; do
    reference="$(build_arg "$name" "$@")"
    id="$(engine image inspect --format '{{.Os}}/{{.Architecture}} {{.Id}}' "$reference" 2>/dev/null || true)"
    case "$id" in "$platform "*) id="${id#* }" ;; *) id='' ;; esac
    jq -n --arg name "$name" --arg uri "oci:$reference" --arg id "${id#sha256:}" \
      '{name: $name, uri: $uri} + (if $id == "" then {} else {digest: {sha256: $id}} end)'
  done
}

# Each resolved dependency set: an SBOM's components (sorted package URLs) and the bridge's lockfile
dependency_sets() {
  local image="$1" sbom="$2" file
  for file in "$sbom"/*.cdx.json; do
    jq -n --arg name "$(basename "$file"): resolved components (sorted purls)" \
      --arg digest "$(jq -r '[.components[]?.purl] | sort | .[]' "$file" | sha256sum | cut -d' ' -f1)" \
      '{name: $name, digest: {sha256: $digest}}'
  done
  if [ "$image" = session-pod-baileys ]; then
    jq -n --arg uri "git+$source_url@${commit%-dirty}#$bridge_lock" \
      --arg digest "$(sha256sum "$root/$bridge_lock" | cut -d' ' -f1)" '{name: "npm lockfile", uri: $uri, digest: {sha256: $digest}}'
  fi
}

# provenance IMAGE REF IMAGE-ID PLATFORM SBOM-DIR BUILD-ARGS...
provenance() {
  local image="$1" ref="$2" id="$3" platform="$4" sbom="$5" build_args=() arg
  shift 5
  local previous=''
  for arg in "$@"; do
    [ "$previous" != --build-arg ] || build_args+=("$arg")
    previous="$arg"
  done
  {
    jq -n --arg uri "git+$source_url@${commit%-dirty}" --arg commit "${commit%-dirty}" \
      '{name: "source", uri: $uri} + (if ($commit | test("^[0-9a-f]{40}$")) then {digest: {gitCommit: $commit}} else {} end)'
    base_images "$image" "$platform" "$@"
    dependency_sets "$image" "$sbom"
  } | jq -s \
    --arg ref "$ref" --arg id "${id#sha256:}" --arg platform "$platform" --arg image "$image" \
    --arg command "$invocation" --arg commit "$commit" --arg source "$source_url" --arg created "$created" \
    --arg finished "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --arg engine "$CONTAINER_ENGINE" \
    --arg engine_version "$(engine --version 2>/dev/null | head -1)" --arg host "$(uname -n)" \
    --args '{
      _type: "https://in-toto.io/Statement/v1",
      subject: [{name: $ref, digest: {sha256: $id}}],
      predicateType: "https://slsa.dev/provenance/v1",
      predicate: {
        buildDefinition: {
          buildType: ($source + "/blob/main/images/README.md#provenance"),
          externalParameters: {command: $command, image: $image, reference: $ref, platform: $platform,
                               source: {revision: ($commit | sub("-dirty$"; "")), dirty: ($commit | endswith("-dirty"))}},
          internalParameters: {buildArgs: $ARGS.positional, engine: $engine},
          resolvedDependencies: .
        },
        runDetails: {
          builder: {id: ($source + "/blob/" + ($commit | sub("-dirty$"; "")) + "/images/build.sh"),
                    version: {engine: $engine_version}},
          metadata: {invocationId: ($host + "/" + $created + "/" + $image + "/" + $platform),
                     startedOn: $created, finishedOn: $finished}
        }
      }
    }' ${build_args[@]+"${build_args[@]}"}
}
