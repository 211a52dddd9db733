"""Japanese personal names with their readings (フリガナ), and numbers as written in names."""

from __future__ import annotations

import random
from typing import NamedTuple

# Common surnames: (kanji, katakana reading, romaji for login ids).
SURNAMES: tuple[tuple[str, str, str], ...] = (
    ("佐藤", "サトウ", "sato"),
    ("鈴木", "スズキ", "suzuki"),
    ("高橋", "タカハシ", "takahashi"),
    ("田中", "タナカ", "tanaka"),
    ("伊藤", "イトウ", "ito"),
    ("渡辺", "ワタナベ", "watanabe"),
    ("山本", "ヤマモト", "yamamoto"),
    ("中村", "ナカムラ", "nakamura"),
    ("小林", "コバヤシ", "kobayashi"),
    ("加藤", "カトウ", "kato"),
    ("吉田", "ヨシダ", "yoshida"),
    ("山田", "ヤマダ", "yamada"),
    ("佐々木", "ササキ", "sasaki"),
    ("山口", "ヤマグチ", "yamaguchi"),
    ("松本", "マツモト", "matsumoto"),
    ("井上", "イノウエ", "inoue"),
    ("木村", "キムラ", "kimura"),
    ("林", "ハヤシ", "hayashi"),
    ("斎藤", "サイトウ", "saito"),
    ("清水", "シミズ", "shimizu"),
    ("山崎", "ヤマザキ", "yamazaki"),
    ("森", "モリ", "mori"),
    ("阿部", "アベ", "abe"),
    ("池田", "イケダ", "ikeda"),
    ("橋本", "ハシモト", "hashimoto"),
    ("山下", "ヤマシタ", "yamashita"),
    ("石川", "イシカワ", "ishikawa"),
    ("中島", "ナカジマ", "nakajima"),
    ("前田", "マエダ", "maeda"),
    ("藤田", "フジタ", "fujita"),
    ("小川", "オガワ", "ogawa"),
    ("後藤", "ゴトウ", "goto"),
    ("岡田", "オカダ", "okada"),
    ("長谷川", "ハセガワ", "hasegawa"),
    ("村上", "ムラカミ", "murakami"),
    ("近藤", "コンドウ", "kondo"),
    ("石井", "イシイ", "ishii"),
    ("坂本", "サカモト", "sakamoto"),
    ("遠藤", "エンドウ", "endo"),
    ("青木", "アオキ", "aoki"),
    ("藤井", "フジイ", "fujii"),
    ("西村", "ニシムラ", "nishimura"),
    ("福田", "フクダ", "fukuda"),
    ("太田", "オオタ", "ota"),
    ("三浦", "ミウラ", "miura"),
    ("藤原", "フジワラ", "fujiwara"),
    ("岡本", "オカモト", "okamoto"),
    ("松田", "マツダ", "matsuda"),
    ("中川", "ナカガワ", "nakagawa"),
    ("中野", "ナカノ", "nakano"),
    ("原田", "ハラダ", "harada"),
    ("小野", "オノ", "ono"),
    ("田村", "タムラ", "tamura"),
    ("竹内", "タケウチ", "takeuchi"),
    ("金子", "カネコ", "kaneko"),
    ("和田", "ワダ", "wada"),
    ("中山", "ナカヤマ", "nakayama"),
    ("石田", "イシダ", "ishida"),
    ("上田", "ウエダ", "ueda"),
    ("森田", "モリタ", "morita"),
    ("原", "ハラ", "hara"),
    ("柴田", "シバタ", "shibata"),
    ("酒井", "サカイ", "sakai"),
    ("工藤", "クドウ", "kudo"),
    ("横山", "ヨコヤマ", "yokoyama"),
    ("宮崎", "ミヤザキ", "miyazaki"),
    ("宮本", "ミヤモト", "miyamoto"),
    ("内田", "ウチダ", "uchida"),
    ("高木", "タカギ", "takagi"),
    ("安藤", "アンドウ", "ando"),
    ("谷口", "タニグチ", "taniguchi"),
    ("大野", "オオノ", "ohno"),
    ("丸山", "マルヤマ", "maruyama"),
    ("今井", "イマイ", "imai"),
    ("高田", "タカダ", "takada"),
    ("藤本", "フジモト", "fujimoto"),
    ("武田", "タケダ", "takeda"),
    ("村田", "ムラタ", "murata"),
    ("上野", "ウエノ", "ueno"),
    ("杉山", "スギヤマ", "sugiyama"),
    ("増田", "マスダ", "masuda"),
    ("菅原", "スガワラ", "sugawara"),
    ("平野", "ヒラノ", "hirano"),
    ("大塚", "オオツカ", "otsuka"),
    ("千葉", "チバ", "chiba"),
    ("久保", "クボ", "kubo"),
    ("松井", "マツイ", "matsui"),
    ("岩崎", "イワサキ", "iwasaki"),
    ("桜井", "サクライ", "sakurai"),
    ("木下", "キノシタ", "kinoshita"),
    ("野口", "ノグチ", "noguchi"),
    ("松尾", "マツオ", "matsuo"),
    ("菊地", "キクチ", "kikuchi"),
    ("野村", "ノムラ", "nomura"),
    ("新井", "アライ", "arai"),
    ("佐野", "サノ", "sano"),
    ("大西", "オオニシ", "onishi"),
    ("杉本", "スギモト", "sugimoto"),
    ("浅野", "アサノ", "asano"),
    ("小島", "コジマ", "kojima"),
    ("関", "セキ", "seki"),
    ("荒木", "アラキ", "araki"),
    ("内藤", "ナイトウ", "naito"),
    ("大橋", "オオハシ", "ohashi"),
    ("田口", "タグチ", "taguchi"),
    ("北村", "キタムラ", "kitamura"),
    ("榎本", "エノモト", "enomoto"),
    ("井口", "イグチ", "iguchi"),
    ("細井", "ホソイ", "hosoi"),
)

# Given names: (kanji, katakana reading, generation 0 = born before ~1955, 1 = 1955–1985,
# 2 = after ~1985), so that a 町会長 is not called 陽菜.
MALE_NAMES: tuple[tuple[str, str, int], ...] = (
    ("茂", "シゲル", 0),
    ("清", "キヨシ", 0),
    ("実", "ミノル", 0),
    ("勝", "マサル", 0),
    ("正男", "マサオ", 0),
    ("和夫", "カズオ", 0),
    ("進", "ススム", 0),
    ("武", "タケシ", 0),
    ("功", "イサオ", 0),
    ("昭", "アキラ", 0),
    ("豊", "ユタカ", 0),
    ("正", "タダシ", 0),
    ("博", "ヒロシ", 1),
    ("浩", "ヒロシ", 1),
    ("隆", "タカシ", 1),
    ("誠", "マコト", 1),
    ("修", "オサム", 1),
    ("健一", "ケンイチ", 1),
    ("和也", "カズヤ", 1),
    ("哲也", "テツヤ", 1),
    ("康弘", "ヤスヒロ", 1),
    ("英樹", "ヒデキ", 1),
    ("秀樹", "ヒデキ", 1),
    ("達也", "タツヤ", 1),
    ("健二", "ケンジ", 1),
    ("雄一", "ユウイチ", 1),
    ("直樹", "ナオキ", 1),
    ("信也", "シンヤ", 1),
    ("大輔", "ダイスケ", 2),
    ("拓也", "タクヤ", 2),
    ("翔太", "ショウタ", 2),
    ("健太", "ケンタ", 2),
    ("俊介", "シュンスケ", 2),
    ("亮", "リョウ", 2),
    ("陽介", "ヨウスケ", 2),
    ("洋平", "ヨウヘイ", 2),
    ("悠真", "ユウマ", 2),
    ("大樹", "ダイキ", 2),
)

FEMALE_NAMES: tuple[tuple[str, str, int], ...] = (
    ("節子", "セツコ", 0),
    ("和子", "カズコ", 0),
    ("幸子", "サチコ", 0),
    ("千代子", "チヨコ", 0),
    ("静江", "シズエ", 0),
    ("和枝", "カズエ", 0),
    ("文子", "フミコ", 0),
    ("弘子", "ヒロコ", 0),
    ("京子", "キョウコ", 0),
    ("洋子", "ヨウコ", 1),
    ("恵子", "ケイコ", 1),
    ("美智子", "ミチコ", 1),
    ("順子", "ジュンコ", 1),
    ("久美子", "クミコ", 1),
    ("由美子", "ユミコ", 1),
    ("真由美", "マユミ", 1),
    ("裕子", "ユウコ", 1),
    ("直美", "ナオミ", 1),
    ("明美", "アケミ", 1),
    ("智子", "トモコ", 1),
    ("典子", "ノリコ", 1),
    ("雅子", "マサコ", 1),
    ("陽子", "ヨウコ", 1),
    ("紀子", "ノリコ", 1),
    ("恵美", "エミ", 2),
    ("美穂", "ミホ", 2),
    ("香織", "カオリ", 2),
    ("千尋", "チヒロ", 2),
    ("彩", "アヤ", 2),
    ("愛", "アイ", 2),
    ("麻衣", "マイ", 2),
    ("美咲", "ミサキ", 2),
    ("由紀", "ユキ", 2),
    ("理恵", "リエ", 2),
    ("友美", "トモミ", 2),
    ("沙織", "サオリ", 2),
    ("結衣", "ユイ", 2),
    ("陽菜", "ヒナ", 2),
)

# Names and readings are written with a full-width space between family and given name,
# as staff type them at the counter.
SPACE = "\u3000"


class PersonName(NamedTuple):
    name: str
    kana: str
    romaji: str  # of the surname, for login ids


def person_name(rng: random.Random, generations: tuple[int, ...] = (0, 1, 2)) -> PersonName:
    surname, surname_kana, romaji = SURNAMES[int(rng.random() * len(SURNAMES))]
    pool = MALE_NAMES if rng.random() < 0.5 else FEMALE_NAMES
    candidates = [entry for entry in pool if entry[2] in generations]
    given, given_kana, _ = candidates[int(rng.random() * len(candidates))]
    return PersonName(f"{surname}{SPACE}{given}", f"{surname_kana}{SPACE}{given_kana}", romaji)


_DIGITS = "〇一二三四五六七八九"
_DIGIT_KANA = ("", "イチ", "ニ", "サン", "ヨン", "ゴ", "ロク", "ナナ", "ハチ", "キュウ")
# 丁目 changes the sound of some numbers: 一丁目 イッチョウメ, 八丁目 ハッチョウメ.
_CHOME_KANA = ("", "イッ", "ニ", "サン", "ヨン", "ゴ", "ロク", "ナナ", "ハッ", "キュウ")


def kanji_number(n: int) -> str:
    """1..99 in kanji as written in names: 3 → 三, 12 → 十二, 20 → 二十."""
    if not 1 <= n <= 99:
        raise ValueError(n)
    tens, units = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[units] if units else "")


def kana_number(n: int) -> str:
    """1..99 read aloud in katakana: 4 → ヨン, 17 → ジュウナナ."""
    if not 1 <= n <= 99:
        raise ValueError(n)
    tens, units = divmod(n, 10)
    head = "" if tens == 0 else ("ジュウ" if tens == 1 else _DIGIT_KANA[tens] + "ジュウ")
    return head + _DIGIT_KANA[units]


def chome(n: int) -> tuple[str, str]:
    """``n`` 丁目 with its reading: 1 → (一丁目, イッチョウメ)."""
    return f"{kanji_number(n)}丁目", f"{_CHOME_KANA[n] if n < 10 else kana_number(n)}チョウメ"
