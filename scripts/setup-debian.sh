#!/usr/bin/env bash
# Installs exactly the Debian 12 packages Tenkai needs to build, run and test. Idempotent; run as root.
#   scripts/setup-debian.sh            build + run dependencies
#   scripts/setup-debian.sh --tests    also what the test suite needs (sshd, Xvfb, dpkg tools,
#                                      mmdebstrap for the bare-site test, systemd-analyze)
#   scripts/setup-debian.sh --bench    also the peers the benchmarks compare with (PyTorch, torchvision, Ansible)
set -euo pipefail

want_tests=0
want_bench=0
for arg in "$@"; do
    case "$arg" in
        --tests) want_tests=1 ;;
        --bench) want_bench=1 ;;
        -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
        *) echo "setup-debian.sh: unknown option '$arg' (try --help)" >&2; exit 2 ;;
    esac
done

packages=(
    # toolchain
    build-essential cmake ninja-build pkg-config
    # Qt 6.4: Widgets, Charts (needs libqt6opengl6-dev for its CMake config), Sql + SQLite driver,
    # Test, Network, LinguistTools (lupdate/lrelease), platform plugins (xcb, offscreen)
    qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-tools-dev qt6-l10n-tools qt6-qpa-plugins
    libqt6sql6-sqlite qt6-translations-l10n
    # Japanese text on screen
    fonts-noto-cjk
    # LibTorch 1.13 and a fast BLAS: Debian's default reference BLAS makes training ~5x slower
    libtorch-dev libopenblas0-openmp
    # image decoding and CPU augmentation, SSH, YAML
    libopencv-dev libssh-dev libyaml-cpp-dev zlib1g-dev
    # real data
    dataset-fashion-mnist
)
if [ "$want_tests" -eq 1 ]; then
    packages+=(openssh-server openssh-client xvfb xauth dpkg-dev file clang-format libbenchmark-dev
        # a bare Debian 12 edge host built from the mirror (tests/support/bare_site.sh), and
        # systemd-analyze for the units' checks (tests/packaging/check_units.sh)
        mmdebstrap systemd
        # the parsers' fuzz targets (scripts/fuzz.sh): clang with libFuzzer
        clang libclang-rt-14-dev
        # Ansible's own inventory reader and host patterns, the reference for import-inventory
        ansible-core)
fi
if [ "$want_bench" -eq 1 ]; then
    packages+=(python3-torch python3-torchvision libbenchmark-dev libblas3 liblapack3 ansible openssh-server openssh-client)
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
        missing+=("$p")
    fi
done

if [ "${#missing[@]}" -gt 0 ] && [ "$(id -u)" -ne 0 ]; then
    echo "setup-debian.sh: ${#missing[@]} package(s) missing (${missing[*]}); run as root to install them." >&2
    exit 1
fi
if [ "${#missing[@]}" -gt 0 ]; then
    echo "setup-debian.sh: installing ${#missing[@]} package(s): ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
    echo "setup-debian.sh: all ${#packages[@]} packages already installed"
fi

# Make OpenBLAS (OpenMP build, shares libgomp with LibTorch) the active BLAS/LAPACK provider.
arch_dir=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)
for alt in libblas.so.3 liblapack.so.3; do
    candidate="/usr/lib/${arch_dir}/openblas-openmp/${alt}"
    current=$(readlink -f "/etc/alternatives/${alt}-${arch_dir}" 2>/dev/null || true)
    if [ -e "$candidate" ] && [ "$current" != "$(readlink -f "$candidate")" ]; then
        if [ "$(id -u)" -ne 0 ]; then
            echo "setup-debian.sh: ${alt} is not OpenBLAS; run as root to switch it." >&2
            exit 1
        fi
        update-alternatives --quiet --set "${alt}-${arch_dir}" "$candidate"
    fi
done
echo "setup-debian.sh: active BLAS: $(readlink -f "/usr/lib/${arch_dir}/libblas.so.3")"
