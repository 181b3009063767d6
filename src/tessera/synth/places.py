"""The places, institutions and codes that records mention: ports, schools, employers,
jails, police agencies, immigration courts, NCIC offence codes."""

from __future__ import annotations

AIR_PORTS = ("JFK", "LAX", "MIA", "ORD", "IAH", "DFW", "ATL", "SFO", "EWR", "IAD", "SEA", "BOS")
SEA_PORTS = ("MIA", "SEA", "FLL", "POE", "LAX")
LAND_PORTS = ("ELP", "SYS", "LRD", "NOG", "DRT", "EGP", "HID", "BRO", "CLX", "DLR")
CARRIERS = ("AA", "DL", "UA", "AM", "AV", "LH", "BA", "AF", "EK", "KE", "CA", "AI", "TK", "CM")
LAND_NEIGHBOURS = frozenset(("MEX", "CAN"))

SCHOOLS = tuple(
    f"{city}214F{n:05d}"
    for city in ("NYC", "LOS", "BOS", "CHI", "SEA", "HOU", "ATL", "MIA", "DET", "AUS", "PHI")
    for n in (12, 119, 214, 450, 562, 998, 1204, 2311)
)
STATES = (
    "TX",
    "CA",
    "NC",
    "GA",
    "MO",
    "FL",
    "IN",
    "NJ",
    "OH",
    "OR",
    "NV",
    "NY",
    "AZ",
    "IL",
    "NE",
    "AR",
    "PA",
    "MI",
    "WA",
    "CO",
)
TOWNS = (
    ("PHOENIX", "AZ", "602"),
    ("TUCSON", "AZ", "520"),
    ("HOUSTON", "TX", "713"),
    ("DALLAS", "TX", "214"),
    ("SAN ANTONIO", "TX", "210"),
    ("AUSTIN", "TX", "512"),
    ("LOS ANGELES", "CA", "213"),
    ("FRESNO", "CA", "559"),
    ("SAN JOSE", "CA", "408"),
    ("CHICAGO", "IL", "312"),
    ("ATLANTA", "GA", "404"),
    ("MIAMI", "FL", "305"),
    ("JACKSONVILLE", "FL", "904"),
    ("CHARLOTTE", "NC", "704"),
    ("RALEIGH", "NC", "919"),
    ("NEWARK", "NJ", "973"),
    ("NEW YORK", "NY", "212"),
    ("OMAHA", "NE", "402"),
    ("DES MOINES", "IA", "515"),
    ("DENVER", "CO", "303"),
    ("LAS VEGAS", "NV", "702"),
    ("PORTLAND", "OR", "503"),
    ("SEATTLE", "WA", "206"),
    ("DETROIT", "MI", "313"),
    ("INDIANAPOLIS", "IN", "317"),
    ("KANSAS CITY", "MO", "816"),
    ("SPRINGDALE", "AR", "479"),
    ("MINNEAPOLIS", "MN", "612"),
    ("BOSTON", "MA", "617"),
    ("PHILADELPHIA", "PA", "215"),
)
BORDER_TOWNS = (("NOGALES", "AZ", "520"), ("TUCSON", "AZ", "520"), ("EL PASO", "TX", "915"))
EMPLOYER_KINDS = (
    "NURSING HOME",
    "MEAT PACKING CO",
    "ROOFING INC",
    "HOTEL & SUITES",
    "LOGISTICS INC",
    "MEDICAL CENTER",
    "STAFFING SOLUTIONS",
    "POULTRY INC",
    "FOODS INC",
    "CONSTRUCTION LLC",
    "TECHNOLOGIES LLC",
    "LANDSCAPING LLC",
    "CLEANING SERVICES",
    "RESTAURANT GROUP",
    "AUTO PARTS",
    "HOSPITALITY LLC",
    "UNIVERSITY",
    "SOFTWARE CORP",
)
EMPLOYER_OWNERS = (
    "MARTIN",
    "NGUYEN",
    "BRISENO",
    "HUBER",
    "SOLIS",
    "VOGT",
    "CROSS",
    "HART",
    "KUHL",
    "PEREZ",
    "ROQUE",
    "GARDINER",
    "LINDNER",
    "MONTEZ",
    "ZARAGOZA",
    "CALDERON",
)

# (name, facility_type, booking-id prefix, ORI of the holding agency)
FACILITIES = (
    ("FULTON COUNTY JAIL", "COUNTY_JAIL", "FCJ", "GA0600000"),
    ("DALLAS COUNTY JAIL", "COUNTY_JAIL", "DCJ", "TX0570000"),
    ("MIAMI-DADE TGK", "COUNTY_JAIL", "MDT", "FL0130000"),
    ("HARRIS COUNTY JAIL", "COUNTY_JAIL", "HCJ", "TXHPD0000"),
    ("MARICOPA COUNTY JAIL", "COUNTY_JAIL", "MCJ", "AZ0070000"),
    ("PIMA COUNTY JAIL", "COUNTY_JAIL", "PCJ", "AZ0100000"),
    ("COOK COUNTY JAIL", "COUNTY_JAIL", "CCJ", "IL0160000"),
    ("KING COUNTY JAIL", "COUNTY_JAIL", "KCJ", "WA0170000"),
    ("RIKERS ISLAND", "COUNTY_JAIL", "RI", "NY0303000"),
    ("SAN DIEGO CENTRAL JAIL", "COUNTY_JAIL", "SDC", "CA0370000"),
    ("EL PASO COUNTY DETENTION", "COUNTY_JAIL", "EPC", "TX0710000"),
    ("HUNTSVILLE UNIT", "STATE_PRISON", "HU", "TX1010000"),
    ("SAN QUENTIN", "STATE_PRISON", "SQ", "CA0194200"),
    ("FLORENCE STATE PRISON", "STATE_PRISON", "FSP", "AZ0110000"),
    ("STATEVILLE", "STATE_PRISON", "S", "IL0990000"),
    ("USP ATLANTA", "FEDERAL_PRISON", "UA", "GA0600000"),
    ("FCI TERMINAL ISLAND", "FEDERAL_PRISON", "FTI", "CA0190000"),
    ("FCI BIG SPRING", "FEDERAL_PRISON", "FBS", "TX1140000"),
)
JAIL_TYPES = tuple(i for i, f in enumerate(FACILITIES) if f[1] == "COUNTY_JAIL")
PRISON_TYPES = tuple(i for i, f in enumerate(FACILITIES) if f[1] != "COUNTY_JAIL")
AGENCIES = (
    "CALAPD000",
    "TXHPD0000",
    "AZPHX0000",
    "GA0600000",
    "NY0303000",
    "WA0170000",
    "COPD00000",
    "FL0130000",
    "IL0160000",
    "NJNPD0000",
    "AZ0070000",
    "CA0194200",
    "TX1010000",
    "NM0010000",
)
ICE_ORI = "DCICE0000"
IMMIGRATION_VIOLATOR_OFFENSE = "5011"
COURTS = (
    "NEW",
    "LOS",
    "ELP",
    "ARL",
    "SEA",
    "DEN",
    "MIA",
    "HOU",
    "ATL",
    "CHI",
    "DAL",
    "PHO",
    "SNA",
    "BAL",
    "SFR",
)
BENEFIT_CENTRES = ("EAC", "WAC", "LIN", "SRC", "IOE", "MSC", "NBC", "YSC")

# NCIC offence codes by the families SPEC lists (tessera.model.offences names them).
OFFENCES: dict[str, tuple[str, ...]] = {
    "HOMICIDE": ("0911", "0912", "0999"),
    "KIDNAPPING": ("1001", "1099"),
    "SEXUAL_ASSAULT": ("1101", "1199"),
    "ROBBERY": ("1201", "1299"),
    "ASSAULT": ("1313", "1315", "1399"),
    "BURGLARY": ("2202", "2299"),
    "LARCENY": ("2303", "2308", "2399"),
    "FRAUD": ("2604", "2699"),
    "DRUGS": ("3530", "3562", "3599"),
    "SEX_OFFENCE": ("3610", "3699"),
    "FLIGHT_ESCAPE": ("4901", "4999"),
    "OBSTRUCTION": ("5001", "5099"),
    "WEAPONS": ("5202", "5212", "5299"),
    "TRAFFIC": ("5403", "5404", "5499"),
    "PUBLIC_ORDER": ("7301", "7399"),
    "SMUGGLING_PERSONS": ("4801",),
}
MINOR_FAMILIES = (
    "TRAFFIC",
    "TRAFFIC",
    "LARCENY",
    "PUBLIC_ORDER",
    "OBSTRUCTION",
    "BURGLARY",
    "FRAUD",
    "FLIGHT_ESCAPE",
)
SERIOUS_FAMILIES = (
    "ASSAULT",
    "ASSAULT",
    "DRUGS",
    "DRUGS",
    "ROBBERY",
    "WEAPONS",
    "SEXUAL_ASSAULT",
    "HOMICIDE",
    "KIDNAPPING",
)
SEX_OFFENCE_CODES = ("1101", "1199", "3610", "3699")

HRV_BASES = (
    "FORMER PRISON OFFICIAL; TORTURE ALLEGATIONS",
    "MILITARY OFFICER; MASSACRE OF CIVILIANS",
    "ALLEGED COMMANDER OF UNIT IMPLICATED IN EXTRAJUDICIAL KILLINGS",
    "PARTICIPATION IN PERSECUTION OF RELIGIOUS MINORITY",
    "RECRUITMENT OF CHILD SOLDIERS",
    "FORMER INTELLIGENCE OFFICER; ENFORCED DISAPPEARANCES",
)
NSEERS_COUNTRIES = frozenset(("EGY", "SAU", "IRN", "SYR", "IRQ", "JOR", "YEM", "MAR", "PAK", "AFG"))
