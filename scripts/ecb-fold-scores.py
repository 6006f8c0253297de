#!/usr/bin/env python3
"""ECB+ named-mention scores per fold of topics (called by scripts/ner-ecb-cv.ts).

usage: ecb-fold-scores.py ECB_DIR FOLDS NAME=PEER.json ...
PEER.json as ../shared/tools/score_entities.py peer reads it ({doc id: [[start, end, type], ...]}). Topics are
ordered by number and dealt to the folds in turn (topic i -> fold i % FOLDS, as scripts/entity-folds.py does);
each fold's documents are scored by score_entities.score (its rules: overlap with a named core, untyped and
typed). Prints JSON {NAME: [{untyped, typed, P, R, per_type} per fold]}.
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'shared', 'tools'))
import score_entities as S  # noqa: E402


def main(argv):
    root, folds = argv[0], int(argv[1])
    docs = S.READERS['ecbplus'](root)
    topics = sorted({d['topic'] for d in docs}, key=int)
    fold_of = {t: i % folds for i, t in enumerate(topics)}
    out = {}
    for arg in argv[2:]:
        name, path = arg.split('=', 1)
        preds = S.peer_predictions(path, docs)
        out[name] = []
        for k in range(folds):
            held = [d for d in docs if fold_of[d['topic']] == k]
            res = S.score('ecbplus', held, {d['id']: preds[d['id']] for d in held})
            out[name].append({'untyped': res['untyped']['F1'], 'typed': res['typed']['F1'],
                              'P': res['untyped']['P'], 'R': res['untyped']['R'],
                              'per_type': {t: v['F1'] for t, v in res['per_type'].items()}})
    print(json.dumps(out))


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
