#!/bin/bash
# Held-out figures of the whole text cleaner by halves: fit the model on the even pages (tools/fit_block_model.py
# --write --fit-half even, shipped thresholds), build, score the odd pages settled and one pass with
# tools/clean_halves.py, then the reverse; pooled counts at the end. The weight file is restored afterwards.
# usage: SCRATCH=dir CARGO_TARGET_DIR=dir tools/clean_heldout.sh TAG [extra fit_block_model.py args]
set -e
tag=$1; shift
cd "$(dirname "$0")/.."
: "${CARGO_TARGET_DIR:?set CARGO_TARGET_DIR}"
S=${SCRATCH:?set SCRATCH to a scratch directory}
cargo build --profile fast --example clean_model_rows 2>&1 | tail -1
cp src/clean/model_weights.rs $S/model_weights.rs.saved
for half in even odd; do
  python3 tools/fit_block_model.py --write --fit-half $half --threshold 0.1 --restore-threshold 0.25 "$@" > $S/$tag.fit.$half.txt
  cargo build --profile fast 2>&1 | tail -1
  cp $CARGO_TARGET_DIR/fast/article-analyzer $S/bin.$tag.$half
  python3 tools/clean_halves.py --bin $S/bin.$tag.$half > $S/$tag.settled.$half.txt
  python3 tools/clean_halves.py --bin $S/bin.$tag.$half --one-pass > $S/$tag.onepass.$half.txt
done
cp $S/model_weights.rs.saved src/clean/model_weights.rs
python3 - $tag <<'PY'
import re,sys
tag=sys.argv[1]; import os; S=os.environ['SCRATCH']
for mode in ('settled','onepass'):
    tot=[0,0,0]
    for half,other in (('even','odd'),('odd','even')):
        for line in open(f'{S}/{tag}.{mode}.{half}.txt'):
            if line.startswith(other):
                m=re.search(r'kept (\d+), lost (\d+); boilerplate kept (\d+)',line)
                tot=[a+int(b) for a,b in zip(tot,m.groups())]
                print(mode, 'fit',half,'->',line.strip())
    tp,fn,fp=tot; p=tp/(tp+fp); r=tp/(tp+fn); print(f'{tag} {mode} pooled held-out P {p:.3f} R {r:.3f} F1 {2*p*r/(p+r):.3f} ({tp}/{fn}/{fp})')
PY
