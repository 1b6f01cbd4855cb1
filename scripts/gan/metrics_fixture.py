#!/usr/bin/env python3
"""Writes Tests/GANTests/Fixtures/gan_metrics_cases.json: fixed sets of 2D points and PacGAN's metrics
of them, computed independently of the Swift code with numpy (float64 on the float32 points).

Metrics (PacGAN, Lin et al. 2018): a point is of high quality when within 3 std of its nearest mode;
modes captured = modes with at least one high-quality point; % high quality; reverse KL
KL(q || u) = sum over modes with q_i > 0 of q_i log(q_i K), q the normalised histogram of the
high-quality points over the K modes (null when there is none).

    python3 scripts/gan/metrics_fixture.py
"""
import json
import os

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Tests", "GANTests", "Fixtures", "gan_metrics_cases.json")


def task(name):
    if name == "ring8":
        angles = 2 * np.pi * np.arange(8) / 8
        return np.stack([np.cos(angles), np.sin(angles)], axis=1), 0.01
    axis = np.array([-4.0, -2.0, 0.0, 2.0, 4.0])
    return np.array([[x, y] for x in axis for y in axis]), 0.05


def metrics(points, modes, std):
    p = points.astype(np.float64)
    distances = np.linalg.norm(p[:, None, :] - modes[None, :, :], axis=2)
    nearest = distances.argmin(axis=1)
    high = distances[np.arange(len(p)), nearest] <= 3 * std
    histogram = np.bincount(nearest[high], minlength=len(modes))
    total = histogram.sum()
    if total == 0:
        kl = None
    else:
        q = histogram[histogram > 0] / total
        kl = float(np.sum(q * np.log(q * len(modes))))
    return {
        "histogram": histogram.tolist(),
        "modes_captured": int((histogram > 0).sum()),
        "high_quality_percent": float(100 * total / len(p)),
        "reverse_kl": kl,
    }


def case(name, label, rng, n, used_modes, spread, outliers):
    """n points on `used_modes` with noise `spread` (in std units), plus `outliers` uniform points."""
    modes, std = task(name)
    picks = rng.choice(used_modes, size=n)
    points = modes[picks] + rng.normal(0, spread * std, size=(n, 2))
    extra = rng.uniform(-5 if name == "grid25" else -1.5, 5 if name == "grid25" else 1.5, size=(outliers, 2))
    points = np.concatenate([points, extra]).astype(np.float32)
    return {"task": name, "label": label, "points": [float(v) for v in points.reshape(-1)], **metrics(points, modes, std)}


def main():
    rng = np.random.default_rng(23)
    cases = [
        case("ring8", "all modes, tight", rng, 400, list(range(8)), 1.0, 0),
        case("ring8", "five modes, wide, outliers", rng, 300, [0, 1, 2, 5, 7], 2.0, 50),
        case("ring8", "one mode", rng, 100, [3], 1.0, 0),
        case("ring8", "nothing of high quality", rng, 0, [0], 1.0, 40),
        case("grid25", "all modes", rng, 1000, list(range(25)), 1.5, 20),
        case("grid25", "seventeen modes, uneven", rng, 500, [0, 0, 0, 1, 2, 3, 4, 6, 7, 8, 10, 12, 13, 15, 18, 20, 22, 24], 1.2, 30),
    ]
    with open(OUT, "w") as f:
        json.dump({"generator": "scripts/gan/metrics_fixture.py", "numpy": np.__version__, "cases": cases}, f)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
