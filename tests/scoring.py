"""Scoring an evaluation export against a drop's answer key (as SPEC.md's judge does)."""

from __future__ import annotations

import csv
import itertools
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class EntityScores:
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    bcubed_f1: float
    split_people: float  # share of true people spread over more than one entity
    mixed_entities: float  # share of entities holding records of more than one person


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_entities(entities_csv: Path, links_csv: Path) -> EntityScores:
    with entities_csv.open(encoding="utf-8") as handle:
        predicted = {(r["feed"], r["record_id"]): r["entity_id"] for r in csv.DictReader(handle)}
    with links_csv.open(encoding="utf-8") as handle:
        truth = {(r["feed"], r["record_id"]): r["person_id"] for r in csv.DictReader(handle)}
    keys = [k for k in predicted if k in truth]
    by_entity: dict[str, list[tuple[str, str]]] = defaultdict(list)
    by_person: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for k in keys:
        by_entity[predicted[k]].append(k)
        by_person[truth[k]].append(k)

    def pairs(groups: dict[str, list[tuple[str, str]]]) -> set[tuple[tuple[str, str], ...]]:
        return {tuple(sorted(p)) for g in groups.values() for p in itertools.combinations(g, 2)}

    pp, tp_pairs = pairs(by_entity), pairs(by_person)
    hit = len(pp & tp_pairs)
    precision = hit / len(pp) if pp else 1.0
    recall = hit / len(tp_pairs) if tp_pairs else 1.0
    bp = br = 0.0
    for k in keys:
        same_entity = by_entity[predicted[k]]
        same_person = by_person[truth[k]]
        both = sum(1 for o in same_entity if truth[o] == truth[k])
        bp += both / len(same_entity)
        br += both / len(same_person)
    bp, br = bp / len(keys), br / len(keys)
    split = sum(len({predicted[k] for k in v}) > 1 for v in by_person.values()) / len(by_person)
    mixed = sum(len({truth[k] for k in v}) > 1 for v in by_entity.values()) / len(by_entity)
    return EntityScores(precision, recall, _f1(precision, recall), _f1(bp, br), split, mixed)
