"""Keras' own softmax cross-entropy values and gradients, for Tests/NNTests/SoftmaxCrossEntropyKerasTests.swift.

Run with the bench virtualenv (Keras 3 on TensorFlow):
    bench/.venv/bin/python scripts/nn/make_cce_fixtures.py
Writes Tests/NNTests/Fixtures/keras_cce_cases.json: per case the float32 inputs (logits or
probabilities), integer labels, and Keras' mean loss, gradient d(mean loss)/d(input) and accuracy
for categorical_crossentropy / sparse_categorical_crossentropy, from logits and from probabilities.
"""
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np
import tensorflow as tf
import keras

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "stats"))
from fixture_file import write_fixture  # noqa: E402

rng = np.random.default_rng(20261202)


def keras_case(name, inputs, labels, from_logits, sparse):
    k = inputs.shape[1]
    x = tf.Variable(inputs.astype(np.float32))
    y = labels.astype(np.int64) if sparse else np.eye(k, dtype=np.float32)[labels]
    loss_fn = (keras.losses.SparseCategoricalCrossentropy if sparse else keras.losses.CategoricalCrossentropy)(from_logits=from_logits)
    with tf.GradientTape() as tape:
        loss = loss_fn(y, x)
    grad = tape.gradient(loss, x).numpy()
    acc = keras.metrics.sparse_categorical_accuracy(labels.astype(np.int64), tf.constant(inputs.astype(np.float32))).numpy().mean()
    return {
        "name": name, "classes": int(k), "from_logits": from_logits, "sparse": sparse,
        "inputs": [float(v) for v in inputs.astype(np.float32).ravel()],
        "labels": [int(v) for v in labels],
        "loss": float(loss.numpy()), "gradient": [float(v) for v in grad.ravel()], "accuracy": float(acc),
    }


cases = []
for k in (2, 3, 8, 16):
    n = 7
    labels = rng.integers(0, k, n)
    logits = rng.normal(0, 3, (n, k)).astype(np.float32)
    logits[0, :] = 0.0                      # a tie: argmax takes the first
    logits[1, labels[1]] = 40.0             # confident and right
    logits[2, (labels[2] + 1) % k] = 40.0   # confident and wrong
    for sparse in (False, True):
        cases.append(keras_case(f"logits k={k}", logits, labels, True, sparse))
    # Probabilities: normalised rows, rows that do not sum to one, and saturated entries (clipping).
    p = rng.uniform(0, 1, (n, k)).astype(np.float32)
    p /= p.sum(axis=1, keepdims=True)
    p[3] *= 1.7                             # not normalised
    p[4, :] = 0.0; p[4, labels[4]] = 1.0     # exactly one-hot and right: clipped
    p[5, :] = 0.0; p[5, (labels[5] + 1) % k] = 1.0  # exactly one-hot and wrong: clipped
    for sparse in (False, True):
        cases.append(keras_case(f"probabilities k={k}", p, labels, False, sparse))

out = {"keras": keras.__version__, "tensorflow": tf.__version__, "cases": cases}
write_fixture(os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "NNTests", "Fixtures", "keras_cce_cases.json"), out)
