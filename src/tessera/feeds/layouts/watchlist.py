"""Referral lists: sex-offender registries and the human-rights-violator list."""

from tessera.feeds.layout import (
    BirthDate,
    Code,
    Country,
    Date,
    DateFormat,
    FeedLayout,
    Field,
    FileFormat,
    FullName,
    NameLayout,
    NameList,
    Text,
)

WATCHLIST = FeedLayout(
    name="watchlist",
    system="Referral lists (state sex-offender registries; No Safe Haven HRV list)",
    format=FileFormat.CSV,
    record_id="entry_id",
    legal_basis="34 U.S.C. 20911 (SORNA); INA 212(a)(3)(E), 237(a)(4)(D)",
    fields=(
        Field("list", Code(("SEX_OFFENDER_REGISTRY", "HUMAN_RIGHTS_VIOLATOR")), required=True),
        Field("name", FullName(NameLayout.FREE), required=True),
        Field("aliases", NameList("|")),
        Field("dob", BirthDate(DateFormat.ANY)),
        Field("nationality", Country()),
        Field("basis", Text()),
        Field("listed_date", Date(DateFormat.ISO)),
    ),
)
