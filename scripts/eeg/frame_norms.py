"""How far the EEG images' largest frames sit from the typical one (docs/results/2026-12-02-multi-class-eeg.md).

    one-neuron eeg prepare --data ../shared/data/eeg --target subject --out /tmp/eeg-subject.npz
    bench/.venv/bin/python scripts/eeg/frame_norms.py /tmp/eeg-subject.npz   # any Python with numpy

Prints the L1 and L2 norms of the flattened frames after z-scoring with one mean and standard
deviation (as --standardize does, here over all frames), the sessions of the largest frames, and per session the median, 99th percentile and largest L2 norm.
"""
import sys

import numpy as np

SESSIONS = [f"ML10{s}_{c}" for s in range(1, 9) for c in ("KS", "US")]

d = np.load(sys.argv[1])
x = d["x"].reshape(len(d["x"]), -1).astype(np.float64)
z = (x - x.mean()) / x.std()
l1, l2 = np.abs(z).sum(axis=1), np.sqrt((z ** 2).sum(axis=1))
print(f"frames {len(x)}, inputs per frame {x.shape[1]}")
print("L1 norm: median %.0f, 99th percentile %.0f, max %.0f" % tuple(np.percentile(l1, [50, 99, 100])))
print("L2 norm: median %.1f, 99th percentile %.1f, max %.1f" % tuple(np.percentile(l2, [50, 99, 100])))
top = np.argsort(l2)[::-1][:10]
print("10 largest L2 norms:", ", ".join(f"{SESSIONS[d['session'][i]]} {l2[i]:.0f}" for i in top))
print("per session: median L2, 99th percentile L2, max L2")
for k, name in enumerate(SESSIONS):
    m = d["session"] == k
    if m.any():
        print(f"  {name}: {np.median(l2[m]):.1f}, {np.percentile(l2[m], 99):.0f}, {l2[m].max():.0f}")
