#!/usr/bin/env bash
# The demo scenario's figures (issue 3): on each site's own data (tenkai-cli demo-data), the time a
# model fine-tuned from the cloud's pretrained model needs to reach the site's target accuracy,
# against the time training from scratch on the same site data needs (both measured by the
# trainer as seconds_to_target, evaluation included), and an ensemble of 5 fine-tuned members
# against its best member on the site's test split. Prints markdown tables.
#   bench/demo_scenario.sh BUILD_DIR [--sites 3] [--target 75] [--model lenet] [--scratch-epochs 60]
#       [--finetune-epochs 30] [--ensemble-epochs 10] [--site-test 1000]
set -euo pipefail
usage="usage: demo_scenario.sh BUILD_DIR [--sites N] [--target PERCENT] [--model M] [--scratch-epochs N] [--finetune-epochs N] [--ensemble-epochs N] [--site-test N]"
build=${1:?$usage}
shift
sites=3 target=75 model=lenet scratch_epochs=60 finetune_epochs=30 ensemble_epochs=10 site_test=1000
while [ $# -gt 0 ]; do
    [ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }
    case $1 in
        --sites) sites=$2 ;;
        --target) target=$2 ;;
        --model) model=$2 ;;
        --scratch-epochs) scratch_epochs=$2 ;;
        --finetune-epochs) finetune_epochs=$2 ;;
        --ensemble-epochs) ensemble_epochs=$2 ;;
        --site-test) site_test=$2 ;;
        *) echo "$usage" >&2; exit 2 ;;
    esac
    shift 2
done
cli=$build/app/tenkai-cli
[ -x "$cli" ] || { echo "demo_scenario.sh: $cli not found; build first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
field() { python3 -c 'import json,sys; d=json.loads(sys.stdin.read().strip().splitlines()[-1]); print(eval(sys.argv[1], {}, d))' "$1"; }

"$cli" demo-data --sites "$sites" --site-test "$site_test" --out "$work/demo" --json > /dev/null
pre=$("$cli" pretrain --model "$model" --data-dir "$work/demo/generic" --epochs 3 --lr 0.05 --batch 128 \
    --out "$work/cloud" --json)
echo "Cloud pretraining ($model, 50,000 generic images, 3 epochs): $(echo "$pre" | field 'round(seconds,1)') s," \
    "$(echo "$pre" | field 'round(test_accuracy*100,2)')% on the generic test split"
echo
echo "| site | condition | cloud model on the site | fine-tune: s to ${target}% (epochs) | from scratch: s to ${target}% (epochs) | fine-tune / scratch |"
echo "|---|---|---|---|---|---|"
ens_rows=""
for s in $(seq -f '%02g' 1 "$sites"); do
    dir=$work/demo/sites/site-$s
    condition=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sites"][int(sys.argv[2])-1]["condition"])' \
        "$work/demo/demo.json" "$s")
    base=$("$cli" evaluate "$work/cloud/model.pt" --dataset image-folder --data-dir "$dir" --json)
    ft=$("$cli" finetune --from "$work/cloud/model.pt" --dataset image-folder --data-dir "$dir" \
        --epochs "$finetune_epochs" --lr 0.02 --batch 32 --target-accuracy "$target" --json)
    sc=$("$cli" train --model "$model" --dataset image-folder --data-dir "$dir" \
        --epochs "$scratch_epochs" --lr 0.05 --batch 32 --target-accuracy "$target" --json)
    ft_s=$(echo "$ft" | field 'seconds_to_target if reached_target else -1')
    sc_s=$(echo "$sc" | field 'seconds_to_target if reached_target else -1')
    ratio=$(python3 -c "import sys; f,s=float(sys.argv[1]),float(sys.argv[2]); print('%.3f' % (f/s) if f>0 and s>0 else 'n/a')" "$ft_s" "$sc_s")
    echo "| site-$s | $condition | $(echo "$base" | field 'round(accuracy*100,1)')% |" \
        "$(echo "$ft" | field '"%.1f (%d)" % (seconds_to_target, epochs) if reached_target else "not reached in %d epochs (best %.1f%%)" % (epochs, test_accuracy*100)') |" \
        "$(echo "$sc" | field '"%.1f (%d)" % (seconds_to_target, epochs) if reached_target else "not reached in %d epochs (last %.1f%%)" % (epochs, test_accuracy*100)') |" \
        "$ratio |"
    ens=$("$cli" finetune --from "$work/cloud/model.pt" --dataset image-folder --data-dir "$dir" --members 5 \
        --epochs "$ensemble_epochs" --lr 0.05 --batch 64 --json)
    ens_rows+="| site-$s | $(echo "$ens" | field '", ".join("%.1f" % (a*100) for a in member_accuracy)') |"
    ens_rows+=" $(echo "$ens" | field 'round(accuracy*100,1)')% | $(echo "$ens" | field 'round(majority_accuracy*100,1)')% |"
    ens_rows+=" $(echo "$ens" | field '"%+.1f" % ((accuracy-max(member_accuracy))*100)') |"$'\n'
done
echo
echo "Ensemble of 5 fine-tuned members ($ensemble_epochs epochs, lr 0.05, batch 64, built-in policies per member), on each site's $site_test test images:"
echo
echo "| site | members (%) | soft vote | majority vote | soft vote - best member (points) |"
echo "|---|---|---|---|---|"
printf '%s' "$ens_rows"
