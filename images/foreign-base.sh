#!/usr/bin/env bash
# Base images of another architecture than this machine's (arm64 on an x86_64 builder), for images/build.sh --platform
# where eclipse-temurin and node cannot be pulled. Made from Debian's and npm's packages; the Debian half runs under
# qemu, so the first run takes many minutes (debootstrap's second stage: ~10 min on a loaded 2-core machine). A machine
# that can pull never needs this script (the public bases are multi-arch).
#
#   images/foreign-base.sh ARCH [java|node]...   ARCH: Debian's name (arm64); default java node. Prints the images made.
#
#   localhost/kubezap-base/java-<arch>:25          Debian trixie minbase + ca-certificates + openjdk-25-jre-headless
#                                                  (Debian's Java 25: bookworm has none), JAVA_HOME and PATH set: the
#                                                  RUNTIME_BASE of every image and, with --prebuilt, its BUILD_BASE
#   localhost/kubezap-base/node-<arch>:<version>   that image + nodejs.org's node for ARCH, as npm's node-linux-<arch>
#                                                  package ships it (linked against glibc and libstdc++ only, as the
#                                                  Dockerfile wants), and npm, in /usr/local as the official node images
#                                                  lay them out: session-pod-baileys' NODE_BASE. Node's version is this
#                                                  machine's (or $KUBEZAP_BASE_NODE_VERSION)
#
# Needs root, debootstrap, npm, qemu-user-static and binfmt_misc: qemu-<arch> is registered from
# /usr/lib/binfmt.d/qemu-<arch>.conf when it is not (binfmt_misc mounted first if need be); it stays registered.
# The Debian tree is cached as a tarball under $KUBEZAP_CACHE_DIR (~/.cache/kubezap); an image already in the
# engine's store is kept.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/images/engine.sh"
. "$root/images/rootfs.sh"

arch="${1:?usage: images/foreign-base.sh ARCH [java|node]...}"
shift
cache="${KUBEZAP_CACHE_DIR:-$HOME/.cache/kubezap}"
mirror="${KUBEZAP_BASE_MIRROR:-http://deb.debian.org/debian}"
suite=trixie
case "$arch" in
  arm64) qemu=aarch64 node_arch=arm64 ;;
  amd64) qemu=x86_64 node_arch=x64 ;;
  *) echo "foreign-base.sh: unknown architecture '$arch' (arm64, amd64)" >&2; exit 2 ;;
esac

ensure_binfmt() {
  [ "$(uname -m)" != "$qemu" ] || return 0
  local dir=/proc/sys/fs/binfmt_misc
  [ -e "$dir/register" ] || mount -t binfmt_misc binfmt_misc "$dir"
  if [ ! -e "$dir/qemu-$qemu" ]; then
    local conf="/usr/lib/binfmt.d/qemu-$qemu.conf"
    [ -f "$conf" ] || { echo "foreign-base.sh: no $conf: apt-get install qemu-user-static" >&2; exit 1; }
    cat "$conf" > "$dir/register"
  fi
}

# Debian's Java 25 for $arch: the packages fetched here, their scripts run under qemu (debootstrap's second stage)
debootstrap_java() {
  debootstrap --foreign --arch "$arch" --variant=minbase --include=ca-certificates,openjdk-25-jre-headless \
    "$suite" "$1" "$mirror" >&2
  chroot "$1" /debootstrap/debootstrap --second-stage >&2
}

java_tar() {
  cached_rootfs "$cache/debian-$suite-$arch-java25.tar" debootstrap_java
}

java_image() {
  local image="localhost/kubezap-base/java-$arch:25"
  if ! engine image inspect "$image" >/dev/null 2>&1; then
    local java_home="/usr/lib/jvm/java-25-openjdk-$arch"
    engine import --os linux --arch "$arch" \
      --change "ENV JAVA_HOME=$java_home" \
      --change "ENV PATH=$java_home/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
      --change "ENV LANG=C.UTF-8" "$(java_tar)" "$image" >&2
  fi
  echo "$image"
}

node_image() {
  local version="${KUBEZAP_BASE_NODE_VERSION:-$(node --version | sed 's/^v//')}" npm_version
  local image="localhost/kubezap-base/node-$arch:$version"
  if engine image inspect "$image" >/dev/null 2>&1; then
    echo "$image"
    return
  fi
  npm_version="$(npm --version)"
  local context
  context="$(mktemp -d)"
  (cd "$context" && npm pack --silent "node-linux-$node_arch@$version" "npm@$npm_version" >/dev/null)
  mkdir -p "$context/bin" "$context/lib/node_modules/npm" "$context/node"
  tar -xzf "$context/node-linux-$node_arch-$version.tgz" -C "$context/node" --strip-components=1
  tar -xzf "$context/npm-$npm_version.tgz" -C "$context/lib/node_modules/npm" --strip-components=1
  cp "$context/node/bin/node" "$context/bin/node"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$context/bin/npm"
  cat > "$context/Dockerfile" <<EOF
FROM $(java_image)
COPY bin /usr/local/bin
COPY lib /usr/local/lib
EOF
  engine build --platform "linux/$arch" -t "$image" -f "$context/Dockerfile" "$context" >&2
  rm -rf "$context"
  echo "$image"
}

[ $# -gt 0 ] || set -- java node
ensure_binfmt
for kind in "$@"; do
  case "$kind" in
    java) java_image ;;
    node) node_image ;;
    *) echo "foreign-base.sh: unknown base '$kind' (java or node)" >&2; exit 2 ;;
  esac
done
