"""Deterministic identifiers for one chunk of the world.

Every identifier is minted from a per-chunk counter, so two chunks never collide and a
chunk's output does not depend on which worker made it. Numbers are scattered by an
affine map (a bijection modulo 10^k) so they do not look sequential.

SSNs and passport numbers carry a check digit: the weighted digit sum (weights 1, 2,
3, ...) is 0 mod 10. Swapping two adjacent different digits changes that sum by their
difference, which is never 0 mod 10, so a transposed identifier (noise) can never turn
into somebody else's real one and create a false SHARED_IDENTIFIER. Driver's licence
numbers use residue 5, so they never equal a passport number either.
"""

from __future__ import annotations

import random

LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"  # no I, O, Q: as on real documents
PASSPORT, LICENCE = 0, 5


def scatter(value: int, digits: int, salt: int = 0) -> int:
    """A bijection of [0, 10**digits) that spreads consecutive values everywhere.

    Affine map, digit reversal, affine map: each step is a bijection, and the reversal
    makes the low digits depend on the high ones (chunks share their low counters).
    """
    modulus: int = 10**digits
    if not 0 <= value < modulus:
        raise ValueError(f"identifier space of {digits} digits exhausted (world too large)")
    x = (value * 7_919_351 + 1_237 + salt * 3_571) % modulus
    x = int(f"{x:0{digits}d}"[::-1])
    return (x * 104_729 + 86_131 + salt * 15_485_863) % modulus


def with_check(payload: str, residue: int) -> str:
    """A check digit then ``payload``: weights 1, 2, 3, ... make the sum ``residue`` mod 10.

    The check digit has weight 1, so it can always be chosen; adjacent weights differ by
    one, so every adjacent transposition of different digits breaks the sum.
    """
    total = sum((i + 2) * int(c) for i, c in enumerate(payload))
    return str((residue - total) % 10) + payload


def valid_check(digits: str, residue: int) -> bool:
    return sum((i + 1) * int(c) for i, c in enumerate(digits)) % 10 == residue


# Passport shapes: (unused prefix, free letters, payload digits); a check digit
# leads the digits. Real formats vary; these keep to SPEC's 5-9 alphanumerics. Countries of one
# shape share a counter, so numbers are unique worldwide, as SPEC says they are.
SHAPES: dict[str, tuple[str, int, int]] = {
    "USA": ("", 0, 8),
    "GBR": ("", 0, 8),
    "CAN": ("", 0, 8),
    "MEX": ("", 1, 7),
    "KOR": ("", 1, 7),
    "IND": ("", 1, 7),
    "CHN": ("", 1, 7),
    "JPN": ("", 1, 7),
}
DEFAULT_SHAPE = ("", 2, 6)
# The letter a country's passports start with (drawn at random, never part of identity).
FIRST_LETTERS = {"MEX": "GN", "KOR": "M", "CHN": "EG", "IND": "JKLMNPRTVZ", "JPN": "TM"}


class Ids:
    """Counters of one chunk; every ``next`` is unique within (chunk, kind)."""

    def __init__(self, chunk: int) -> None:
        self.chunk = chunk
        self.counters: dict[str, int] = {}

    def next(self, kind: str, cap: int) -> int:
        """The next value of ``kind`` in this chunk's block of ``cap`` values."""
        n = self.counters.get(kind, 0)
        if n >= cap:
            raise ValueError(f"chunk {self.chunk} used more than {cap} {kind} identifiers")
        self.counters[kind] = n + 1
        return self.chunk * cap + n

    # --- person identifiers ---------------------------------------------------------
    def a_number(self) -> str:
        v = self.next("a", 10_000)
        return f"A{'2' if v % 4 == 3 else '0'}{scatter(v, 8, 1):08d}"

    def fin(self) -> str:
        return f"FIN{scatter(self.next('fin', 10_000), 10, 2):010d}"

    def fbi(self, rng: random.Random) -> str:
        """6-9 alphanumerics; the first seven digits alone are unique."""
        v = f"{scatter(self.next('fbi', 10_000), 7, 3):07d}"
        style = rng.randrange(3)
        if style == 0:
            return f"{v}{rng.choice(LETTERS)}{rng.choice(LETTERS)}"
        if style == 1:
            return f"{v}{rng.randrange(10)}"
        return v

    def ssn(self) -> str:
        digits = with_check(f"{scatter(self.next('ssn', 10_000), 7, 4):07d}", PASSPORT)
        return f"9{digits[:2]}-{digits[2:4]}-{digits[4:]}"

    def passport(self, rng: random.Random, country: str) -> str:
        prefix, letters, payload = SHAPES.get(country, DEFAULT_SHAPE)
        v = self.next(f"passport:{prefix}:{letters}:{payload}", 10_000)
        low, high = v % 10**payload, v // 10**payload
        digits = prefix + with_check(f"{scatter(low, payload):0{payload}d}", PASSPORT)
        if letters == 0 or (letters == 1 and high):
            if high:
                raise ValueError(f"passport numbers shaped like {country}'s are exhausted")
            return digits
        first = rng.choice(FIRST_LETTERS.get(country, LETTERS))
        if letters == 1:
            return first + digits
        if high >= len(LETTERS):
            raise ValueError(f"passport numbers shaped like {country}'s are exhausted")
        return first + LETTERS[high] + digits

    def licence(self, rng: random.Random) -> str:
        v = scatter(self.next("licence", 10_000), 7, 5)
        return rng.choice("ABDFGHKMNPRSTW") + with_check(f"{v:07d}", LICENCE)

    # --- record ids -------------------------------------------------------------------
    def record(self, feed: str) -> int:
        """A number unique within ``feed``, from 1 (record ids are formatted by each
        emitter; a chunk's last number stays below the next chunk's first)."""
        return self.next(f"record:{feed}", RECORD_CAPS[feed]) + 1


RECORD_CAPS = {
    "arrivals": 100_000,
    "students": 10_000,
    "registrations": 10_000,
    "benefits": 40_000,
    "court": 10_000,
    "removals": 10_000,
    "custody": 10_000,
    "wanted": 10_000,
    "employment": 40_000,
    "lost_stolen": 10_000,
    "transfers": 40_000,
    "calls": 100_000,
    "watchlist": 10_000,
}


# US area codes for phone numbers; the line is always 555-XXXX (the fictional exchange).
_AREA_CODE_TEXT = (
    "201 202 203 205 206 207 208 209 210 212 213 214 215 216 217 218 219 224 225 228 "
    "229 231 234 239 240 248 251 252 253 254 256 260 262 267 269 270 276 281 301 302 "
    "303 304 305 307 308 309 310 312 313 314 315 316 317 318 319 320 321 323 325 330 "
    "334 336 337 339 347 351 352 360 361 386 401 402 404 405 406 407 408 409 410 412 "
    "413 414 415 417 419 423 424 425 430 432 434 435 440 443 469 478 479 480 484 501 "
    "502 503 504 505 507 508 509 510 512 513 515 516 517 518 520 530 540 541 559 561 "
    "562 563 567 570 571 573 574 580 585 586 601 602 603 605 606 607 608 609 610 612 "
    "614 615 616 617 618 619 620 623 626 630 631 636 641 646 650 651 660 661 662 678 "
    "682 701 702 703 704 706 707 708 712 713 714 715 716 717 718 719 720 724 727 731 "
    "732 734 740 754 757 760 763 765 770 772 773 774 775 781 785 786 801 802 803 804 "
    "805 806 808 810 812 813 814 815 816 817 818 828 830 831 832 843 845 847 850 856 "
    "857 858 859 860 862 863 864 865 870 901 903 904 907 908 909 910 912 913 914 915 "
    "916 917 918 919 920 925 928 931 936 937 940 941 949 951 952 954 956 970 971 972 "
    "973 978 979 980 985 989 "
)
AREA_CODES = tuple(_AREA_CODE_TEXT.split())


def us_phone(ids: Ids) -> str:
    """A US number in E.164 on the 555 exchange: unique for up to 2.8 million phones in
    the world (beyond that numbers repeat, as real ones get reassigned)."""
    capacity = len(AREA_CODES) * 10_000
    v = (ids.next("phone", 5_000) * 7_919 + 12_345) % capacity  # a bijection: 7919 is coprime
    return f"+1{AREA_CODES[v % len(AREA_CODES)]}555{v // len(AREA_CODES):04d}"
