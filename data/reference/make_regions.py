#!/usr/bin/python3
"""Regenerate data/reference/regions.csv.

Countries come from the Debian package iso-codes (ISO 3166-1, with the
Japanese names from its gettext catalogue). Japan's 47 prefectures come
from the table below; their 6-digit local government codes are computed
from the 5-digit code and the MIC check-digit rule, never typed in.

Run from anywhere:  /usr/bin/python3 data/reference/make_regions.py
It uses only the Python standard library and files from iso-codes.
"""

import csv
import gettext
import json
import os
import sys

ISO_DIR = "/usr/share/iso-codes/json"
LOCALE_DIR = "/usr/share/locale"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "regions.csv")

HEADER = ["code", "kind", "parent", "lg_code", "iso_alpha3", "iso_numeric",
          "name_ja", "name_en", "lat", "lon"]

# ISO 3166-2:JP number, name in Japanese, name in English, and the
# position of the prefectural government office (WGS84, degrees).
# Positions follow the GSI table of prefectural office locations,
# rounded to 4 decimals. Nagasaki's office moved to Onoue-machi in
# January 2018; its position here is the new building, approximate.
PREFECTURES = [
    (1, "北海道", "Hokkaido", 43.0642, 141.3469),
    (2, "青森県", "Aomori", 40.8244, 140.7400),
    (3, "岩手県", "Iwate", 39.7036, 141.1525),
    (4, "宮城県", "Miyagi", 38.2689, 140.8719),
    (5, "秋田県", "Akita", 39.7186, 140.1025),
    (6, "山形県", "Yamagata", 38.2406, 140.3633),
    (7, "福島県", "Fukushima", 37.7500, 140.4678),
    (8, "茨城県", "Ibaraki", 36.3414, 140.4467),
    (9, "栃木県", "Tochigi", 36.5658, 139.8836),
    (10, "群馬県", "Gunma", 36.3911, 139.0608),
    (11, "埼玉県", "Saitama", 35.8569, 139.6489),
    (12, "千葉県", "Chiba", 35.6047, 140.1233),
    (13, "東京都", "Tokyo", 35.6894, 139.6917),
    (14, "神奈川県", "Kanagawa", 35.4478, 139.6425),
    (15, "新潟県", "Niigata", 37.9022, 139.0236),
    (16, "富山県", "Toyama", 36.6953, 137.2114),
    (17, "石川県", "Ishikawa", 36.5944, 136.6256),
    (18, "福井県", "Fukui", 36.0653, 136.2219),
    (19, "山梨県", "Yamanashi", 35.6639, 138.5683),
    (20, "長野県", "Nagano", 36.6514, 138.1811),
    (21, "岐阜県", "Gifu", 35.3911, 136.7222),
    (22, "静岡県", "Shizuoka", 34.9769, 138.3831),
    (23, "愛知県", "Aichi", 35.1803, 136.9067),
    (24, "三重県", "Mie", 34.7303, 136.5086),
    (25, "滋賀県", "Shiga", 35.0044, 135.8683),
    (26, "京都府", "Kyoto", 35.0214, 135.7556),
    (27, "大阪府", "Osaka", 34.6864, 135.5200),
    (28, "兵庫県", "Hyogo", 34.6914, 135.1831),
    (29, "奈良県", "Nara", 34.6853, 135.8328),
    (30, "和歌山県", "Wakayama", 34.2261, 135.1675),
    (31, "鳥取県", "Tottori", 35.5036, 134.2383),
    (32, "島根県", "Shimane", 35.4722, 133.0506),
    (33, "岡山県", "Okayama", 34.6617, 133.9350),
    (34, "広島県", "Hiroshima", 34.3964, 132.4594),
    (35, "山口県", "Yamaguchi", 34.1858, 131.4714),
    (36, "徳島県", "Tokushima", 34.0658, 134.5594),
    (37, "香川県", "Kagawa", 34.3403, 134.0433),
    (38, "愛媛県", "Ehime", 33.8417, 132.7661),
    (39, "高知県", "Kochi", 33.5597, 133.5311),
    (40, "福岡県", "Fukuoka", 33.6064, 130.4181),
    (41, "佐賀県", "Saga", 33.2494, 130.2989),
    (42, "長崎県", "Nagasaki", 32.7503, 129.8694),
    (43, "熊本県", "Kumamoto", 32.7897, 130.7417),
    (44, "大分県", "Oita", 33.2381, 131.6125),
    (45, "宮崎県", "Miyazaki", 31.9111, 131.4239),
    (46, "鹿児島県", "Kagoshima", 31.5603, 130.5581),
    (47, "沖縄県", "Okinawa", 26.2125, 127.6811),
]


def lg_check_digit(code5):
    """MIC rule: weights 6,5,4,3,2; r = sum mod 11; check = (11 - r) mod 10."""
    if len(code5) != 5 or not code5.isdigit():
        raise ValueError("need 5 digits: %r" % code5)
    s = sum(int(d) * w for d, w in zip(code5, (6, 5, 4, 3, 2)))
    return str((11 - s % 11) % 10)


def lg_code(code5):
    return code5 + lg_check_digit(code5)


def countries():
    with open(os.path.join(ISO_DIR, "iso_3166-1.json"), encoding="utf-8") as f:
        entries = json.load(f)["3166-1"]
    try:
        ja = gettext.translation("iso_3166-1", localedir=LOCALE_DIR,
                                 languages=["ja"])
        tr = ja.gettext
    except OSError:
        sys.stderr.write("warning: no Japanese catalogue, names in English\n")
        tr = lambda s: s  # noqa: E731
    rows = []
    for e in sorted(entries, key=lambda e: e["alpha_2"]):
        name_en = e["name"]
        name_ja = tr(name_en) or name_en
        rows.append([e["alpha_2"], "country", "", "", e["alpha_3"],
                     "%03d" % int(e["numeric"]), name_ja, name_en, "", ""])
    return rows


def prefectures():
    with open(os.path.join(ISO_DIR, "iso_3166-2.json"), encoding="utf-8") as f:
        sub = {e["code"]: e["name"] for e in json.load(f)["3166-2"]
               if e["code"].startswith("JP-")}
    rows = []
    for num, name_ja, name_en, lat, lon in PREFECTURES:
        code = "JP-%02d" % num
        # The English names must agree with ISO 3166-2 in iso-codes.
        if sub.get(code) != name_en:
            raise SystemExit("%s: table says %r, iso-codes says %r"
                             % (code, name_en, sub.get(code)))
        rows.append([code, "prefecture", "JP", lg_code("%02d000" % num),
                     "", "", name_ja, name_en, "%.4f" % lat, "%.4f" % lon])
    if len(rows) != 47:
        raise SystemExit("expected 47 prefectures, got %d" % len(rows))
    return rows


def main():
    rows = countries() + prefectures()
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(HEADER)
        w.writerows(rows)
    print("wrote %s: %d rows" % (OUT, len(rows)))


if __name__ == "__main__":
    main()
