#!/usr/bin/env python3
"""Reference for the EEG image pipeline (numpy + scipy), and the fixture the Swift tests compare to.

Reproduces the original notebook (tevisgehr/EEG-Classification, Rev1-1.ipynb) as described in
../shared/data/eeg/SOURCE.md, step by step:
  1. load each CSV (14 rows x T samples);
  2. windows start 0, 64, 128, ... while start + 128 <= T, the start-0 window is dropped, and a
     window takes samples [start, start + 128] inclusive (pandas .loc slicing: 129 samples, the
     last one 128);
  3. |FFT| / n over the first n//2 bins, bin k at k*128/n Hz, band means over (4,8], (8,12], (12,40];
  4. images with EEGLearn's gen_images: griddata(method='cubic') of each colour plane on
     mgrid[-4:4:28j, -3:4:28j], NaN (outside the hull) -> 0; the `notebook` layout feeds plane c
     the channel-major flat features [14c, 14c+14), `band-major` feeds it band c;
  5. (frames, 3, 28x, 28y) -> swap axes 1 and 3 -> (frames, 28y, 28x, 3).

Writes Tests/EEGTests/Fixtures/reference.json with:
  - the electrode positions and scipy's Delaunay simplices (and checks the cocircular
    diagonals the Swift code is told to use);
  - per-file frame counts, global mean and zero fraction of all images, per layout;
  - frames 0, 1, 2 and the last frame of two files, as band features and images, both layouts;
  - a Clough-Tocher check: random vertex values, scipy's estimated gradients, and scipy's
    interpolant at random points (inside and outside the hull).

Usage: python3 scripts/eeg/reference.py [--data ../shared/data/eeg] [--out Tests/EEGTests/Fixtures]
(run from the repository root; takes about a minute: griddata is called 2 x 3 x 3642 times).
"""
import argparse
import json
import os
import time

import numpy as np
from scipy.interpolate import CloughTocher2DInterpolator, griddata
from scipy.interpolate._interpnd import estimate_gradients_2d_global
from scipy.spatial import Delaunay

FILES = [f"ML10{s}_{c}.csv" for s in range(1, 9) for c in ("KS", "US")]
LOCS = np.array([(-2, 4), (2, 4), (-1, 3), (1, 3), (-3, 3), (3, 3), (-2, 2), (2, 2),
                 (-2, -2), (2, -2), (-4, 1), (4, 1), (-1, -3), (1, -3)], dtype=float)
# The diagonal Qhull picks in each cocircular quadrilateral of LOCS (checked below).
QHULL_DIAGONALS = [(1, 2), (2, 4), (1, 7), (2, 7), (7, 8), (8, 13)]
BANDS = [(4, 8), (8, 12), (12, 40)]
RATE = 128
GRID = 28


def load(path):
    x = np.loadtxt(path, delimiter=",")
    assert x.shape[0] == 14, (path, x.shape)
    return x


def windows(T):
    """(start, stop) pairs, stop exclusive, exactly as the notebook's .loc slicing."""
    starts = list(range(0, T - 128 + 1, 64))[1:]
    return [(s, min(s + 129, T)) for s in starts]


def band_features(x):
    """(frames, 14, 3) band means of |FFT|/n, and the window start times in seconds."""
    feats, starts = [], []
    for s, e in windows(x.shape[1]):
        seg = x[:, s:e]
        n = seg.shape[1]
        mag = np.abs(np.fft.fft(seg, axis=1)) / n
        mag = mag[:, : n // 2]
        freqs = np.arange(n // 2) * RATE / n
        f = np.stack([mag[:, (freqs > lo) & (freqs <= hi)].mean(axis=1) for lo, hi in BANDS], axis=1)
        feats.append(f)
        starts.append(s / RATE)
    return np.array(feats), np.array(starts)


def planes(feats, layout):
    """(frames, 3, 14): the 14 values interpolated into each colour plane."""
    if layout == "notebook":
        flat = feats.reshape(len(feats), 42)  # channel-major: index = channel*3 + band
        return np.stack([flat[:, 14 * c: 14 * c + 14] for c in range(3)], axis=1)
    return np.transpose(feats, (0, 2, 1))  # band-major: plane c = band c of every channel


def images(feats, layout):
    gx, gy = np.mgrid[LOCS[:, 0].min():LOCS[:, 0].max():GRID * 1j,
                      LOCS[:, 1].min():LOCS[:, 1].max():GRID * 1j]
    p = planes(feats, layout)
    out = np.zeros((len(feats), 3, GRID, GRID))
    for i in range(len(feats)):
        for c in range(3):
            out[i, c] = griddata(LOCS, p[i, c], (gx, gy), method="cubic", fill_value=np.nan)
    out = np.nan_to_num(out)
    return np.swapaxes(out, 1, 3)  # (frames, 28 y, 28 x, 3)


def check_triangulation():
    tri = Delaunay(LOCS)
    edges = {tuple(sorted((int(s[a]), int(s[b])))) for s in tri.simplices for a, b in ((0, 1), (1, 2), (0, 2))}
    for d in QHULL_DIAGONALS:
        assert d in edges, f"Qhull no longer uses diagonal {d}; update QHULL_DIAGONALS and the Swift layout"
    return tri


def clough_tocher_case(rng, tri):
    values = rng.normal(size=len(LOCS)) * 3 + 5
    grad = estimate_gradients_2d_global(tri, values)  # defaults: maxiter=400, tol=1e-6
    pts = np.column_stack([rng.uniform(-4.5, 4.5, 40), rng.uniform(-3.5, 4.5, 40)])
    pts = np.vstack([pts, LOCS, [[0.0, 0.0], [-2.0, 4.0], [0.5, 4.0], [0.0, -3.0], [5.0, 0.0]]])
    interp = CloughTocher2DInterpolator(tri, values)
    w = interp(pts)
    return {
        "values": values.tolist(),
        "gradients": grad.tolist(),
        "points": pts.tolist(),
        "interpolated": [None if np.isnan(v) else float(v) for v in w],
    }


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.abspath(os.path.join(here, "..", ".."))
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(root, "..", "shared", "data", "eeg"))
    ap.add_argument("--out", default=os.path.join(root, "Tests", "EEGTests", "Fixtures"))
    args = ap.parse_args()

    tri = check_triangulation()
    fixture = {
        "electrodes": LOCS.tolist(),
        "simplices": tri.simplices.tolist(),
        "files": FILES,
        "layouts": {},
        "frames": [],
    }
    sample_files = {"ML101_KS.csv": None, "ML106_US.csv": None}
    t0 = time.time()
    feats_per_file = {}
    for name in FILES:
        feats_per_file[name] = band_features(load(os.path.join(args.data, name)))
    fixture["frame_counts"] = [len(feats_per_file[n][0]) for n in FILES]
    for layout in ("notebook", "band-major"):
        total, zeros, count = 0.0, 0, 0
        per_file_images = {}
        for name in FILES:
            imgs = images(feats_per_file[name][0], layout).astype(np.float32)
            total += imgs.astype(np.float64).sum()
            zeros += int((imgs == 0).sum())
            count += imgs.size
            if name in sample_files:
                per_file_images[name] = imgs
        fixture["layouts"][layout] = {"mean": total / count, "zero_fraction": zeros / count, "values": count}
        for name, imgs in per_file_images.items():
            feats, starts = feats_per_file[name]
            for i in (0, 1, 2, len(feats) - 1):
                fixture["frames"].append({
                    "file": name, "layout": layout, "frame": i, "start_seconds": float(starts[i]),
                    "features": feats[i].tolist(),  # [channel][band]
                    "image": [float(f"{v:.9g}") for v in imgs[i].astype(np.float64).ravel()],  # [y][x][plane]
                })
        print(f"{layout}: mean {total / count:.6f}, zero fraction {zeros / count:.6f}, {count} values")
    rng = np.random.default_rng(20170920)
    fixture["clough_tocher"] = [clough_tocher_case(rng, tri) for _ in range(3)]
    print("frame counts", fixture["frame_counts"], "total", sum(fixture["frame_counts"]))
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "reference.json")
    with open(path, "w") as fh:
        json.dump(fixture, fh, separators=(",", ":"))
    print(f"wrote {path} ({os.path.getsize(path)} bytes) in {time.time() - t0:.1f} s")


if __name__ == "__main__":
    main()
