#!/usr/bin/env bash
# Makes an offline bundle for edge sites that cannot reach a Debian mirror: the tenkaid package and
# every package it depends on, down to libc, as a flat apt repository (the .debs and a Packages
# index). Put it in the workspace's packages/ folder as offline-CODENAME-ARCH; provisioning uploads
# it to a package site whose apt cannot find tenkaid's dependencies and installs from it alone
# (docs/deployment.md). Run it on a Debian machine of the sites' release and architecture, with
# its mirror reachable; root is not needed.
#
#   scripts/make-offline-bundle.sh TENKAID_DEB OUT_DIR
#
# OUT_DIR is made fresh; its name should be offline-CODENAME-ARCH (e.g. offline-bookworm-amd64).
set -euo pipefail

die() { echo "make-offline-bundle.sh: $*" >&2; exit 1; }
[[ $# -eq 2 ]] || die "usage: $0 TENKAID_DEB OUT_DIR"
deb=$(realpath -e "$1") || die "no such package: $1"
out=$(realpath -m "$2")
command -v apt-get >/dev/null || die "apt-get is missing: run this on Debian"
command -v dpkg-scanpackages >/dev/null || die "dpkg-scanpackages is missing: apt-get install dpkg-dev"
[[ $(dpkg-deb -f "$deb" Package) == tenkaid ]] || die "$deb is not the tenkaid package"
arch=$(dpkg-deb -f "$deb" Architecture)
[[ $arch == "$(dpkg --print-architecture)" || $arch == all ]] ||
    die "$deb is for $arch, this machine is $(dpkg --print-architecture): run it on a $arch machine"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/archives/partial"
: >"$work/status"
# An empty dpkg status: apt takes nothing as installed and downloads the whole closure of the
# Depends, so the bundle serves a site whatever it already has. The machine's own lists are read,
# its state is not touched.
apt-get install --download-only -y -q --no-install-recommends \
    -o Dir::State::status="$work/status" -o Dir::Cache::archives="$work/archives" \
    -o Debug::NoLocking=1 -o APT::Sandbox::User=root "$deb" >&2

rm -rf "$out"
mkdir -p "$out"
mv "$work"/archives/*.deb "$out"/
cp "$deb" "$out"/
(cd "$out" && dpkg-scanpackages --multiversion . /dev/null >Packages 2>/dev/null)
count=$(find "$out" -name '*.deb' | wc -l)
echo "make-offline-bundle.sh: $out: $count packages, $(du -sh "$out" | cut -f1)"
