"""Keras' own numbers for a small 3-class network, for Tests/TrainingTests/MulticlassKerasTests.swift.

Run with the bench virtualenv (Keras 3 on TensorFlow):
    bench/.venv/bin/python scripts/nn/make_multiclass_keras_fixture.py
Writes Tests/TrainingTests/Fixtures/keras_multiclass.json.

The network: Input(6) -> Dense(5, relu) -> Dense(3), in two twins with the same weights:
- "logits": a linear Dense(3) head, loss SparseCategoricalCrossentropy(from_logits=True);
- "softmax": Dense(3, activation="softmax"), plain SparseCategoricalCrossentropy() (Keras on
  TensorFlow computes it from the softmax's logits, `_keras_logits`; the fixture records the
  float64 value from logits and from clipped probabilities so the test can tell which).
Seeded numpy draws: the initial weights (kernels U(-0.8, 0.8), biases U(-0.2, 0.2)), 40 training and
16 validation samples N(0, 1) with labels 0..2 from a random linear teacher plus noise; the last
training sample is scaled up and relabelled so that its label's probability is below Keras' clipping
epsilon 1e-7 (there the two ways of computing the loss, and its gradient, differ).
Recorded per twin: `model.evaluate` loss and accuracy on the training set (batch 8), then one epoch
of `fit(shuffle=False, batch_size=8)` with SGD(learning_rate=0.1), validation on the 16 samples:
the logged loss, accuracy, val_loss, val_accuracy, the weights after the epoch, and the weights after
the first step alone (fit on the first batch only).
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402

SEED = 20261215
N_TRAIN, N_VAL, INPUTS, HIDDEN, CLASSES = 40, 16, 6, 5, 3
BATCH_SIZE, LEARNING_RATE = 8, 0.1

rng = np.random.default_rng(SEED)
keras.utils.set_random_seed(SEED)  # nothing below draws from Keras' generators, but keep it fixed anyway

initial = {
    "dense/kernel": rng.uniform(-0.8, 0.8, (INPUTS, HIDDEN)).astype(np.float32),
    "dense/bias": rng.uniform(-0.2, 0.2, (HIDDEN,)).astype(np.float32),
    "dense_1/kernel": rng.uniform(-0.8, 0.8, (HIDDEN, CLASSES)).astype(np.float32),
    "dense_1/bias": rng.uniform(-0.2, 0.2, (CLASSES,)).astype(np.float32),
}
teacher = rng.normal(0, 1, (INPUTS, CLASSES))


def draw(n):
    x = rng.normal(0, 1, (n, INPUTS)).astype(np.float32)
    y = np.argmax(x.astype(np.float64) @ teacher + rng.normal(0, 0.7, (n, CLASSES)), axis=1).astype(np.int64)
    return x, y


def logits_f64(w, xs):
    h = np.maximum(xs.astype(np.float64) @ w["dense/kernel"] + w["dense/bias"], 0)
    return h @ w["dense_1/kernel"] + w["dense_1/bias"]


x, y = draw(N_TRAIN)
x_val, y_val = draw(N_VAL)
# The last training sample (in the epoch's last batch) is confidently wrong: scaled until its label's
# logit is SATURATION below the largest, so its softmax probability (< 1e-7) is clipped by a loss
# computed from probabilities (loss capped at -log(1e-7) = 16.1, zero gradient) but not from logits.
SATURATION = 20.0
for scale in np.arange(1.0, 100.0, 0.25):
    z = logits_f64(initial, (scale * x[-1:]).astype(np.float32))[0]
    if z.max() - z.min() >= SATURATION:
        x[-1] = (scale * x[-1]).astype(np.float32)
        y[-1] = int(np.argmin(z))
        break
else:
    raise SystemExit("no scale saturates the last sample")


def build(head):
    inputs = keras.Input((INPUTS,))
    h = layers.Dense(HIDDEN, activation="relu", name="dense")(inputs)
    out = layers.Dense(CLASSES, activation=None if head == "logits" else "softmax", name="dense_1")(h)
    model = keras.Model(inputs, out)
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=head == "logits")
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=LEARNING_RATE), loss=loss,
                  metrics=[keras.metrics.SparseCategoricalAccuracy(name="accuracy")])
    model.get_layer("dense").set_weights([initial["dense/kernel"], initial["dense/bias"]])
    model.get_layer("dense_1").set_weights([initial["dense_1/kernel"], initial["dense_1/bias"]])
    return model


def weights(model):
    out = {}
    for name in ("dense", "dense_1"):
        kernel, bias = model.get_layer(name).get_weights()
        out[f"{name}/kernel"], out[f"{name}/bias"] = kernel, bias
    return out


def loss_from_logits(z, labels):
    top = z.max(axis=1, keepdims=True)
    lse = top[:, 0] + np.log(np.exp(z - top).sum(axis=1))
    return float(np.mean(lse - z[np.arange(len(labels)), labels]))


def loss_from_clipped_probabilities(z, labels):
    p = np.exp(z - z.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    p = np.clip(p, 1e-7, 1 - 1e-7)
    return float(np.mean(-np.log(p[np.arange(len(labels)), labels] / p.sum(axis=1))))


def top2_gap(z):
    s = np.sort(z, axis=1)
    return float(np.min(s[:, -1] - s[:, -2]))


def flat(a):
    return [float(v) for v in np.asarray(a, dtype=np.float32).ravel()]


twins = []
for head in ("logits", "softmax"):
    model = build(head)
    ev = model.evaluate(x, y, batch_size=BATCH_SIZE, verbose=0, return_dict=True)
    z = logits_f64(initial, x)
    step = build(head)
    step.fit(x[:BATCH_SIZE], y[:BATCH_SIZE], batch_size=BATCH_SIZE, epochs=1, shuffle=False, verbose=0)
    h = model.fit(x, y, batch_size=BATCH_SIZE, epochs=1, shuffle=False, verbose=0, validation_data=(x_val, y_val)).history
    after = weights(model)
    twins.append({
        "head": head,
        "loss": "sparse_categorical_crossentropy" + ("(from_logits=True)" if head == "logits" else ""),
        "evaluate": {"loss": float(ev["loss"]), "accuracy": float(ev["accuracy"])},
        # float64 references on the initial weights: Keras' evaluate loss should equal the first for both twins.
        "float64_loss_from_logits": loss_from_logits(z, y),
        "float64_loss_from_clipped_probabilities": loss_from_clipped_probabilities(z, y),
        "initial_top2_gap": top2_gap(z),
        "epoch": {k: float(v[0]) for k, v in h.items()},
        "after_step": {k: flat(v) for k, v in weights(step).items()},
        "after_epoch": {k: flat(v) for k, v in after.items()},
        "after_epoch_top2_gap_val": top2_gap(logits_f64(after, x_val)),
    })
    print(head, "evaluate", ev, "epoch", {k: v[0] for k, v in h.items()})

# Keras computes the softmax twin's loss from its logits, not from clipped probabilities.
for t in twins:
    assert abs(t["evaluate"]["loss"] - t["float64_loss_from_logits"]) <= 1e-6 * t["float64_loss_from_logits"], t
    # Accuracy must not hinge on a near-tie that rounding could flip.
    assert t["initial_top2_gap"] > 1e-4 and t["after_epoch_top2_gap_val"] > 1e-4, t

fixture = {
    "keras": keras.__version__, "tensorflow": tf.__version__, "seed": SEED,
    "inputs": INPUTS, "hidden": HIDDEN, "classes": CLASSES, "batch_size": BATCH_SIZE, "learning_rate": LEARNING_RATE,
    "x": flat(x), "y": [int(v) for v in y], "x_val": flat(x_val), "y_val": [int(v) for v in y_val],
    "initial": {k: flat(v) for k, v in initial.items()},
    "twins": twins,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Tests", "TrainingTests", "Fixtures", "keras_multiclass.json")
os.makedirs(os.path.dirname(path), exist_ok=True)
with open(path, "w") as f:
    # One top-level key per line, each twin on its own line: compact and diff-friendly.
    lines = []
    for key, value in fixture.items():
        if key == "twins":
            body = ",\n".join("  " + json.dumps(t, allow_nan=False, separators=(",", ":")) for t in value)
            lines.append(f"{json.dumps(key)}: [\n{body}\n]")
        else:
            lines.append(f"{json.dumps(key)}: {json.dumps(value, allow_nan=False, separators=(',', ':'))}")
    f.write("{\n" + ",\n".join(lines) + "\n}\n")
print("wrote", os.path.normpath(path))
