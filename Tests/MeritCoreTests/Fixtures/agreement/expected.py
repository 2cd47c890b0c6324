#!/usr/bin/env python3
"""Expected rater-agreement figures for the fixtures beside this script, from independent implementations:
pingouin (ICC, the Shrout & Fleiss forms, and their 95 % confidence intervals) and the `krippendorff` package
(alpha, interval and ordinal). Exact and within-one agreement are counted here over every pair of ratings of
one target. Run:  pip install pingouin krippendorff && python3 expected.py > expected.json
(pingouin 0.7.0 and krippendorff 0.9.0 made the committed file.)"""
import csv, glob, itertools, json, os, sys

import krippendorff
import numpy as np
import pandas as pd
import pingouin

# pingouin rounds confidence intervals to 2 decimals unless told not to.
pingouin.options["round.column.CI95"] = None

here = os.path.dirname(os.path.abspath(__file__))
out = {}
for path in sorted(glob.glob(os.path.join(here, "*.csv"))):
    rows = list(csv.DictReader(open(path)))
    data = pd.DataFrame(
        [(r["target"], r["rater"], float(r["rating"])) for r in rows if r["rating"] != ""], columns=["target", "rater", "rating"])
    targets = sorted(set(r["target"] for r in rows))
    raters = sorted(set(r["rater"] for r in rows))
    matrix = np.full((len(raters), len(targets)), np.nan)
    for r in rows:
        if r["rating"] != "":
            matrix[raters.index(r["rater"]), targets.index(r["target"])] = float(r["rating"])
    figures = {}
    complete = data.groupby("target")["rater"].nunique()
    if (complete == len(raters)).all() and len(data) == len(targets) * len(raters):
        icc = pingouin.intraclass_corr(data=data, targets="target", raters="rater", ratings="rating").set_index("Type")
        # pingouin names the Shrout & Fleiss forms as McGraw & Wong do: ICC(2,1) is ICC(A,1), ICC(3,1) ICC(C,1).
        names = {"ICC1": "ICC(1,1)", "ICC2": "ICC(A,1)", "ICC3": "ICC(C,1)", "ICC1k": "ICC(1,k)", "ICC2k": "ICC(A,k)", "ICC3k": "ICC(C,k)"}
        for kind, name in names.items():
            figures[kind] = float(icc.loc[name, "ICC"])
            figures[kind + "_ci95"] = [float(x) for x in icc.loc[name, "CI95"]]
    else:
        # Rotating assessors: ICC(1,1) over the targets with the most common number of ratings, their
        # first, second, ... rating (by assessor code) as columns; on a tie the larger number (RaterReport's rule).
        counts = data.groupby("target").size()
        slots = int(counts[counts >= 2].value_counts().sort_index(ascending=False).idxmax())
        used = data[data["target"].isin(counts[counts == slots].index)].sort_values(["target", "rater"]).copy()
        used["slot"] = used.groupby("target").cumcount()
        icc = pingouin.intraclass_corr(data=used, targets="target", raters="slot", ratings="rating").set_index("Type")
        figures["ICC1_slots"] = float(icc.loc["ICC(1,1)", "ICC"])
        figures["ICC1_slots_ci95"] = [float(x) for x in icc.loc["ICC(1,1)", "CI95"]]
    figures["alpha_interval"] = float(krippendorff.alpha(reliability_data=matrix, level_of_measurement="interval"))
    figures["alpha_ordinal"] = float(krippendorff.alpha(reliability_data=matrix, level_of_measurement="ordinal"))
    pairs = exact = within = 0
    for column in matrix.T:
        values = [v for v in column if not np.isnan(v)]
        for a, b in itertools.combinations(values, 2):
            pairs += 1
            exact += a == b
            within += abs(a - b) <= 1
    figures["pairs"] = pairs
    figures["exact"] = exact / pairs
    figures["within_one"] = within / pairs
    out[os.path.basename(path)] = figures
json.dump(out, sys.stdout, indent=1, sort_keys=True)
print()
