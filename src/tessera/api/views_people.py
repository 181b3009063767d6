"""People: HTTP parameters as a service query, service results as API schemas."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

from tessera.api.schemas_people import (
    CandidateOut,
    ClaimOut,
    DossierOut,
    FindingOut,
    LinksOut,
    PeriodOut,
    PublicationOut,
    ReasonOut,
    RecordLineOut,
    TieFeatureOut,
    TieOut,
    TimelineEventOut,
)
from tessera.service.people import BadQueryError, Candidate, Dossier, PersonQuery


def person_query(
    name: str, dob: str | None, sex: str | None, identifiers: Sequence[str]
) -> PersonQuery:
    """The search the parameters ask for; identifiers are ``kind:value``."""
    pairs = []
    for given in identifiers:
        kind, sep, value = given.partition(":")
        if not sep or not value.strip():
            raise BadQueryError(
                f"identifier {given!r} is not kind:value (e.g. a_number:A012345678)"
            )
        pairs.append((kind, value))
    return PersonQuery(name=name, dob=dob, sex=sex, identifiers=tuple(pairs))


def candidate_out(c: Candidate) -> CandidateOut:
    return CandidateOut(
        person_id=c.person_id,
        display_name=c.display_name,
        birth_date=c.birth_date,
        confidence=c.confidence,
        reasons=[ReasonOut(part=r.part, detail=r.detail, score=r.score) for r in c.reasons],
    )


def _links(d: Dossier) -> LinksOut:
    return LinksOut(
        records=[
            RecordLineOut(**{**asdict(r), "identifiers": list(r.identifiers)})
            for r in d.links.records
        ],
        ties=[
            TieOut(
                record_l=t.record_l,
                record_r=t.record_r,
                match_weight=t.match_weight,
                match_probability=t.match_probability,
                prior=t.prior,
                features=[TieFeatureOut(**asdict(f)) for f in t.features],
                judgement_id=t.judgement_id,
            )
            for t in d.links.ties
        ],
        untied=list(d.links.untied),
    )


def dossier_out(d: Dossier) -> DossierOut:
    return DossierOut(
        person_id=d.person_id,
        asked_for=d.asked_for,
        redirected=d.redirected,
        display_name=d.display_name,
        birth_date=d.birth_date,
        sex=d.sex,
        standing=d.standing,
        protected_1367=d.protected_1367,
        jurisdictions=list(d.jurisdictions),
        claims=[ClaimOut(**{**asdict(c), "sources": list(c.sources)}) for c in d.claims],
        timeline=[TimelineEventOut(**asdict(e)) for e in d.timeline],
        periods=[PeriodOut(**asdict(p)) for p in d.periods],
        findings=[
            FindingOut(
                **{
                    k: v
                    for k, v in asdict(f).items()
                    if k in FindingOut.model_fields and k != "evidence"
                },
                evidence=list(f.evidence),
            )
            for f in d.findings
        ],
        links=_links(d),
        protection=list(d.protection),
        publication=PublicationOut(
            id=d.publication.id,
            as_of=d.publication.as_of,
            published_at=d.publication.published_at,
        ),
    )
