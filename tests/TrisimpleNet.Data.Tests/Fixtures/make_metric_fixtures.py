#!/usr/bin/python3
"""Writes metric_fixtures.json: recorded inputs and the expected value of every metric in TrisimpleNet.Data.Metrics.

Run with the Debian packages python3-numpy, python3-sklearn, python3-scipy and python3-skimage:

    /usr/bin/python3 make_metric_fixtures.py

The C# tests only read the JSON; they never need Python.

References:
  * AUROC: sklearn.metrics.roc_auc_score.
  * F1-max: sklearn.metrics.precision_recall_curve; F1 = 2 P R / (P + R); the lowest threshold reaching the maximum.
  * Threshold at a false-positive rate: the lowest normal score t with mean(normal >= t) <= rate, or the next double
    above the highest normal score when no normal score qualifies.
  * AUPRO: the MVTec AD definition, written out below (compute_pro, trapezoid), in float64 throughout and without
    dilating the prediction.
"""
import json
import pathlib
from bisect import bisect

import numpy as np
import scipy.ndimage
import skimage.measure
from sklearn.metrics import precision_recall_curve, roc_auc_score

rng = np.random.default_rng(20240611)


def as_list(values):
    return [float(v) for v in np.asarray(values, dtype=np.float64).ravel()]


def float32_scores(values):
    """Float32 values, written as the doubles they convert to exactly, so C# can read them as float or double."""
    return np.asarray(values, dtype=np.float32).astype(np.float64)


# ---------------------------------------------------------------- AUROC and F1-max over labelled scores


def f1_max(scores, labels):
    precision, recall, thresholds = precision_recall_curve(labels, scores)
    with np.errstate(divide="ignore", invalid="ignore"):
        f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0.0)
    f1 = f1[:-1]  # the last point (recall 0, precision 1) has no threshold
    best = f1.max()
    threshold = thresholds[np.abs(f1 - best) <= 1e-12].min()
    return float(best), float(threshold)


def labelled_case(name, scores, labels):
    scores = np.asarray(scores, dtype=np.float64)
    labels = np.asarray(labels, dtype=bool)
    f1, threshold = f1_max(scores, labels)
    return {
        "name": name,
        "scores": as_list(scores),
        "labels": [bool(v) for v in labels],
        "auroc": float(roc_auc_score(labels, scores)),
        "f1Max": f1,
        "f1MaxThreshold": threshold,
    }


labelled_cases = [
    labelled_case("two samples ranked correctly", [0.2, 0.9], [False, True]),
    labelled_case("two samples ranked wrongly", [0.9, 0.2], [False, True]),
    labelled_case("one tie between classes", [0.5, 0.5], [False, True]),
    labelled_case("scikit-learn docstring example", [0.1, 0.4, 0.35, 0.8], [False, False, True, True]),
    labelled_case("all scores tied", [3.0] * 7, [True, False, True, False, False, True, False]),
    labelled_case("negative zero ties positive zero", [-0.0, 0.0, 1.0, -1.0], [True, False, True, False]),
    labelled_case("extreme magnitudes", [-1e308, 1e308, 0.0, 2.0, 1e308], [False, True, False, True, False]),
    labelled_case(
        "heavy ties among small integers",
        rng.integers(0, 6, size=300).astype(np.float64),
        rng.random(300) < 0.3,
    ),
]
for n, positive_rate in [(50, 0.5), (1000, 0.1), (5000, 0.02)]:
    labels = rng.random(n) < positive_rate
    labels[0], labels[1] = True, False
    scores = rng.normal(size=n) + 1.2 * labels
    labelled_cases.append(labelled_case(f"random normal doubles n={n}", scores, labels))
labels = rng.random(4000) < 0.25
scores = float32_scores(np.round(rng.random(4000) + 0.3 * labels, 2))
labelled_cases.append(labelled_case("float32 scores rounded to two decimals n=4000", scores, labels))


# ---------------------------------------------------------------- threshold at a false-positive rate


def threshold_at_false_positive_rate(normal_scores, rate):
    normal_scores = np.asarray(normal_scores, dtype=np.float64)
    qualifying = [t for t in np.unique(normal_scores) if np.mean(normal_scores >= t) <= rate]
    return float(min(qualifying)) if qualifying else float(np.nextafter(normal_scores.max(), np.inf))


threshold_cases = []
for name, normal_scores in [
    ("ten distinct scores", np.arange(1, 11, dtype=np.float64) / 10),
    ("ties at the top", [0.1, 0.2, 0.9, 0.9, 0.9]),
    ("random normal doubles n=997", rng.normal(size=997)),
]:
    rates = [0.0, 0.01, 0.05, 0.1, 0.3, 0.5, 1.0]
    threshold_cases.append({
        "name": name,
        "normalScores": as_list(normal_scores),
        "rates": rates,
        "thresholds": [threshold_at_false_positive_rate(normal_scores, r) for r in rates],
    })


# ---------------------------------------------------------------- AUPRO, the MVTec AD definition

EIGHT_CONNECTIVITY = np.ones((3, 3), dtype=int)


def compute_pro(anomaly_maps, ground_truth_maps):
    """PRO curve: one (FPR, PRO) point per distinct score, from the highest score down, framed by (0,0) and (1,1).

    Follows compute_pro of the MVTec AD evaluation code: every pixel of a ground-truth region k adds 1 / area(k) to
    the PRO numerator once its score reaches the threshold, every normal pixel adds 1 to the false positives; both
    running sums are divided by the number of regions and the number of normal pixels of all images. Unlike the
    reference, which casts the FPRs to float32, everything here is float64.
    """
    fp_changes, pro_changes, scores = [], [], []
    region_count = 0
    normal_pixel_count = 0
    for anomaly_map, ground_truth in zip(anomaly_maps, ground_truth_maps):
        labelled, regions = scipy.ndimage.label(ground_truth, structure=EIGHT_CONNECTIVITY)
        assert regions == skimage.measure.label(ground_truth, connectivity=2).max()
        region_count += regions
        normal = labelled == 0
        normal_pixel_count += int(normal.sum())
        pro_change = np.zeros(ground_truth.shape, dtype=np.float64)
        for k in range(1, regions + 1):
            region = labelled == k
            pro_change[region] = 1.0 / region.sum()
        fp_changes.append(normal.astype(np.float64).ravel())
        pro_changes.append(pro_change.ravel())
        scores.append(anomaly_map.astype(np.float64).ravel())
    scores = np.concatenate(scores)
    order = np.argsort(scores, kind="stable")[::-1]
    scores = scores[order]
    fprs = np.cumsum(np.concatenate(fp_changes)[order]) / normal_pixel_count
    pros = np.cumsum(np.concatenate(pro_changes)[order]) / region_count
    # Keep the last point of every run of equal scores: all tied pixels cross the threshold together.
    keep = np.append(np.diff(scores) != 0, True)
    fprs = np.clip(fprs[keep], None, 1.0)
    pros = np.clip(pros[keep], None, 1.0)
    return np.concatenate(([0.0], fprs, [1.0])), np.concatenate(([0.0], pros, [1.0])), region_count


def trapezoid(x, y, x_max):
    """Trapezoidal area under y(x) up to x_max, interpolating linearly at x_max (MVTec AD `trapezoid`)."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    correction = 0.0
    if x_max not in x:
        ins = bisect(x, x_max)
        assert 0 < ins < len(x)
        y_interp = y[ins - 1] + (y[ins] - y[ins - 1]) * (x_max - x[ins - 1]) / (x[ins] - x[ins - 1])
        correction = 0.5 * (y_interp + y[ins - 1]) * (x_max - x[ins - 1])
    mask = x <= x_max
    x, y = x[mask], y[mask]
    return float(np.sum(0.5 * (y[1:] + y[:-1]) * (x[1:] - x[:-1])) + correction)


def aupro_case(name, anomaly_maps, ground_truth_maps, max_fprs=(0.3, 0.05, 1.0)):
    anomaly_maps = [float32_scores(m) for m in anomaly_maps]
    fprs, pros, region_count = compute_pro(anomaly_maps, ground_truth_maps)
    return {
        "name": name,
        "width": int(anomaly_maps[0].shape[1]),
        "anomalyMaps": [as_list(m) for m in anomaly_maps],
        "groundTruths": [[bool(v) for v in g.ravel()] for g in ground_truth_maps],
        "regionCount": int(region_count),
        "maxFalsePositiveRates": list(max_fprs),
        "aupros": [trapezoid(fprs, pros, x_max) / x_max for x_max in max_fprs],
    }


def blob_mask(height, width, blobs):
    mask = np.zeros((height, width), dtype=bool)
    for top, left, h, w in blobs:
        mask[top:top + h, left:left + w] = True
    return mask


aupro_cases = []

# Two regions that touch only at a corner are one region under 8-connectivity.
mask = blob_mask(6, 6, [(0, 0, 2, 2), (2, 2, 2, 2), (0, 5, 3, 1)])
anomaly = np.arange(36, dtype=np.float64).reshape(6, 6) / 36
aupro_cases.append(aupro_case("diagonal neighbours form one region", [anomaly], [mask]))

# A perfect detector: every anomalous pixel scores above every normal pixel.
mask = blob_mask(8, 10, [(1, 1, 2, 3), (5, 6, 3, 2)])
aupro_cases.append(aupro_case("perfect separation", [mask * 1.0 + 0.1 * rng.random((8, 10))], [mask]))

# Heavy ties: scores quantised to a few levels.
maps, masks = [], []
for blobs in ([(2, 2, 4, 4), (10, 12, 3, 5)], [(0, 0, 1, 1), (7, 3, 6, 2), (12, 14, 4, 4)], []):
    mask = blob_mask(16, 20, blobs)
    masks.append(mask)
    maps.append(np.round(rng.random((16, 20)) * 4 + 2.5 * mask) / 4)
aupro_cases.append(aupro_case("three images, quantised scores, one image without defects", maps, masks))

# Random smooth maps with irregular regions.
for case_index in range(3):
    maps, masks = [], []
    for _ in range(4):
        noise = scipy.ndimage.gaussian_filter(rng.random((24, 32)), 2.0)
        mask = noise > np.quantile(noise, 0.9)
        masks.append(mask)
        maps.append(scipy.ndimage.gaussian_filter(mask * 1.0, 1.5) + 0.3 * rng.random((24, 32)))
    aupro_cases.append(aupro_case(f"random smooth maps, case {case_index + 1}", maps, masks))

fixtures = {
    "generatedBy": "make_metric_fixtures.py",
    "labelledScores": labelled_cases,
    "falsePositiveRateThresholds": threshold_cases,
    "aupro": aupro_cases,
}
output = pathlib.Path(__file__).with_name("metric_fixtures.json")
output.write_text(json.dumps(fixtures, allow_nan=False) + "\n")
print(f"wrote {output}")
