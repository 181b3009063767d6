"""Countries as the systems write them: English names in varied spellings, dialling
codes, and a few birth places per country for the jails' free-text place of birth."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Country:
    names: tuple[str, ...]
    """English names as clerks write them; the first is the plain upper-case one."""
    dial: str
    digits: int
    """Digits of a national phone number after the country code."""
    cities: tuple[str, ...]


def _c(names: str, dial: str, digits: int, cities: str) -> Country:
    return Country(tuple(names.split("|")), dial, digits, tuple(cities.split("|")))


COUNTRIES: dict[str, Country] = {
    "USA": _c("UNITED STATES|USA|United States of America|U.S.A.", "1", 10, ""),
    "MEX": _c(
        "MEXICO|Mexico|México|MEXICO|United Mexican States",
        "52",
        10,
        "MEXICO CITY|GUADALAJARA|MONTERREY|OAXACA|PUEBLA|MICHOACAN|ZACATECAS|TIJUANA",
    ),
    "GTM": _c(
        "GUATEMALA|Guatemala|República de Guatemala",
        "502",
        8,
        "GUATEMALA CITY|HUEHUETENANGO|QUETZALTENANGO|SAN MARCOS",
    ),
    "HND": _c("HONDURAS|Honduras", "504", 8, "TEGUCIGALPA|SAN PEDRO SULA|LA CEIBA|CHOLUTECA"),
    "SLV": _c(
        "EL SALVADOR|El Salvador|SALVADOR|Republic of El Salvador",
        "503",
        8,
        "SAN SALVADOR|SANTA ANA|SAN MIGUEL|USULUTAN",
    ),
    "COL": _c("COLOMBIA|Colombia|Republic of Colombia", "57", 10, "BOGOTA|MEDELLIN|CALI|PEREIRA"),
    "VEN": _c(
        "VENEZUELA|Venezuela|Venezuela, Bolivarian Republic of|Bolivarian Republic of Venezuela",
        "58",
        10,
        "CARACAS|MARACAIBO|VALENCIA|BARQUISIMETO",
    ),
    "CUB": _c("CUBA|Cuba|Republic of Cuba", "53", 8, "HAVANA|SANTIAGO DE CUBA|CAMAGUEY"),
    "DOM": _c(
        "DOMINICAN REPUBLIC|Dominican Republic|Dominican Rep.|REPUBLICA DOMINICANA",
        "1809",
        7,
        "SANTO DOMINGO|SANTIAGO|SAN PEDRO DE MACORIS",
    ),
    "ECU": _c("ECUADOR|Ecuador", "593", 9, "QUITO|GUAYAQUIL|CUENCA"),
    "PER": _c("PERU|Peru|Perú", "51", 9, "LIMA|AREQUIPA|TRUJILLO"),
    "NIC": _c("NICARAGUA|Nicaragua", "505", 8, "MANAGUA|LEON|GRANADA"),
    "ESP": _c("SPAIN|Spain|España|Kingdom of Spain", "34", 9, "MADRID|BARCELONA|SEVILLA"),
    "BRA": _c(
        "BRAZIL|Brazil|Brasil|Federative Republic of Brazil",
        "55",
        11,
        "SAO PAULO|RIO DE JANEIRO|BELO HORIZONTE|GOVERNADOR VALADARES",
    ),
    "HTI": _c(
        "HAITI|Haiti|Haïti|Republic of Haiti", "509", 8, "PORT-AU-PRINCE|CAP-HAITIEN|LES CAYES"
    ),
    "PHL": _c(
        "PHILIPPINES|Philippines|The Philippines|Republic of the Philippines|PHILIPPINES, THE",
        "63",
        10,
        "MANILA|CEBU|DAVAO|QUEZON CITY|PAMPANGA",
    ),
    "IND": _c(
        "INDIA|India|Republic of India|INDIA", "91", 10, "MUMBAI|DELHI|HYDERABAD|CHENNAI|PUNJAB"
    ),
    "PAK": _c(
        "PAKISTAN|Pakistan|Islamic Republic of Pakistan", "92", 10, "KARACHI|LAHORE|ISLAMABAD"
    ),
    "BGD": _c("BANGLADESH|Bangladesh", "880", 10, "DHAKA|CHITTAGONG|SYLHET"),
    "CHN": _c(
        "CHINA|China|People's Republic of China|PRC|CHINA, PEOPLE'S REPUBLIC OF",
        "86",
        11,
        "BEIJING|SHANGHAI|FUZHOU|GUANGZHOU|WENZHOU",
    ),
    "KOR": _c(
        "KOREA, SOUTH|South Korea|Republic of Korea|KOREA|KOREA, REPUBLIC OF",
        "82",
        10,
        "SEOUL|BUSAN|INCHEON|DAEGU",
    ),
    "VNM": _c(
        "VIETNAM|VIET NAM|Viet Nam|Vietnam|Socialist Republic of Vietnam",
        "84",
        9,
        "HO CHI MINH CITY|HANOI|DA NANG|HUE",
    ),
    "JPN": _c("JAPAN|Japan", "81", 10, "TOKYO|OSAKA|NAGOYA"),
    "EGY": _c(
        "EGYPT|Egypt|Arab Republic of Egypt|ARAB REPUBLIC OF EGYPT",
        "20",
        10,
        "CAIRO|ALEXANDRIA|GIZA",
    ),
    "SAU": _c("SAUDI ARABIA|Saudi Arabia|Kingdom of Saudi Arabia", "966", 9, "RIYADH|JEDDAH"),
    "SYR": _c(
        "SYRIA|Syria|Syrian Arab Republic|SYRIAN ARAB REPUBLIC", "963", 9, "DAMASCUS|ALEPPO|HOMS"
    ),
    "IRQ": _c("IRAQ|Iraq|Republic of Iraq", "964", 10, "BAGHDAD|MOSUL|BASRA|ERBIL"),
    "JOR": _c("JORDAN|Jordan|Hashemite Kingdom of Jordan", "962", 9, "AMMAN|IRBID|ZARQA"),
    "YEM": _c("YEMEN|Yemen|Republic of Yemen", "967", 9, "SANAA|ADEN|TAIZ"),
    "MAR": _c("MOROCCO|Morocco|Kingdom of Morocco", "212", 9, "CASABLANCA|RABAT|FES"),
    "IRN": _c(
        "IRAN|Iran|IRAN, ISLAMIC REPUBLIC OF|Islamic Republic of Iran",
        "98",
        10,
        "TEHRAN|SHIRAZ|ISFAHAN|TABRIZ",
    ),
    "AFG": _c("AFGHANISTAN|Afghanistan", "93", 9, "KABUL|HERAT|KANDAHAR|MAZAR-I-SHARIF"),
    "TUR": _c("TURKEY|Turkey|Türkiye|Republic of Turkey", "90", 10, "ISTANBUL|ANKARA|IZMIR"),
    "RUS": _c(
        "RUSSIA|Russia|Russian Federation|USSR|RUSSIAN FEDERATION",
        "7",
        10,
        "MOSCOW|SAINT PETERSBURG|NOVOSIBIRSK",
    ),
    "UKR": _c("UKRAINE|Ukraine|USSR", "380", 9, "KYIV|LVIV|ODESA|KHARKIV"),
    "POL": _c("POLAND|Poland|Polska|Republic of Poland", "48", 9, "WARSAW|KRAKOW|RZESZOW"),
    "DEU": _c(
        "GERMANY|Germany|Federal Republic of Germany|DEUTSCHLAND|WEST GERMANY",
        "49",
        10,
        "BERLIN|MUNICH|HAMBURG|FRANKFURT",
    ),
    "FRA": _c("FRANCE|France|French Republic", "33", 9, "PARIS|LYON|MARSEILLE"),
    "ITA": _c("ITALY|Italy|Italia", "39", 10, "ROME|NAPLES|PALERMO|MILAN"),
    "GBR": _c(
        "UNITED KINGDOM|United Kingdom|ENGLAND|Great Britain|UK|GREAT BRITAIN",
        "44",
        10,
        "LONDON|MANCHESTER|BIRMINGHAM|GLASGOW",
    ),
    "CAN": _c("CANADA|Canada", "1", 10, "TORONTO|MONTREAL|VANCOUVER"),
    "NGA": _c("NIGERIA|Nigeria|Federal Republic of Nigeria", "234", 10, "LAGOS|IBADAN|ENUGU|ABUJA"),
    "ETH": _c("ETHIOPIA|Ethiopia", "251", 9, "ADDIS ABABA|GONDAR"),
    "SOM": _c("SOMALIA|Somalia", "252", 8, "MOGADISHU|HARGEISA"),
}
US_PLACES = (
    "LOS ANGELES, CA",
    "HOUSTON, TX",
    "DALLAS, TX",
    "CHICAGO, IL",
    "PHOENIX, AZ",
    "MIAMI, FL",
    "NEW YORK, NY",
    "ATLANTA, GA",
    "DENVER, CO",
    "OMAHA, NE",
    "NASHVILLE, TN",
    "TEXAS",
    "CALIFORNIA",
    "GEORGIA",
    "NORTH CAROLINA",
)


def country(code: str) -> Country:
    return COUNTRIES.get(code) or Country((code,), "44", 10, (code,))
