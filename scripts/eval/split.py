#!/usr/bin/env python3
"""Splits a visible evaluation set into a tuning part (80 %) and a check part (20 %).

Accuracy work looks only at failures of the tuning part; the check part is
scored, never read, so a change that helps the tuning part and not the check
part shows up as fitting. The split is a pure function of the item names and
the seed, so it is reproducible; its output is committed under
scripts/eval/splits/ and the scorers read it from there.

usage:
  split.py topics   ../shared/data/topics/dev            > splits/topics-dev.txt
  split.py quotes   ../shared/data/quotes/dev/polnear-train > splits/quotes-polnear.txt
  split.py articles ../shared/data/articles/dev          > splits/articles-dev.txt

Output: one line per item, `tune NAME` or `check NAME`, sorted by name.
Items are stratified by class (topics: the labels; articles: the source) so
that each part holds about 20 % of every class, the rare positives included.
"""
import hashlib
import json
import os
import sys

SEED = "newsmon-2026"
CHECK_SHARE = 0.2


def rank(name):
    return hashlib.sha256(f"{SEED}:{name}".encode()).hexdigest()


def items(kind, folder):
    """(name, stratum) pairs of the set."""
    if kind == "topics":
        for line in open(os.path.join(folder, "labels.jsonl"), encoding="utf-8"):
            row = json.loads(line)
            kinds = row.get("negative_kinds") or ["positive"]
            stratum = (row["russia_sanctions"], row["central_asia_germany"], kinds[0])
            yield row["file"], stratum
    elif kind == "quotes":
        for name in sorted(os.listdir(folder)):
            if name.endswith(".txt"):
                yield name[: -len(".txt")], "all"
    elif kind == "articles":
        for name in sorted(os.listdir(folder)):
            if name.endswith(".json"):
                yield name[: -len(".json")], name.split("-")[0]
    else:
        raise SystemExit(f"unknown kind {kind!r}")


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    kind, folder = sys.argv[1], sys.argv[2]
    strata = {}
    for name, stratum in items(kind, folder):
        strata.setdefault(stratum, []).append(name)
    part = {}
    for names in strata.values():
        names.sort(key=rank)
        check = round(len(names) * CHECK_SHARE)
        for i, name in enumerate(names):
            part[name] = "check" if i < check else "tune"
    for name in sorted(part):
        print(part[name], name)


if __name__ == "__main__":
    main()
