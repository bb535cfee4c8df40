#!/usr/bin/env bash
# Stand-in base images, built from Debian's packages and this machine's JDK, for machines that cannot pull
# eclipse-temurin (no registry reachable). images/build.sh --local-base uses them; a machine that can pull never needs
# this script.
#
#   images/local-base.sh [jre|jdk|node]... (default: jre)  prints the image names it made, one a line
#
#   localhost/kubezap-base/jre:<feature>  Debian bookworm (debootstrap, variant minbase) + a Java runtime made by
#                                          jlink from the JDK (its modules but jlink and jpackage, which a JDK without jmods cannot link) at /opt/java/openjdk
#   localhost/kubezap-base/jdk:<feature>  the same with the whole JDK: the Dockerfiles' Maven build stage
#   localhost/kubezap-base/node:<version> Debian bookworm + this machine's Node.js and npm in /usr/local, as the official
#                                          node images lay them out, and this machine's CA certificates, given to node as
#                                          NODE_EXTRA_CA_CERTS (npm reaches the registry as this machine does): the
#                                          session-pod-baileys image's NODE_BASE (its build stage; the image keeps only node).
#                                          Node.js 20+ with a node binary linked against glibc and libstdc++ only, as
#                                          nodejs.org's and NodeSource's builds are (Debian's own nodejs, 18 in
#                                          bookworm, is older than Baileys accepts and lives in shared libraries)
#
# Like the public images, java is on the PATH and JAVA_HOME is /opt/java/openjdk. Unlike them, no user exists but root:
# the Dockerfiles must not rely on one (the public images happen to have uid 1000).
# The JDK: $KUBEZAP_BASE_JDK, or else the newest JDK 21+ that .mvn/find-jdk.sh finds (a Java 25 one runs the session
# pod's ahead-of-time cache). Node.js: $KUBEZAP_BASE_NODE (its node executable), or else the node on the PATH. The debootstrap tree is cached as a tarball under $KUBEZAP_CACHE_DIR
# (~/.cache/kubezap) and an image already in the engine's store is kept: only the first run takes minutes.
# Needs root, debootstrap, and podman or docker ($CONTAINER_ENGINE).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/images/engine.sh"
. "$root/images/rootfs.sh"

cache="${KUBEZAP_CACHE_DIR:-$HOME/.cache/kubezap}"
suite="${KUBEZAP_BASE_SUITE:-bookworm}"
mirror="${KUBEZAP_BASE_MIRROR:-http://deb.debian.org/debian}"
jdk="${KUBEZAP_BASE_JDK:-}"
if [ -z "$jdk" ]; then
  jdk="$(unset JAVA_HOME; PATH=/usr/bin:/bin; . "$root/.mvn/find-jdk.sh" >/dev/null && echo "$JAVA_HOME")"
fi
feature="$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"

# ca-certificates: webhooks to https endpoints; the rest of minbase is what eclipse-temurin's Ubuntu has too
debootstrap_minbase() {
  debootstrap --variant=minbase --include=ca-certificates,tzdata "$suite" "$1" "$mirror" >&2
}

rootfs_tar() {
  cached_rootfs "$cache/debian-$suite-minbase.tar" debootstrap_minbase
}

debian_image() {
  local image="localhost/kubezap-base/debian:$suite"
  if ! engine image inspect "$image" >/dev/null 2>&1; then
    engine import "$(rootfs_tar)" "$image" >&2
  fi
  echo "$image"
}

java_image() {
  local kind="$1" image="localhost/kubezap-base/$1:$feature"
  if engine image inspect "$image" >/dev/null 2>&1; then
    echo "$image"
    return
  fi
  local context
  context="$(mktemp -d)"
  if [ "$kind" = jdk ]; then
    cp -a "$jdk" "$context/java"
    # the JDK's trust store as this machine has it, so the Maven stage reaches the Maven repository as this machine
    # does: Debian's JDK packages make it a link to /etc/ssl/certs/java/cacerts, which the stand-in does not have
    if [ -L "$context/java/lib/security/cacerts" ]; then
      rm "$context/java/lib/security/cacerts"
      cp -L "$jdk/lib/security/cacerts" "$context/java/lib/security/cacerts"
    fi
  else
    "$jdk/bin/jlink" --add-modules "$("$jdk/bin/java" --list-modules | sed 's/@.*//' | grep -vxE 'jdk.jlink|jdk.jpackage' | paste -sd, -)" --strip-debug --no-man-pages --no-header-files \
      --output "$context/java" >&2
  fi
  cat > "$context/Dockerfile" <<EOF
FROM $(debian_image)
COPY java /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8
EOF
  engine build -t "$image" "$context" >&2
  rm -rf "$context"
  echo "$image"
}

node_image() {
  local node npm version image
  node="${KUBEZAP_BASE_NODE:-$(command -v node || true)}"
  [ -n "$node" ] || { echo "local-base.sh: no node on the PATH (Node.js 20+; or set KUBEZAP_BASE_NODE)" >&2; exit 1; }
  node="$(readlink -f "$node")"
  npm="$(dirname "$node")/../lib/node_modules/npm"
  version="$("$node" --version | sed 's/^v//')"
  image="localhost/kubezap-base/node:$version"
  if engine image inspect "$image" >/dev/null 2>&1; then
    echo "$image"
    return
  fi
  [ -f "$npm/bin/npm-cli.js" ] || { echo "local-base.sh: no npm beside $node (looked in $npm)" >&2; exit 1; }
  local context
  context="$(mktemp -d)"
  mkdir -p "$context/bin" "$context/lib/node_modules"
  cp "$node" "$context/bin/node"
  cp -a "$npm" "$context/lib/node_modules/npm"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$context/bin/npm"
  cp -L /etc/ssl/certs/ca-certificates.crt "$context/ca-certificates.crt"
  cat > "$context/Dockerfile" <<EOF
FROM $(debian_image)
COPY bin /usr/local/bin
COPY lib /usr/local/lib
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
EOF
  engine build -t "$image" "$context" >&2
  rm -rf "$context"
  echo "$image"
}

for kind in "${@:-jre}"; do
  case "$kind" in
    jre|jdk) java_image "$kind" ;;
    node) node_image ;;
    *) echo "local-base.sh: unknown base '$kind' (jre, jdk or node)" >&2; exit 2 ;;
  esac
done
