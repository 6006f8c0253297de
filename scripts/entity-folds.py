#!/usr/bin/env python3
"""Cross-validation by ECB+ topic of the story-entity join rules (called by scripts/cv-entity-identity.ts).

usage: entity-folds.py ECB_DIR FOLDS [--global-ids] CONFIG=ANALYSIS.json ...
--global-ids: read entityId as run-wide (CONTRACT.md: one id names one entity in every story of a run), as
score_entities.py --global-ids does; without it a predicted entity is (story, entityId).
Scores each configuration's analysis with ../shared/tools/score_entities.py (its pairing of gold and predicted
mentions, its MUC / B-cubed / CEAF-e), per topic; for each fold of topics picks the configuration with the best
CoNLL-F1 over the other folds' topics and scores it on the held-out fold. Prints JSON: per-config dev figures,
each fold's choice and held-out CoNLL-F1, their mean and sd.
"""
import collections
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'shared', 'tools'))
import score_entities as S  # noqa: E402


def topic_items(docs, preds):
    """{topic: [(mention id, gold chain, predicted entity)]} as score_entities.score pairs them."""
    out = collections.defaultdict(list)
    ov = lambda a0, a1, b0, b1: min(a1, b1) - max(a0, b0) + 1  # noqa: E731
    for d in docs:
        in_scope = lambda i: d['tokens'][i]['s'] in d['scope']  # noqa: E731
        gold = [m for m in d['mentions'] if m['core'] and m['kind'] in S.KINDS and in_scope(m['first'])]
        ps = [p for p in preds.get(d['id'], []) if p[2] in S.KINDS and in_scope(p[0])]
        cand = sorted(((ov(p[0], p[1], *m['core']), -(p[1] - p[0]), -gi, -pi) for gi, m in enumerate(gold)
                       for pi, p in enumerate(ps) if ov(p[0], p[1], *m['core']) > 0), reverse=True)
        pair, used = {}, set()
        for _, _, ngi, npi in cand:
            if -ngi not in pair and -npi not in used:
                pair[-ngi] = -npi
                used.add(-npi)
        for _, _, ngi, npi in cand:
            pair.setdefault(-ngi, -npi)
        for gi, m in enumerate(gold):
            if gi in pair:
                out[d['topic']].append(('%s#%d' % (d['id'], gi), m['chain'], ps[pair[gi]][3]))
    return out


def main(argv):
    root, folds = argv[0], int(argv[1])
    global_ids = '--global-ids' in argv
    argv = [arg for arg in argv if arg != '--global-ids']
    docs = S.READERS['ecbplus'](root)
    configs = {}
    for arg in argv[2:]:
        name, path = arg.split('=', 1)
        preds, _, _ = S.project_predictions(json.load(open(path, encoding='utf8')), docs, global_ids)
        configs[name] = topic_items(docs, preds)
    topics = sorted({d['topic'] for d in docs}, key=int)
    fold_of = {t: i % folds for i, t in enumerate(topics)}
    conll = lambda items, ts: S.coref_scores({t: items[t] for t in ts if t in items})['conll']  # noqa: E731
    res = {'dev': {n: round(conll(c, topics), 4) for n, c in configs.items()}, 'folds': []}
    for k in range(folds):
        train = [t for t in topics if fold_of[t] != k]
        test = [t for t in topics if fold_of[t] == k]
        best = max(configs, key=lambda n: (round(conll(configs[n], train), 6), n == 'all'))
        res['folds'].append({'chosen': best, 'heldOut': round(conll(configs[best], test), 4),
                             'heldOutNone': round(conll(configs['none'], test), 4)})
    held = [f['heldOut'] for f in res['folds']]
    base = [f['heldOutNone'] for f in res['folds']]
    res['mean'], res['sd'] = round(statistics.mean(held), 4), round(statistics.stdev(held), 4)
    res['noneMean'], res['noneSd'] = round(statistics.mean(base), 4), round(statistics.stdev(base), 4)
    print(json.dumps(res))


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
