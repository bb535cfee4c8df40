# Sourced by the base-image scripts (images/local-base.sh, images/foreign-base.sh): a Debian tree made once and kept
# as a tarball.
#   cached_rootfs TAR MAKE   runs `MAKE DIR` (debootstrap into DIR) unless TAR exists, drops apt's caches, writes TAR;
#                            prints TAR
cached_rootfs() {
  local tar="$1" make="$2"
  if [ ! -s "$tar" ]; then
    mkdir -p "$(dirname "$tar")"
    local tree
    tree="$(mktemp -d)"
    "$make" "$tree"
    rm -rf "$tree"/var/cache/apt/archives/*.deb "$tree"/var/lib/apt/lists/*
    # runc refuses to mount proc on the symlink a debootstrap --foreign tree can leave there
    if [ -L "$tree/proc" ]; then rm "$tree/proc" && mkdir "$tree/proc"; fi
    tar -C "$tree" -cf "$tar.$$.partial" .
    rm -rf "$tree"
    mv "$tar.$$.partial" "$tar"
  fi
  echo "$tar"
}
