#!/usr/bin/env bash
# Training throughput of `tenkai-cli train` with OpenBLAS (what setup-debian.sh selects) against
# Debian's default reference BLAS, side by side: runs alternate A B A B so drift hits both alike.
#   bench/blas_throughput.sh BUILD_DIR [ROUNDS]
set -euo pipefail
build=${1:?usage: blas_throughput.sh BUILD_DIR [ROUNDS]}
rounds=${2:-3}
cli="$build/app/tenkai-cli"
arch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)
reference="/usr/lib/$arch/blas:/usr/lib/$arch/lapack"
[ -e "/usr/lib/$arch/blas/libblas.so.3" ] || { echo "reference BLAS missing: apt-get install libblas3 liblapack3" >&2; exit 1; }

# Prints images/s of one training run, checking which BLAS the process really loaded.
measure() {
    local blas=$1; shift
    local env_extra=()
    [ "$blas" = reference ] && env_extra=(LD_LIBRARY_PATH="$reference")
    local loaded
    loaded=$(env "${env_extra[@]}" "$cli" --version | sed -n 's/^BLAS: //p')
    case "$blas:$loaded" in
        openblas:OpenBLAS*|reference:reference*) ;;
        *) echo "expected $blas BLAS, the process loaded: $loaded" >&2; exit 1 ;;
    esac
    env "${env_extra[@]}" "$cli" train --json "$@" |
        python3 -c 'import json,sys; print([json.loads(l) for l in sys.stdin if "\"summary\"" in l][0]["images_per_second"])'
}

median() { python3 -c 'import statistics,sys; print(round(statistics.median(float(x) for x in sys.argv[1:])))' "$@"; }

printf '| model | images | OpenBLAS img/s (median) | reference BLAS img/s (median) | ratio |\n|---|---|---|---|---|\n'
for spec in "lenet 60000" "alexnet 6000"; do
    set -- $spec
    model=$1 limit=$2
    fast=() slow=()
    for _ in $(seq "$rounds"); do
        fast+=("$(measure openblas --model "$model" --limit "$limit" --epochs 1 --batch 128 --test-limit 1000)")
        slow+=("$(measure reference --model "$model" --limit "$limit" --epochs 1 --batch 128 --test-limit 1000)")
    done
    f=$(median "${fast[@]}") s=$(median "${slow[@]}")
    printf '| %s | %s | %s | %s | %.2fx |\n' "$model" "$limit" "$f" "$s" "$(python3 -c "print($f/$s)")"
done
