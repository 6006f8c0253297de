#!/usr/bin/env python3
"""Pairwise linking errors of an `analyze` output on ECB+ dev, by kind (issue 16's loss analysis).

usage: entity-link-errors.py ANALYSIS.json [EXAMPLES] [--global-ids]
ANALYSIS.json: `analyze` output over score_entities.py's JSONL, or a configuration kept by
`scripts/cv-entity-identity.ts --keep`. Pairs the gold name cores with the predicted mentions as
../shared/tools/score_entities.py does (scripts/entity-folds.py topic_items), then counts, over pairs of detected
gold mentions within a topic: pairs of one gold entity given two predicted entities (split: an under-merge) and
pairs of two gold entities given one (merge: an over-merge), by where the two mentions are (one document, one
predicted story, two predicted stories: a split across stories cannot be mended, as ids are per story), by gold
type, and for merges by whether either gold chain is an unlinked singleton (S:, ECB+ left it unlinked; many of
these are the same name the annotators did not link). Prints MUC / B-cubed / CEAF-e precision and recall (recall
lost = splits, precision lost = merges) and the counts with the most frequent name pairs. --global-ids reads
entityId run-wide, as `npm run eval` does (score_entities.py --global-ids).
"""
import collections
import importlib.util
import itertools
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', '..', 'shared', 'tools'))
import score_entities as S  # noqa: E402

spec = importlib.util.spec_from_file_location('folds', os.path.join(HERE, 'entity-folds.py'))
folds = importlib.util.module_from_spec(spec)
spec.loader.exec_module(folds)
ECB = os.path.join(HERE, '..', '..', 'shared', 'data', 'story-clustering-ecbplus')


def main(argv):
    global_ids = '--global-ids' in argv
    argv = [arg for arg in argv if arg != '--global-ids']
    docs = S.READERS['ecbplus'](ECB)
    by_id = {d['id']: d for d in docs}
    analysis = json.load(open(argv[0], encoding='utf8'))
    examples = int(argv[1]) if len(argv) > 1 else 8
    story_of = {a: st['id'] for st in analysis['stories'] for a in st['articleIds']}
    preds, _, _ = S.project_predictions(analysis, docs, global_ids)
    items = folds.topic_items(docs, preds)
    scores = S.coref_scores(items)
    print('CoNLL-F1 within topic', round(scores['conll'], 4))
    for metric in ('muc', 'b3', 'ceafe'):
        print('  %-5s P %.4f R %.4f F1 %.4f' % (metric, scores[metric]['P'], scores[metric]['R'], scores[metric]['F1']))

    def gold_of(mention_id):
        doc_id, index = mention_id.split('#')
        d = by_id[doc_id]
        gold = [m for m in d['mentions']
                if m['core'] and m['kind'] in S.KINDS and d['tokens'][m['first']]['s'] in d['scope']]
        m = gold[int(index)]
        return d['text'][d['tokens'][m['core'][0]]['start']:d['tokens'][m['core'][1]]['end']], m['kind']

    counts, names = collections.Counter(), collections.defaultdict(collections.Counter)
    for its in items.values():
        for (m1, g1, p1), (m2, g2, p2) in itertools.combinations(its, 2):
            d1, d2 = m1.split('#')[0], m2.split('#')[0]
            where = 'one document' if d1 == d2 else (
                'one story' if story_of.get(d1) == story_of.get(d2) else 'two stories')
            if (g1 == g2) == (p1 == p2):
                continue
            (t1, kind), (t2, _) = gold_of(m1), gold_of(m2)
            if g1 == g2:
                key = ('split', where, kind)
            else:
                key = ('merge', where, kind, 'singleton' if '|S:' in g1 + g2 else 'linked')
            counts[key] += 1
            names[key][tuple(sorted((t1, t2)))] += 1
    for key, count in counts.most_common():
        print(' / '.join(key), count)
        print('   ', '; '.join('%s = %s (%d)' % (a, b, n) for (a, b), n in names[key].most_common(examples)))


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
