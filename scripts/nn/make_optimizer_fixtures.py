"""Keras 3's own Adam, RMSprop and SGD updates, bit for bit, for Tests/NNTests/OptimizerKerasTests.swift.

Run with Keras 3 on TensorFlow (bench/.venv or any python with tensorflow-cpu):
    python scripts/nn/make_optimizer_fixtures.py
Writes Tests/NNTests/Fixtures/keras_optimizer_cases.json: per case the optimizer and its settings,
the float32 start values and, at chosen steps, the variable's float32 bits. The gradients are made
from integers so that Swift forms the same float32 values: g[i](t) = (h(i, t) - 1000) / 1000 * scale,
h = (i * 2654435761 + t * 40503) mod 2001 (integers below 2^24 divided in float32: exact rounding).
The fixture holds the eager updates: TensorFlow's float32 kernels, one rounding per operation, which
is what OneNeuron reproduces. Each case is also run inside a tf.function with jit_compile=True (what
`model.fit` runs by default, jit_compile="auto"): XLA fuses multiply-adds into FMAs (one rounding for
two operations), so its bits part from the eager ones after some steps; the fixture records, per
checkpoint, how many of the N values differ (`xla_differing`), so the gap is measured, not assumed.
"""
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np
import tensorflow as tf
import keras

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "stats"))
from fixture_file import write_fixture  # noqa: E402

N = 8
STEPS = 10000
CHECKPOINTS = [1, 2, 3, 10, 100, 1000, 5000, 10000]


def gradient(t, scale):
    i = np.arange(N, dtype=np.int64)
    h = (i * 2654435761 + t * 40503) % 2001
    return ((h - 1000).astype(np.float32) / np.float32(1000)) * np.float32(scale)


def start_values():
    i = np.arange(N, dtype=np.int64)
    return ((i * 37 % 17) - 8).astype(np.float32) / np.float32(8)


def bits(values):
    return [int(b) for b in np.asarray(values, dtype=np.float32).view(np.uint32)]


def run(make, scale, jit):
    optimizer = make()
    variable = tf.Variable(start_values())
    optimizer.build([variable])

    def step(g):
        optimizer.apply_gradients([(g, variable)])

    apply = tf.function(step, jit_compile=True) if jit else step
    out = {}
    for t in range(1, STEPS + 1):
        apply(tf.constant(gradient(t, scale)))
        if t in CHECKPOINTS:
            out[t] = bits(variable.numpy())
    return out


CASES = [
    ("adam", dict(learning_rate=0.0002), 1.0, lambda: keras.optimizers.Adam(learning_rate=0.0002)),
    ("adam", dict(learning_rate=0.001), 1e-3, lambda: keras.optimizers.Adam(learning_rate=0.001)),
    ("adam", dict(learning_rate=0.01, beta1=0.8, beta2=0.99, epsilon=1e-6), 3.0,
     lambda: keras.optimizers.Adam(learning_rate=0.01, beta_1=0.8, beta_2=0.99, epsilon=1e-6)),
    ("rmsprop", dict(learning_rate=0.001), 1.0, lambda: keras.optimizers.RMSprop(learning_rate=0.001)),
    ("rmsprop", dict(learning_rate=0.0001), 0.01, lambda: keras.optimizers.RMSprop(learning_rate=0.0001)),
    ("sgd", dict(learning_rate=0.01), 1.0, lambda: keras.optimizers.SGD(learning_rate=0.01)),
    ("sgd", dict(learning_rate=0.01, momentum=0.9), 1.0, lambda: keras.optimizers.SGD(learning_rate=0.01, momentum=0.9)),
    ("sgd", dict(learning_rate=0.003, momentum=0.7, nesterov=True), 1.0,
     lambda: keras.optimizers.SGD(learning_rate=0.003, momentum=0.7, nesterov=True)),
]

cases = []
for name, settings, scale, make in CASES:
    eager = run(make, scale, jit=False)
    compiled = run(make, scale, jit=True)
    differing = {str(t): sum(a != b for a, b in zip(eager[t], compiled[t])) for t in CHECKPOINTS}
    cases.append({"optimizer": name, "settings": settings, "scale": scale, "start": bits(start_values()),
                  "steps": {str(t): eager[t] for t in CHECKPOINTS}, "xla_differing": differing})
    print(name, settings, "values differing under XLA per checkpoint:", differing, file=sys.stderr)

here = os.path.dirname(os.path.abspath(__file__))
write_fixture(os.path.join(here, "..", "..", "Tests", "NNTests", "Fixtures", "keras_optimizer_cases.json"),
              {"keras": keras.__version__, "tensorflow": tf.__version__, "n": N,
               "gradient": "(((i * 2654435761 + t * 40503) mod 2001) - 1000) / 1000 * scale, float32",
               "cases": cases})
