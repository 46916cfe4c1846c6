#!/usr/bin/env bash
# What the method buys, honestly (issue 18): over several seeds, on each demo site's own data
# (tenkai-cli demo-data) and on Fashion-MNIST as it ships, an ensemble of K fine-tuned members
# against a single model (the members' mean; the per-image paired difference and its 95% interval),
# against the member that the validation split picks, its cost in member-img/s, and the time a
# fine-tuned model needs to reach a validation accuracy against training from scratch. Every choice
# (target, vote weights, picked member) is made on validation; the test split is only scored.
# Prints markdown tables and a summary over seeds.
#   bench/ensemble_value.sh BUILD_DIR [--seeds 5] [--members 5] [--epochs 10] [--target 75]
#       [--site-test 1000] [--fashion-limit 6000]
set -euo pipefail
usage="usage: ensemble_value.sh BUILD_DIR [--seeds N] [--members K] [--epochs N] [--target PERCENT] [--site-test N] [--fashion-limit N]"
build=${1:?$usage}
shift
seeds=5 members=5 epochs=10 target=75 site_test=1000 fashion_limit=6000
while [ $# -gt 0 ]; do
    [ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }
    case $1 in
        --seeds) seeds=$2 ;;
        --members) members=$2 ;;
        --epochs) epochs=$2 ;;
        --target) target=$2 ;;
        --site-test) site_test=$2 ;;
        --fashion-limit) fashion_limit=$2 ;;
        *) echo "$usage" >&2; exit 2 ;;
    esac
    shift 2
done
cli=$build/app/tenkai-cli
[ -x "$cli" ] || { echo "ensemble_value.sh: $cli not found; build first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
last() { tail -n 1; }
field() { python3 -c 'import json,sys; d=json.loads(sys.stdin.read().strip().splitlines()[-1]); print(eval(sys.argv[1], {}, d))' "$1"; }
rows=$work/rows.jsonl

"$cli" demo-data --sites 3 --site-test "$site_test" --out "$work/demo" --json > /dev/null
"$cli" pretrain --data-dir "$work/demo/generic" --epochs 3 --lr 0.05 --batch 128 --out "$work/cloud" --json \
    | last > "$work/pretrain.json"

echo "| data | seed | single model (members' mean) | ensemble | ensemble - single (95%) | picked on validation | ensemble - picked (95%) | weights fitted | member-img/s | fine-tune s to ${target}% | scratch s to ${target}% |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
run_row() { # data seed ensemble-json finetune-json scratch-json
    python3 - "$@" >> "$rows" <<'EOF'
import json, sys
data, seed, ens, ft, sc = sys.argv[1], int(sys.argv[2]), *[json.loads(open(p).read().strip().splitlines()[-1]) for p in sys.argv[3:6]]
e = ens
row = dict(data=data, seed=seed, single=e["single_model"]["accuracy"], ensemble=e["accuracy"],
           gain=e["single_model"]["gain"], gain_low=e["single_model"]["gain_interval"][0],
           gain_high=e["single_model"]["gain_interval"][1], picked=e["chosen_member"]["accuracy"],
           picked_gain=e["chosen_member"]["gain"], picked_low=e["chosen_member"]["gain_interval"][0],
           picked_high=e["chosen_member"]["gain_interval"][1], fitted=e["weights_fitted"],
           member_img_s=e["images_per_second"], test_images=e["test_images"],
           ft_s=ft["seconds_to_target"] if ft and ft.get("reached_target") else None,
           sc_s=sc["seconds_to_target"] if sc and sc.get("reached_target") else None)
print(json.dumps(row))
EOF
    python3 - "$rows" <<'EOF'
import json, sys
r = [json.loads(l) for l in open(sys.argv[1])][-1]
p = lambda v: "%.1f%%" % (v * 100)
d = lambda v, lo, hi: "%+.1f (%+.1f to %+.1f)" % (v * 100, lo * 100, hi * 100)
s = lambda v: "%.1f" % v if v is not None else "not reached"
print("| %s | %d | %s | %s | %s | %s | %s | %s | %d | %s | %s |" % (r["data"], r["seed"], p(r["single"]), p(r["ensemble"]),
      d(r["gain"], r["gain_low"], r["gain_high"]), p(r["picked"]), d(r["picked_gain"], r["picked_low"], r["picked_high"]),
      "yes" if r["fitted"] else "no", r["member_img_s"], s(r["ft_s"]), s(r["sc_s"])))
EOF
}

for seed in $(seq 1 "$seeds"); do
    for s in 01 02 03; do
        dir=$work/demo/sites/site-$s
        common=(--dataset image-folder --data-dir "$dir" --seed "$seed" --json)
        "$cli" finetune --from "$work/cloud/model.pt" "${common[@]}" --members "$members" --epochs "$epochs" \
            --lr 0.02 --batch 32 | last > "$work/ens.json"
        "$cli" finetune --from "$work/cloud/model.pt" "${common[@]}" --epochs 30 --lr 0.02 --batch 32 \
            --target-accuracy "$target" | last > "$work/ft.json"
        "$cli" train "${common[@]}" --epochs 60 --lr 0.05 --batch 32 --target-accuracy "$target" | last > "$work/sc.json"
        run_row "site-$s" "$seed" "$work/ens.json" "$work/ft.json" "$work/sc.json"
    done
    "$cli" train --limit "$fashion_limit" --seed "$seed" --members "$members" --epochs "$epochs" --lr 0.05 \
        --batch 64 --json | last > "$work/ens.json"
    echo '{}' > "$work/none.json"
    run_row "fashion-mnist ($fashion_limit)" "$seed" "$work/ens.json" "$work/none.json" "$work/none.json"
done

echo
python3 - "$rows" <<'EOF'
import json, statistics as st, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print("| data | seeds | ensemble - single, mean (min..max), points | seeds whose interval excludes 0 | ensemble - picked, mean | fine-tune / scratch time to target, median |")
print("|---|---|---|---|---|---|")
for data in sorted({r["data"] for r in rows}):
    rs = [r for r in rows if r["data"] == data]
    g = [r["gain"] * 100 for r in rs]
    pk = [r["picked_gain"] * 100 for r in rs]
    ratios = [r["ft_s"] / r["sc_s"] for r in rs if r["ft_s"] and r["sc_s"]]
    print("| %s | %d | %+.2f (%+.1f..%+.1f) | %d of %d | %+.2f | %s |" % (data, len(rs), st.mean(g), min(g), max(g),
          sum(1 for r in rs if r["gain_low"] > 0), len(rs), st.mean(pk),
          "%.3f (%d runs)" % (st.median(ratios), len(ratios)) if ratios else "n/a"))
EOF
