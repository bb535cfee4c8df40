#!/usr/bin/env bash
# A container engine stand-in for BuildScriptTagsTest: it keeps each "image" as files under $STAND_IN_STORE — under its
# reference (or manifest list) and under its id, holding its revision label, and its platform; a manifest list's
# entries — answers `image inspect`, `manifest inspect` and `cp` (an SBOM naming one component, a dpkg status naming libc6) from there, and records every command in
# $STAND_IN_STORE/commands.
set -euo pipefail
store="${STAND_IN_STORE:?}"
echo "$*" >> "$store/commands"
file() { echo "$store/$(echo "$1" | tr '/:' '__')"; }
case "$1 ${2:-}" in
  "--version "*) echo "stand-in-engine version 1.0" ;;
  "manifest inspect")
    jq -s '{manifests: .}' "$(file "$3").manifests" ;;
  "image inspect")
    ref="${*: -1}"
    ref="${ref#*@}"
    [ -f "$(file "$ref")" ] || { echo "Error: $ref: image not known" >&2; exit 125; }
    case "${4:-}" in
      *.Os*.Id*) echo "$(cat "$(file "$ref").platform" 2>/dev/null || echo linux/amd64) $(cat "$(file "$ref").id")" ;;
      *.Os*) cat "$(file "$ref").platform" 2>/dev/null || echo linux/amd64 ;;
      *.Id*) cat "$(file "$ref").id" ;;
      *) if [ "$3" = --format ]; then cat "$(file "$ref")"; else echo '[{}]'; fi ;;
    esac ;;
  "build "*)
    shift
    ref='' list='' revision='' iidfile='' platform=linux/amd64
    while [ $# -gt 0 ]; do
      case "$1" in
        -t) ref="$2"; shift ;;
        --manifest) ref="$2" list="$2"; shift ;;
        --iidfile) iidfile="$2"; shift ;;
        --platform) platform="$2"; shift ;;
        --label) case "$2" in org.opencontainers.image.revision=*) revision="${2#*=}" ;; esac; shift ;;
      esac
      shift
    done
    id="sha256:$(echo "$ref $platform $revision" | sha256sum | cut -d' ' -f1)"
    for name in "$ref" "$id"; do
      echo "$revision" > "$(file "$name")"
      echo "$platform" > "$(file "$name").platform"
      echo "$id" > "$(file "$name").id"
    done
    [ -z "$iidfile" ] || echo "$id" > "$iidfile"
    [ -z "$list" ] || jq -n --arg digest "$id" --arg os "${platform%%/*}" --arg arch "${platform#*/}" \
      '{digest: $digest, platform: {os: $os, architecture: $arch}}' >> "$(file "$list").manifests" ;;
  "cp "*)
    case "$2" in
      *:/usr/share/kubezap/sbom/.) echo '{"components": [{"purl": "pkg:maven/io.kubezap/stand-in@1"}]}' > "$3/application.cdx.json" ;;
      *:/var/lib/dpkg/status) echo "Package: libc6" > "$3" ;;
    esac ;;
  *) ;;
esac
