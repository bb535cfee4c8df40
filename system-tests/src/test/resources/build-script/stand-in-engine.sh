#!/usr/bin/env bash
# A container engine stand-in for BuildScriptTagsTest: it keeps each "image" as a file under $STAND_IN_STORE holding
# its revision label, answers `image inspect` from there, and records every command in $STAND_IN_STORE/commands.
set -euo pipefail
store="${STAND_IN_STORE:?}"
echo "$*" >> "$store/commands"
file() { echo "$store/$(echo "$1" | tr '/:' '__')"; }
case "$1 ${2:-}" in
  "image inspect")
    ref="${*: -1}"
    [ -f "$(file "$ref")" ] || { echo "Error: $ref: image not known" >&2; exit 125; }
    if [ "$3" = --format ]; then cat "$(file "$ref")"; else echo '[{}]'; fi ;;
  "build "*)
    shift
    ref='' revision=''
    while [ $# -gt 0 ]; do
      case "$1" in
        -t) ref="$2"; shift ;;
        --label) case "$2" in org.opencontainers.image.revision=*) revision="${2#*=}" ;; esac; shift ;;
      esac
      shift
    done
    echo "$revision" > "$(file "$ref")" ;;
  *) ;;
esac
