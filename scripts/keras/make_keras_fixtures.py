#!/usr/bin/env python3
"""Writes the Keras 3 weight-file fixtures that Tests/KerasTests read.

Run from the repository root with the bench virtualenv (tensorflow-cpu and h5py; see bench/README.md):
    bench/.venv/bin/python scripts/keras/make_keras_fixtures.py
Output (small, committed) in Tests/KerasTests/Fixtures:
  keras_small.weights.h5   model.save_weights of a small seed-CNN-shaped Sequential (input 5x5x2:
                           Conv2D(3, same) Conv2D(2, valid) MaxPooling2D Flatten Dense(3) Dense(1)),
                           Keras' default layer names (conv2d, conv2d_1, dense, dense_1), compiled
                           with Adam (so the file also holds optimizer/vars: an int64 step count)
  keras_small.keras        model.save of the same model
  keras_named.weights.h5   the same network with its own layer names, chosen so that name order
                           differs from layer order, plus the exponential neuron (a custom layer
                           with variables a, w, b) added to the output: layers z_conv, y_conv,
                           m_hidden, b_out, a_neuron
  keras_int_vars.h5        Keras layout but an integer dataset (layers/dense/vars/0): a malformed file
Weights are set to formulas the Swift tests restate: variable v of weight-carrying layer L
(1-based, in layer order) holds L + v/10 + arange(n)/1000, reshaped to the variable's shape.
The script prints every variable's path, shape, first and last value.
"""
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import h5py  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers, ops  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "Tests", "KerasTests", "Fixtures")


@keras.saving.register_keras_serializable(package="OneNeuron")
class ExponentialNeuron(layers.Layer):
    """a * exp(w . flatten(x) + b); variables a (1,), w (n,), b (1,) in that order."""

    def build(self, input_shape):
        n = int(np.prod(input_shape[1:]))
        uniform = keras.initializers.RandomUniform(-0.05, 0.05)
        self.a = self.add_weight(shape=(1,), initializer=uniform, regularizer=keras.regularizers.l2(0.1), name="a")
        self.w = self.add_weight(shape=(n,), initializer=uniform, name="w")
        self.b = self.add_weight(shape=(1,), initializer=uniform, name="b")

    def call(self, x):
        flat = ops.reshape(x, (ops.shape(x)[0], -1))
        return self.a * ops.exp(ops.matmul(flat, ops.expand_dims(self.w, 1)) + self.b)


def small_layers(names=(None, None, None, None)):
    return [
        layers.Conv2D(3, 3, padding="same", activation="relu", name=names[0]),
        layers.Conv2D(2, 3, padding="valid", activation="relu", name=names[1]),
        layers.MaxPooling2D(2),
        layers.Flatten(),
        layers.Dense(3, activation="relu", name=names[2]),
        layers.Dense(1, activation="tanh", name=names[3]),
    ]


def set_formula_weights(weighted_layers):
    for layer_index, layer in enumerate(weighted_layers, start=1):
        values = []
        for v, variable in enumerate(layer.weights):
            n = int(np.prod(variable.shape))
            values.append((layer_index + v / 10 + np.arange(n) / 1000).astype(np.float32).reshape(variable.shape))
        layer.set_weights(values)


def show(path):
    print(os.path.basename(path))
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset):
                flat = np.asarray(obj).reshape(-1)
                print(f"  {name} {obj.shape} {obj.dtype} first={flat[0]!r} last={flat[-1]!r}")
        f.visititems(visit)


def main():
    os.makedirs(OUT, exist_ok=True)
    keras.utils.set_random_seed(1)
    small = keras.Sequential([keras.Input((5, 5, 2))] + small_layers())
    set_formula_weights([l for l in small.layers if l.weights])
    # Compiled, as a training script has it: the file then also holds optimizer/vars (not weights).
    small.compile(optimizer=keras.optimizers.Adam(2e-4), loss="mse")
    path = os.path.join(OUT, "keras_small.weights.h5")
    small.save_weights(path)
    show(path)
    small.save(os.path.join(OUT, "keras_small.keras"))
    print("keras_small.keras", [l.name for l in small.layers])

    inputs = keras.Input((5, 5, 2))
    x = inputs
    for layer in small_layers(("z_conv", "y_conv", "m_hidden", "b_out")):
        x = layer(x)
    neuron = ExponentialNeuron(name="a_neuron")
    named = keras.Model(inputs, layers.Add()([x, neuron(inputs)]))
    set_formula_weights([l for l in named.layers if l.weights])
    path = os.path.join(OUT, "keras_named.weights.h5")
    named.save_weights(path)
    show(path)

    path = os.path.join(OUT, "keras_int_vars.h5")
    with h5py.File(path, "w") as f:
        f.create_dataset("layers/dense/vars/0", data=np.arange(6, dtype=np.int32).reshape(2, 3))
        f.create_dataset("layers/dense/vars/1", data=np.zeros(3, dtype=np.float32))
    show(path)


if __name__ == "__main__":
    main()
