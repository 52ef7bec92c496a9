#!/usr/bin/env bash
# The segmentation benchmark of issue #23: for demo books of several sizes, seeds and archetype
# mixes, BrokerDesk's refresh segments against the planted archetypes (ARI, AMI, k, bootstrap
# stability) beside the scikit-learn pipeline of bench/segment_study.py on the same clients.
# Prints a Markdown table (docs/performance.md, Segmentation).
#
# Usage: bench/segment_study.sh DIR [BOOKS...]
#   DIR holds the generated books (a few hundred MB; delete it afterwards).
#   BOOKS: size:seed:mix triples, e.g. 20000:1:default 20000:2:25,15,15,30,15 (default: the
#   benchmark's set below). A mix is five weights in the order active trader, affluent trader,
#   passive wealthy, dormant, newcomer ("default": the demo's own mix).
# Needs the release build (brokerdesk-cli, segment_study) and python3-sklearn
# (scripts/deps --bench).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cli="$here/build/release/src/cli/brokerdesk-cli"
study="$here/build/release/bench/segment_study"
dir="${1:?usage: bench/segment_study.sh DIR [size:seed:mix ...]}"
shift
books=("$@")
if [ ${#books[@]} -eq 0 ]; then
  books=(20000:1:default 20000:2:default 20000:3:25,15,15,30,15 20000:4:60,5,5,20,10
         100000:1:default 100000:2:25,15,15,30,15)
fi
mkdir -p "$dir"
echo "| book (clients, seed, mix) | BrokerDesk k | ARI | AMI | stability (mean / min of 10) | scikit-learn k | ARI | AMI |"
echo "|---|---|---|---|---|---|---|---|"
for spec in "${books[@]}"; do
  IFS=: read -r size seed mix <<<"$spec"
  name="b${size}_${seed}_${mix//,/-}"
  mixArg=()
  [ "$mix" != default ] && mixArg=(--mix "$mix")
  "$cli" demo --db "$dir/$name.bdbook" --clients "$size" --seed "$seed" "${mixArg[@]}" \
    --archetypes "$dir/$name.types.csv" --force >/dev/null 2>&1
  ours=$("$study" "$dir/$name.bdbook" "$dir/$name.types.csv" 10 "$dir/$name.rows.csv" 2>/dev/null)
  theirs=$(/usr/bin/python3 "$here/bench/segment_study.py" "$dir/$name.rows.csv")
  get() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }
  echo "| $size, $seed, $mix | $(get k "$ours") | $(get ari "$ours") | $(get ami "$ours") |" \
       "$(get stability_mean "$ours") / $(get stability_min "$ours") |" \
       "$(get sklearn_k "$theirs") | $(get sklearn_ari "$theirs") | $(get sklearn_ami "$theirs") |"
done
