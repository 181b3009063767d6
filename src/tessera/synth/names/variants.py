"""How another system may re-spell one name word: romanisation variants.

Two sources of variants: groups of known equivalent spellings (MOHAMMED / MUHAMMAD),
and per-tradition respelling rules that change one letter cluster (KH -> H, ZH -> J,
OU -> U). Both are what a clerk or another country's transliteration table would
write, not typos (noise.py makes those).
"""

from __future__ import annotations

import functools

GROUPS: tuple[tuple[str, ...], ...] = (
    ("MOHAMMED", "MUHAMMAD", "MOHAMED", "MOHAMMAD", "MUHAMMED", "MOHAMAD", "MUHAMAD"),
    ("AHMED", "AHMAD", "AHMET"),
    ("HUSSEIN", "HUSSAIN", "HUSAYN", "HOSSEIN", "HUSEYIN"),
    ("HASSAN", "HASAN", "HASSANE"),
    ("YOUSSEF", "YOUSEF", "YUSUF", "YOUSSOUF", "YOSEF"),
    ("OMAR", "UMAR", "OMER"),
    ("OSAMA", "USAMA", "OUSSAMA"),
    ("KHALED", "KHALID", "HALED"),
    ("MAHMOUD", "MAHMUD", "MAHMOOD", "MEHMOOD"),
    ("MUSTAFA", "MOSTAFA", "MUSTAPHA"),
    ("ABDULLAH", "ABDALLAH", "ABDULLA", "ABDALLA"),
    ("IBRAHIM", "EBRAHIM", "IBRAHEEM", "BRAHIM"),
    ("HISHAM", "HESHAM"),
    ("TAREK", "TARIQ", "TAREQ"),
    ("ABDELAZIZ", "ABDULAZIZ", "ABDEL AZIZ", "ABD AL-AZIZ"),
    ("ABDEL-RAHMAN", "ABDELRAHMAN", "ABDUL RAHMAN", "ABDURRAHMAN"),
    ("SAEED", "SAID", "SAYED"),
    ("FATIMA", "FATMA", "FATEMEH", "FATIMAH"),
    ("AISHA", "AYESHA", "AICHA"),
    ("ZEINAB", "ZAINAB", "ZEYNEP"),
    ("YASMIN", "YASMINE", "JASMIN"),
    ("KHOURY", "KHOURI", "KHURI"),
    ("YURIY", "IURII", "YURI", "JURIJ", "YURIJ"),
    ("ALEKSANDR", "ALEXANDER", "ALEKSANDER", "OLEKSANDR", "OLEXANDR"),
    ("SERGEY", "SERGEI", "SERGUEI", "SERHIY", "SERHII"),
    ("DMITRY", "DMITRI", "DMITRIY", "DMYTRO"),
    ("ANDREY", "ANDREI", "ANDRIY", "ANDRII"),
    ("ALEKSEY", "ALEXEI", "ALEKSEI", "OLEKSIY", "OLEKSII"),
    ("YEVGENY", "EVGENY", "EVGENII", "YEVHEN", "EVGENIY"),
    ("NIKOLAY", "NIKOLAI", "MYKOLA"),
    ("MIKHAIL", "MIKHAYLO", "MYKHAILO", "MICHAIL", "MIKHAILO"),
    ("VLADIMIR", "VOLODYMYR", "WLADIMIR"),
    ("NATALIA", "NATALYA", "NATALIYA", "NATALIIA"),
    ("YELENA", "ELENA", "JELENA", "OLENA"),
    ("TATIANA", "TATYANA", "TETIANA", "TETYANA"),
    ("OLGA", "OLHA"),
    ("YULIA", "IULIIA", "JULIA", "YULIYA"),
    ("YEKATERINA", "EKATERINA", "KATERYNA"),
    ("IRINA", "IRYNA"),
    ("ANNA", "HANNA", "ANA"),
    ("LEE", "YI", "RHEE", "RI", "LI"),
    ("PARK", "PAK", "BAK"),
    ("CHOI", "CHOE", "CHOY"),
    ("JUNG", "JEONG", "CHUNG", "CHEONG"),
    ("KIM", "GIM"),
    ("KANG", "GANG"),
    ("CHO", "JO", "CHOH"),
    ("YOON", "YUN"),
    ("SHIN", "SIN"),
    ("KWON", "GWON"),
    ("LIM", "IM", "YIM"),
    ("ZHANG", "CHANG", "CHEUNG"),
    ("ZHOU", "CHOU", "CHOW"),
    ("ZHAO", "CHAO", "CHIU"),
    ("XU", "HSU", "HSÜ"),
    ("CHEN", "CHAN", "CH'EN"),
    ("HUANG", "WONG", "HWANG"),
    ("WU", "NG", "WOO"),
    ("LIU", "LAU", "LAO"),
    ("YANG", "YEUNG"),
    ("ZHENG", "CHENG", "CHENG"),
    ("NGUYỄN", "NGUYEN", "NGUEN", "NGUYENN"),
    ("PHẠM", "PHAM", "PHAHM"),
    ("HUỲNH", "HUYNH", "HUINH"),
    ("SINGH", "SING"),
    ("KAUR", "KOUR"),
    ("CHAUDHARY", "CHOUDHARY", "CHAUDHRY", "CHOWDHURY"),
    ("HOSSEINI", "HOSEINI", "HUSSEINI"),
    ("MOHAMMADI", "MOHAMADI", "MUHAMMADI"),
    ("JEAN-BAPTISTE", "JEAN BAPTISTE", "BAPTISTE"),
    ("DELA CRUZ", "DE LA CRUZ", "DELACRUZ"),
    ("DE LA CRUZ", "DELA CRUZ", "DE LACRUZ"),
    ("SOUZA", "SOUSA"),
    ("LUIZ", "LUIS"),
    ("THIAGO", "TIAGO"),
    ("MÜLLER", "MUELLER", "MULLER"),
    ("SCHRÖDER", "SCHROEDER", "SCHRODER"),
    ("KRÜGER", "KRUEGER", "KRUGER"),
    ("JÜRGEN", "JUERGEN", "JURGEN"),
    ("MEYER", "MEIER", "MAYER"),
    ("MACDONALD", "MCDONALD"),
    ("MCKNIGHT", "MACKNIGHT"),
    ("O'BRIEN", "OBRIEN", "O BRIEN"),
    ("O'NEILL", "ONEILL", "O NEIL"),
    ("JEFFREY", "JEFFERY", "GEOFFREY"),
    ("STEVEN", "STEPHEN"),
    ("KATHERINE", "CATHERINE", "KATHRYN"),
    ("AHMADI", "AHMEDI"),
)

# Per tradition: (cluster, replacement) pairs; one is applied at one place in the word.
RULES: dict[str, tuple[tuple[str, str], ...]] = {
    "hispanic": (
        ("Z", "S"),
        ("V", "B"),
        ("B", "V"),
        ("LL", "Y"),
        ("Y", "I"),
        ("J", "G"),
        ("GUE", "GE"),
        ("QU", "K"),
        ("ES", "EZ"),
        ("EZ", "ES"),
        ("H", ""),
    ),
    "portuguese": (("Ç", "SS"), ("Ã", "AN"), ("TH", "T"), ("Z", "S"), ("LH", "LI"), ("NH", "NI")),
    "french": (("É", "E"), ("È", "E"), ("PH", "F"), ("Y", "I"), ("-", " ")),
    "filipino": (("Y", "I"), ("C", "K"), ("F", "P"), ("-", " ")),
    "western": (("PH", "F"), ("Y", "I"), ("EY", "IE"), ("CK", "K"), ("LL", "L"), ("NN", "N")),
    "german": (("Ü", "UE"), ("Ö", "OE"), ("Ä", "AE"), ("ß", "SS"), ("TH", "T"), ("W", "V")),
    "polish": (("Ł", "L"), ("W", "V"), ("SKI", "SKY"), ("SZ", "SH"), ("CZ", "CH"), ("J", "Y")),
    "slavic": (
        ("KH", "H"),
        ("KH", "CH"),
        ("YU", "IU"),
        ("YA", "IA"),
        ("YE", "E"),
        ("IY", "II"),
        ("IY", "Y"),
        ("OV", "OFF"),
        ("EV", "EFF"),
        ("ZH", "J"),
        ("SH", "CH"),
        ("TS", "TZ"),
        ("V", "W"),
        ("Y", "J"),
    ),
    "arabic": (
        ("OU", "U"),
        ("EE", "I"),
        ("AL-", "AL "),
        ("AL-", "AL"),
        ("AL-", ""),
        ("EL-", "EL "),
        ("EL-", "AL-"),
        ("KH", "H"),
        ("Q", "K"),
        ("SS", "S"),
        ("A", "E"),
        ("DH", "D"),
        ("-", " "),
    ),
    "persian": (("OU", "U"), ("GH", "Q"), ("EH", "A"), ("SS", "S"), ("KH", "H"), ("Y", "I")),
    "turkish": (
        ("Ş", "S"),
        ("Ş", "SH"),
        ("Ç", "C"),
        ("Ç", "CH"),
        ("Ğ", "G"),
        ("İ", "I"),
        ("Ö", "O"),
        ("Ü", "U"),
        ("Ü", "UE"),
    ),
    "indian": (
        ("EE", "I"),
        ("OO", "U"),
        ("V", "W"),
        ("SH", "S"),
        ("TH", "T"),
        ("A", "AA"),
        ("KSH", "X"),
        ("J", "G"),
    ),
    "chinese": (("ZH", "CH"), ("X", "HS"), ("Q", "CH"), ("Z", "TS"), ("ONG", "UNG")),
    "korean": (("EO", "U"), ("EO", "O"), ("-", ""), ("-", " "), ("YEONG", "YOUNG"), ("OO", "U")),
    "vietnamese": (),
    "african": (("OLU", "OLLU"), ("KW", "QU"), ("CH", "C"), ("AE", "AI"), ("OO", "O")),
}


def _group_index() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for group in GROUPS:
        for word in group:
            index.setdefault(word, []).extend(w for w in group if w != word)
    return {w: tuple(dict.fromkeys(v)) for w, v in index.items()}


_GROUP_OF = _group_index()


@functools.lru_cache(maxsize=65536)
def variants(word: str, style: str) -> tuple[str, ...]:
    """Other spellings of one name word under ``style`` (empty if none)."""
    found = list(_GROUP_OF.get(word, ()))
    for old, new in RULES.get(style, ()):
        at = word.find(old)
        if at >= 0:
            changed = word[:at] + new + word[at + len(old) :]
            if changed and changed != word and not changed.startswith(("-", " ")):
                found.append(changed.strip())
    return tuple(dict.fromkeys(v for v in found if v and v != word))


@functools.lru_cache(maxsize=4096)
def pinyin_split(given: str, syllables: frozenset[str]) -> tuple[str, ...]:
    """A joined pinyin given name cut into syllables (``JIANHUA`` -> JIAN, HUA)."""
    for cut in range(len(given) - 1, 0, -1):
        head, tail = given[:cut], given[cut:]
        if head in syllables and tail in syllables:
            return (head, tail)
    return (given,)
