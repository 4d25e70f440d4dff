#!/usr/bin/env bash
# Entity resolution on the ECB+ development topics: B3 and pairwise F1 per
# topic for the evidence resolver and the same-normalised-name baseline,
# both computed by `crosscheck run` (the baseline with `--resolver exact`)
# and scored by the shared scorer.
#
# usage: eval/ecb.sh [BENCH_DIR] [SCORER] > table.md
set -euo pipefail
bench=${1:-$(dirname "$0")/../../shared/bench/ecbplus}
scorer=${2:-$(dirname "$0")/../../shared/tools/score.py}
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/target/release/crosscheck"
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

score() { # reports gold -> "b3_f1 pairwise_f1"
  python3 "$scorer" --reports "$1" --gold "$2" --json |
    python3 -c 'import json,sys; e=json.load(sys.stdin)["entities"]; print(e["b3_f1"], e["f1"])'
}

echo "| topic | gold items | resolver B3 F1 | baseline B3 F1 | resolver pairwise F1 | baseline pairwise F1 |"
echo "|---|---|---|---|---|---|"
sum_r=0; sum_b=0; n=0
for topic in $(ls "$bench" | sort -n); do
  gold="$bench/$topic"
  [ -f "$gold/entities.csv" ] || continue
  items=$(($(wc -l < "$gold/entities.csv") - 1))
  "$bin" run "$gold/docs" --out "$work/$topic-evidence" 2>/dev/null
  "$bin" run "$gold/docs" --out "$work/$topic-exact" --resolver exact 2>/dev/null
  read -r rb3 rpf < <(score "$work/$topic-evidence" "$gold")
  read -r bb3 bpf < <(score "$work/$topic-exact" "$gold")
  echo "| $topic | $items | $rb3 | $bb3 | $rpf | $bpf |"
  sum_r=$(python3 -c "print($sum_r + $rb3)"); sum_b=$(python3 -c "print($sum_b + $bb3)"); n=$((n + 1))
done
python3 -c "print(f'| mean ({$n} topics) | | {$sum_r / $n:.4f} | {$sum_b / $n:.4f} | | |')"
