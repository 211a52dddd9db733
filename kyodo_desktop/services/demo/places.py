"""Nerima's towns (町名) with readings, postal codes and the office in charge; addresses, phones."""

from __future__ import annotations

import random
from typing import NamedTuple


class Town(NamedTuple):
    name: str
    kana: str
    chome: int  # number of 丁目 (0: the town has none)
    postal_code: str
    office: str  # code of the office in charge in the demo


# The four 区民事務所 (01 練馬, 02 石神井, 03 光が丘, 04 大泉) are real; the thirteen 出張所
# ship as stand-ins, so the towns are shared out among them as a plausible demo layout.
TOWNS: tuple[Town, ...] = (
    Town("練馬", "ネリマ", 4, "176-0001", "01"),
    Town("豊玉北", "トヨタマキタ", 6, "176-0012", "01"),
    Town("豊玉上", "トヨタマカミ", 2, "176-0011", "01"),
    Town("向山", "ムカイヤマ", 4, "176-0022", "01"),
    Town("石神井町", "シャクジイマチ", 8, "177-0041", "02"),
    Town("石神井台", "シャクジイダイ", 8, "177-0045", "02"),
    Town("上石神井", "カミシャクジイ", 4, "177-0044", "02"),
    Town("光が丘", "ヒカリガオカ", 7, "179-0072", "03"),
    Town("旭町", "アサヒチョウ", 3, "179-0071", "03"),
    Town("高松", "タカマツ", 6, "179-0075", "03"),
    Town("東大泉", "ヒガシオオイズミ", 7, "178-0063", "04"),
    Town("西大泉", "ニシオオイズミ", 6, "178-0065", "04"),
    Town("南大泉", "ミナミオオイズミ", 6, "178-0064", "04"),
    Town("桜台", "サクラダイ", 6, "176-0002", "05"),
    Town("羽沢", "ハザワ", 3, "176-0003", "05"),
    Town("栄町", "サカエチョウ", 0, "176-0006", "05"),
    Town("小竹町", "コタケチョウ", 2, "176-0004", "05"),
    Town("旭丘", "アサヒガオカ", 2, "176-0005", "05"),
    Town("豊玉中", "トヨタマナカ", 4, "176-0013", "06"),
    Town("豊玉南", "トヨタマミナミ", 3, "176-0014", "06"),
    Town("中村", "ナカムラ", 3, "176-0024", "06"),
    Town("中村南", "ナカムラミナミ", 3, "176-0025", "06"),
    Town("中村北", "ナカムラキタ", 4, "176-0023", "06"),
    Town("貫井", "ヌクイ", 5, "176-0021", "07"),
    Town("富士見台", "フジミダイ", 4, "177-0034", "07"),
    Town("氷川台", "ヒカワダイ", 4, "179-0084", "08"),
    Town("平和台", "ヘイワダイ", 4, "179-0083", "08"),
    Town("早宮", "ハヤミヤ", 4, "179-0085", "08"),
    Town("北町", "キタマチ", 8, "179-0081", "09"),
    Town("錦", "ニシキ", 2, "179-0082", "09"),
    Town("春日町", "カスガチョウ", 6, "179-0074", "10"),
    Town("田柄", "タガラ", 5, "179-0073", "11"),
    Town("土支田", "ドシダ", 4, "179-0076", "12"),
    Town("高野台", "タカノダイ", 5, "177-0033", "13"),
    Town("谷原", "ヤハラ", 6, "177-0032", "13"),
    Town("三原台", "ミハラダイ", 3, "177-0031", "13"),
    Town("南田中", "ミナミタナカ", 5, "177-0035", "14"),
    Town("下石神井", "シモシャクジイ", 6, "177-0042", "14"),
    Town("関町北", "セキマチキタ", 5, "177-0051", "15"),
    Town("関町東", "セキマチヒガシ", 2, "177-0052", "15"),
    Town("関町南", "セキマチミナミ", 4, "177-0053", "15"),
    Town("立野町", "タテノチョウ", 0, "177-0054", "15"),
    Town("大泉学園町", "オオイズミガクエンチョウ", 9, "178-0061", "16"),
    Town("大泉町", "オオイズミマチ", 6, "178-0062", "17"),
)

# Exchange codes of Nerima's 03 numbers.
_EXCHANGES = (
    "3991", "3992", "3993", "3994", "3995", "3996", "3997", "3998", "3999",
    "3921", "3922", "3923", "3924", "3925", "3926", "3930", "3931", "3932",
    "3975", "3976", "3977", "3978", "3979", "5910", "5933", "5946", "5984", "5987",
)  # fmt: skip
_MOBILE = ("090", "080", "070")


def towns_of(office: str) -> list[Town]:
    return [town for town in TOWNS if town.office == office]


def address(rng: random.Random, town: Town, chome_number: int | None = None) -> str:
    """A 住居表示 address in ``town``: 練馬区豊玉北5丁目12番3号."""
    block = rng.randint(1, 32)
    house = rng.randint(1, 28)
    if town.chome == 0:
        return f"練馬区{town.name}{block}番{house}号"
    number = chome_number or rng.randint(1, town.chome)
    return f"練馬区{town.name}{number}丁目{block}番{house}号"


def landline(rng: random.Random) -> str:
    return f"03-{_EXCHANGES[int(rng.random() * len(_EXCHANGES))]}-{rng.randint(0, 9999):04d}"


def mobile(rng: random.Random) -> str:
    prefix = _MOBILE[int(rng.random() * len(_MOBILE))]
    return f"{prefix}-{rng.randint(1000, 9999)}-{rng.randint(0, 9999):04d}"
