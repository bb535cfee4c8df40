# Sourced (POSIX sh) by ./mvnw, .ci/run and session-pod/kubezap-local: makes JAVA_HOME point at a
# JDK 21 or newer, so the README's commands work as written on a machine whose default java is older.
# Keeps a JAVA_HOME (or a java on the PATH) that is already new enough; otherwise looks in the
# directories of KUBEZAP_JDK_DIRS (default: /usr/lib/jvm, /usr/local/opt, ~/.sdkman/candidates/java),
# newest first, and exports the first JDK >= 21 it finds.
# Fails with a message naming what it looked at when there is none.

# The feature release of the JDK at $1: from its release file when it has one (starting a JVM to ask costs
# ~0.2 s, on every start of kubezap-local), else from the JVM itself.
kubezap_jdk_major() {
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -n 1
  else
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
  fi
}

kubezap_jdk_ok() {
  [ -x "$1/bin/javac" ] || return 1
  kubezap_major=$(kubezap_jdk_major "$1")
  [ -n "$kubezap_major" ] && [ "$kubezap_major" -ge 21 ]
}

kubezap_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && kubezap_jdk_ok "$JAVA_HOME"; then return 0; fi
  if [ -z "${JAVA_HOME:-}" ] && command -v javac >/dev/null 2>&1; then
    kubezap_home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if kubezap_jdk_ok "$kubezap_home"; then JAVA_HOME=$kubezap_home; export JAVA_HOME; return 0; fi
  fi
  for kubezap_dir in $(find ${KUBEZAP_JDK_DIRS:-/usr/lib/jvm /usr/local/opt "${HOME:-/nonexistent}/.sdkman/candidates/java"} \
      -mindepth 1 -maxdepth 1 2>/dev/null | sort -rV); do
    if kubezap_jdk_ok "$kubezap_dir"; then JAVA_HOME=$kubezap_dir; export JAVA_HOME; return 0; fi
  done
  echo "kubezap: no JDK 21 or newer found (looked at JAVA_HOME=${JAVA_HOME:-<unset>}, the java on the PATH, ${KUBEZAP_JDK_DIRS:-/usr/lib/jvm/*})." >&2
  echo "kubezap: install one (e.g. Temurin 21 or 25) and set JAVA_HOME to it." >&2
  return 1
}

kubezap_find_jdk || exit 1
