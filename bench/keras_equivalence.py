#!/usr/bin/env python3
"""Keras vs OneNeuron from the same start, with the same batches: the seed CNN (and the same
network with the exponential neuron) trained in Keras 3 with fit(shuffle=False), then by
`one-neuron train --init-weights ... --no-shuffle` from the very same initial weights file.

    bench/.venv/bin/python bench/keras_equivalence.py [--epochs 20] [--seed 1] [--threads 2]
        [--eeg ../shared/data/eeg | --data eeg.npz] [--arms plain,augmented] [--work DIR]
        [--target task|subject|session] [--split random|time] [--val-fraction 0.2] [--optimizer adam:0.0002|sgd:LR]
        [--layer-names keras|custom] [--init-format weights.h5|keras]

Needs bench/.venv with tensorflow-cpu and h5py (bench/compare.sh creates it; or
`python3 -m venv bench/.venv && bench/.venv/bin/pip install tensorflow-cpu h5py`) and a release
build (`swift build -c release`). Not part of CI. See bench/README.md.

What it does:
1. The EEG images (`one-neuron eeg prepare`), split 80/20 by a seeded permutation into train.npz
   (x, y in the permuted order = the batch order, x_val, y_val), so both frameworks see the same
   training batches and the same validation set.
2. Keras: the seed CNN from `--seed` (glorot_uniform kernels, zero biases); the augmented model is
   the same base (the plain model's initial weights copied in) plus ExponentialNeuron, a custom
   layer with variables a, w, b (U(-0.05, 0.05), l2(lambda) on a). Both initial weights are saved
   as .weights.h5, then trained `--epochs` epochs with Adam(2e-4), the polynomial hinge loss
   max(1 - y f, 0)^3, batch 128, shuffle=False; the weights after epoch 1 are saved.
3. OneNeuron: `one-neuron train --init-weights <that file> --no-shuffle` for the same epochs, once
   more for 1 epoch (its weights after epoch 1), once from the initial weights nudged by one
   ulp (np.nextafter towards +inf) and, on an AVX-512 CPU, once more with oneDNN capped at AVX2
   (ONEDNN_MAX_CPU_ISA=AVX2: other kernels, other summation orders): the spread that rounding
   alone gives is the larger of the two (issue 15 names both; `--no-isa-spread` keeps the nudge only).
   The AVX2-capped run is also compared with Keras on its own: epoch 1 must match Keras to 1e-5 natively
   and under the cap (issue 21).
4. Prints per epoch loss, accuracy, val_loss, val_accuracy (and a) of both, the relative
   difference, and the rounding spread; every weight after epoch 1 (max |diff| / max |value|);
   and the val_loss Keras computes with OneNeuron's final weights (weights.weights.h5) against
   OneNeuron's own.

`--target subject` (or `session`): the multi-class version (K = 8 subjects, or 16 sessions). The data
come from `one-neuron eeg prepare --target subject` (y = class indices 0..K-1) and are split by time as
OneNeuron's `--split time` does (`EEGSplit.time(fraction: 0.2)`: within every session the last
round(0.2 m) of its m windows validate, and training windows that overlap the first validation window
are dropped); the training frames are then put in a seeded random order (the batch order in both).
The seed CNN ends in Dense(K) logits, the loss is softmax cross-entropy from logits (Keras
`SparseCategoricalCrossentropy(from_logits=True)`, OneNeuron `--loss cce`), accuracy is top-1, and the
augmented model has K exponential neurons, one per logit (ExponentialNeuron(units=K): a (K,),
w (n, K), b (K,)). The per-epoch table compares all K values of a (max |diff| / max |a|).

`--split time` (the default for subject/session) validates on the last 20% of every session's windows, as
OneNeuron's `--split time`, for the binary task too; `--split random` (the binary default) is a seeded 80/20
permutation. `--layer-names custom` names every Keras layer differently from Keras' defaults ("stem",
"features", ...) and `--init-format keras` hands OneNeuron a `model.save` archive (.keras) instead of
`save_weights` (.weights.h5): the files OneNeuron starts from are then as a user's own Keras script writes them.

`--optimizer sgd:LR` trains both with plain SGD instead of Adam(2e-4) (under Adam the multi-class
augmented arm overflows float32 in epoch 1, see bench/results/2026-12-02-keras-equivalence-multiclass.md). When `one-neuron train` stops with
an error (e.g. the neuron's exponent past float32's range) the arm is reported as stopped, with the
epoch from which Keras' loss is non-finite, and the exit status is 1.
"""
import argparse
import csv
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

LEARNING_RATE = 2e-4
ADAM_EPSILON = 1e-7
BATCH_SIZE = 128
LAMBDA = 0.1
METRICS = ["loss", "accuracy", "val_loss", "val_accuracy"]


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--eeg", default=os.environ.get("ONE_NEURON_EEG_DATA", os.path.join(ROOT, "..", "shared", "data", "eeg")))
    p.add_argument("--data", help="an .npz from `one-neuron eeg prepare` (default: prepared from --eeg)")
    p.add_argument("--arms", default="plain,augmented")
    p.add_argument("--target", choices=["task", "subject", "session"], default="task",
                   help="task: the binary seed experiment (tanh head, polynomial hinge); subject/session: K classes "
                        "(K logits, softmax cross-entropy from logits, K neurons, the time split)")
    p.add_argument("--val-fraction", type=float, default=0.2,
                   help="multi-class: the time split's validation fraction of every session (as EEGSplit.time)")
    p.add_argument("--optimizer", default="adam:0.0002",
                   help="adam:LR (epsilon 1e-7, the default adam:0.0002) or sgd:LR (no momentum), in both frameworks")
    p.add_argument("--split", choices=["random", "time"],
                   help="validation frames: random (seeded 80/20; the binary default) or time (the last --val-fraction of every "
                        "session, as OneNeuron's --split time; the multi-class default)")
    p.add_argument("--layer-names", choices=["keras", "custom"], default="keras",
                   help="custom: every Keras layer gets a name of its own instead of Keras' default (conv2d, dense, ...)")
    p.add_argument("--init-format", choices=["weights.h5", "keras"], default="weights.h5",
                   help="the initial-weights file OneNeuron starts from: model.save_weights (.weights.h5) or model.save (.keras)")
    p.add_argument("--raw", action="store_true",
                   help="unscaled images (the seed's); default: z-scored with the training set's mean and std (see bench/README.md)")
    p.add_argument("--conv-algorithm", default="auto", choices=["auto", "direct", "winograd"],
                   help="OneNeuron's convolution algorithm (default auto: Winograd on AVX-512 CPUs; Keras always sums directly)")
    p.add_argument("--no-keras-spread", action="store_true",
                   help="skip Keras' own rounding spread (Keras trained again from the weights nudged by one ulp)")
    p.add_argument("--no-isa-spread", action="store_true",
                   help="the rounding spread from the one-ulp nudge only (default on AVX-512 CPUs: also the run capped at AVX2)")
    p.add_argument("--work", default=os.path.join(ROOT, ".build", "keras-equivalence"))
    p.add_argument("--one-neuron", default=os.path.join(ROOT, ".build", "release", "one-neuron"))
    return p.parse_args()


args = parse_args()
MULTICLASS = args.target != "task"
SPLIT = args.split or ("time" if MULTICLASS else "random")
if MULTICLASS and SPLIT != "time":
    raise SystemExit("--target subject|session needs --split time (a random split puts neighbouring, overlapping windows on both sides)")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ["OMP_NUM_THREADS"] = str(args.threads)
os.environ["TF_NUM_INTRAOP_THREADS"] = str(args.threads)
os.environ["TF_NUM_INTEROP_THREADS"] = "1"

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402
from keras import layers, ops  # noqa: E402
import h5py  # noqa: E402

tf.config.threading.set_intra_op_parallelism_threads(args.threads)
tf.config.threading.set_inter_op_parallelism_threads(1)


@keras.saving.register_keras_serializable(package="OneNeuron")
class ExponentialNeuron(layers.Layer):
    """a * exp(w . flatten(x) + b), one neuron per output unit: variables a (units,), w (n,) for one
    unit or (n, units), b (units,), in that order (OneNeuron's order and shapes); output (batch, units),
    unit k being a_k exp(w_k . x + b_k); penalty lam * sum_k a_k^2."""

    def __init__(self, lam=LAMBDA, units=1, **kwargs):
        super().__init__(**kwargs)
        self.lam, self.units = lam, units

    def build(self, input_shape):
        n = int(np.prod(input_shape[1:]))
        # "uniform": a new RandomUniform(-0.05, 0.05) per variable (one shared unseeded instance
        # would give a and b the same value).
        self.a = self.add_weight(shape=(self.units,), initializer="uniform", regularizer=keras.regularizers.l2(self.lam), name="a")
        self.w = self.add_weight(shape=(n,) if self.units == 1 else (n, self.units), initializer="uniform", name="w")
        self.b = self.add_weight(shape=(self.units,), initializer="uniform", name="b")

    def call(self, x):
        flat = ops.reshape(x, (ops.shape(x)[0], -1))
        w = ops.expand_dims(self.w, 1) if self.units == 1 else self.w
        return self.a * ops.exp(ops.matmul(flat, w) + self.b)

    def get_config(self):
        # "units" only for k > 1, as OneNeuron's model.keras writes it.
        return {**super().get_config(), "lam": self.lam, **({"units": self.units} if self.units > 1 else {})}


def polynomial_hinge(y_true, y_pred):
    margin = ops.maximum(1.0 - y_true * y_pred, 0.0)
    return ops.mean(margin * margin * margin, axis=-1)


def sign_accuracy(y_true, y_pred):
    return ops.mean(ops.cast(ops.equal(ops.sign(y_true), ops.sign(y_pred)), "float32"), axis=-1)


CUSTOM_NAMES = ["stem", "features", "pool", "flat", "hidden", "score"]


def base_layers(classes):
    names = CUSTOM_NAMES if args.layer_names == "custom" else [None] * 6
    return [
        layers.Conv2D(32, 3, padding="same", activation="relu", name=names[0]),
        layers.Conv2D(32, 3, padding="valid", activation="relu", name=names[1]),
        layers.MaxPooling2D(2, name=names[2]),
        layers.Flatten(name=names[3]),
        layers.Dense(10, activation="relu", name=names[4]),
        layers.Dense(classes, name=names[5]) if MULTICLASS else layers.Dense(1, activation="tanh", name=names[5]),
    ]


def make_loss():
    return keras.losses.SparseCategoricalCrossentropy(from_logits=True) if MULTICLASS else polynomial_hinge


def make_metrics():
    return [keras.metrics.SparseCategoricalAccuracy(name="accuracy")] if MULTICLASS else [sign_accuracy]


OPTIMIZER, OPTIMIZER_LR = args.optimizer.split(":")[0].lower(), float(args.optimizer.split(":")[1]) if ":" in args.optimizer else LEARNING_RATE
if OPTIMIZER not in ("adam", "sgd"):
    raise SystemExit(f"--optimizer {args.optimizer}: use adam:LR or sgd:LR")


def make_optimizer():
    if OPTIMIZER == "sgd":
        return keras.optimizers.SGD(OPTIMIZER_LR)
    return keras.optimizers.Adam(OPTIMIZER_LR, epsilon=ADAM_EPSILON)


def compile_model(model):
    model.compile(optimizer=make_optimizer(), loss=make_loss(), metrics=make_metrics())


def build(augmented, input_shape, classes):
    inputs = keras.Input(input_shape)
    x = inputs
    for layer in base_layers(classes):
        x = layer(x)
    if augmented:
        custom = args.layer_names == "custom"
        x = layers.Add(name="total" if custom else None)([x, ExponentialNeuron(units=classes if MULTICLASS else 1, name="escape" if custom else None)(inputs)])
    model = keras.Model(inputs, x)
    compile_model(model)
    return model


def labels(y):
    """The labels as Keras takes them: class indices (N,) for the multi-class mode, else a column."""
    return y if MULTICLASS else y.reshape(-1, 1)


def weighted(model):
    return [l for l in model.layers if l.weights]


class Recorder(keras.callbacks.Callback):
    """Saves the weights after epoch 1 and records the neuron's a after every epoch."""

    def __init__(self, epoch1_path):
        super().__init__()
        self.epoch1_path, self.a = epoch1_path, []

    def on_epoch_end(self, epoch, logs=None):
        if epoch == 0:
            self.model.save_weights(self.epoch1_path)
        neuron = [l for l in self.model.layers if isinstance(l, ExponentialNeuron)]
        self.a.append(neuron[0].a.numpy().astype(np.float64) if neuron else np.array([np.nan]))


def read_history(folder):
    with open(os.path.join(folder, "history.csv")) as f:
        rows = list(csv.DictReader(f))
    return {k: [float(r[k]) if r[k] != "" else float("nan") for r in rows] for k in rows[0] if k != "epoch"}


def read_vars(path):
    out = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset):
                out[name] = np.asarray(obj, dtype=np.float64)
        f.visititems(visit)
    return out


def nudge(src, dst):
    """Copies a .weights.h5 with every weight moved by one ulp towards +inf."""
    with h5py.File(src, "r") as f, h5py.File(dst, "w") as g:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset):
                g.create_dataset(name, data=np.nextafter(np.asarray(obj), np.float32(np.inf)))
        f.visititems(visit)


class OneNeuronStopped(Exception):
    """`one-neuron train` ended with an error (e.g. the neuron's exponent overflowing float32)."""


def cpu_has_avx512():
    with open("/proc/cpuinfo") as f:
        flags = next((line for line in f if line.startswith("flags")), "")
    return " avx512f" in flags


def one_neuron_train(data, init, out, epochs, augmented, avx2=False):
    cmd = [args.one_neuron, "train", "--data", data, "--init-weights", init, "--no-shuffle", "--epochs", str(epochs),
           "--batch-size", str(BATCH_SIZE), "--seed", str(args.seed), "--threads", str(args.threads), "--quiet", "--out", out]
    if MULTICLASS:
        cmd += ["--loss", "cce"]
    if args.optimizer != "adam:0.0002":
        cmd += ["--optimizer", args.optimizer]
    if args.conv_algorithm != "auto":
        cmd += ["--conv-algorithm", args.conv_algorithm]
    if augmented:
        cmd += ["--augmented", "--lambda", str(LAMBDA)]
    env = dict(os.environ, ONEDNN_MAX_CPU_ISA="AVX2") if avx2 else None
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    if done.returncode != 0:
        raise OneNeuronStopped(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit status {done.returncode}")
    return read_history(out)


def compare_weights(reference, other):
    """{variable path: (shape, max |reference - other| / max |reference|)} over the layers' variables."""
    kv, ov = read_vars(reference), read_vars(other)
    out = {}
    for name in kv:
        if not name.startswith("layers/"):
            continue  # optimizer/vars: Adam's state, not weights
        if name not in ov:
            raise SystemExit(f"{other}: no {name} (has {sorted(ov)})")
        a, b = kv[name].reshape(-1), ov[name].reshape(-1)
        out[name] = (kv[name].shape, float(np.max(np.abs(a - b)) / max(np.max(np.abs(a)), 1e-30)))
    return out


def rel(a, b):
    return abs(a - b) / max(abs(a), abs(b), 1e-30)


def neuron_a(history, epoch):
    """OneNeuron's a after `epoch` (0-based): a[0], a[1], ... for K neurons, else the one a."""
    keys = [f"a[{k}]" for k in range(1000) if f"a[{k}]" in history] or ["a"]
    return np.array([history[key][epoch] for key in keys])


def rel_a(a, b):
    """max |a - b| / max(max |a|, max |b|) over the neurons' a."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        return float("nan")
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(a)), np.max(np.abs(b)), 1e-30))


def time_split(session, window_start, window_length, fraction):
    """Frame indices (ascending) of training and validation: EEGSplit.time(fraction:) in
    Sources/EEG/EEGSplit.swift. Within every session the last round(fraction * m) of its m windows
    (by start) validate; training windows that reach into the first validation window are dropped."""
    train, val = [], []
    for s in sorted(set(session.tolist())):
        frames = sorted(np.flatnonzero(session == s).tolist(), key=lambda i: window_start[i])  # stable, as Swift's sort here
        count = int(np.floor(fraction * len(frames) + 0.5))  # Swift's .rounded(): half away from zero
        if not 0 < count < len(frames):
            raise SystemExit(f"session {s} has {len(frames)} frames: a time fraction of {fraction} leaves no training or no validation frames")
        held = frames[len(frames) - count:]
        first = min(window_start[i] for i in held)
        val += held
        train += [i for i in frames[:len(frames) - count] if window_start[i] + window_length[i] <= first]
    return np.array(sorted(train)), np.array(sorted(val))


def prepare_data():
    os.makedirs(args.work, exist_ok=True)
    source = args.data
    if source is None:
        source = os.path.join(args.work, "eeg.npz" if not MULTICLASS else f"eeg-{args.target}.npz")
        if not os.path.exists(source):
            subprocess.run([args.one_neuron, "eeg", "prepare", "--data", args.eeg, "--out", source]
                           + (["--target", args.target] if MULTICLASS else []), check=True, stdout=subprocess.DEVNULL)
    d = np.load(source)
    x, y = d["x"].astype(np.float32), d["y"].astype(np.int64 if MULTICLASS else np.float32)
    if SPLIT == "time":
        train, val = time_split(d["session"], d["window_start"], d["window_length"], args.val_fraction)
        # The time split keeps each session's frames together; the training frames go in a seeded
        # random order (the batch order in both frameworks), validation stays in frame order.
        train = train[np.random.default_rng(args.seed).permutation(len(train))]
    else:
        order = np.random.default_rng(args.seed).permutation(len(y))
        n_val = int(round(0.2 * len(y)))
        val, train = order[:n_val], order[n_val:]
    x, xv, y, yv = x[train], x[val], y[train], y[val]
    if not args.raw:
        mean, std = np.float32(x.astype(np.float64).mean()), np.float32(x.astype(np.float64).std())
        x, xv = (x - mean) / std, (xv - mean) / std
    suffix = ("raw" if args.raw else "z") + (f"-{args.target}" if MULTICLASS else "") + f"-{SPLIT}"
    path = os.path.join(args.work, f"train-seed{args.seed}-{suffix}.npz")
    np.savez(path, x=x, y=y, x_val=xv, y_val=yv)
    # One batch only: epoch 1 is then one optimizer step (its loss is the first batch's, before the step).
    step = os.path.join(args.work, f"step-seed{args.seed}-{suffix}.npz")
    np.savez(step, x=x[:BATCH_SIZE], y=y[:BATCH_SIZE], x_val=xv, y_val=yv)
    return path, step, (x, y), (xv, yv)


def main():
    data_path, step_path, (x, y), (xv, yv) = prepare_data()
    classes = int(max(y.max(), yv.max())) + 1 if MULTICLASS else 1
    split = (f"time split {args.val_fraction}" if SPLIT == "time" else "random 80/20 split") + (f", target {args.target}, {classes} classes" if MULTICLASS else "")
    print(f"data: {len(y)} training samples (batches in this order), {len(yv)} validation ({split}), {'unscaled' if args.raw else 'z-scored'}; {args.epochs} epochs, batch {BATCH_SIZE}, seed {args.seed}, {args.threads} threads")
    if MULTICLASS:
        print(f"frames per class, training: {np.bincount(y, minlength=classes).tolist()}, validation: {np.bincount(yv, minlength=classes).tolist()}")
    print(f"Keras {keras.__version__}, TensorFlow {tf.__version__}; optimizer {args.optimizer}; layer names: {args.layer_names};"
          f" OneNeuron starts from a {'model.save (.keras)' if args.init_format == 'keras' else 'model.save_weights (.weights.h5)'} file")
    keras.utils.set_random_seed(args.seed)
    plain = build(False, x.shape[1:], classes)
    augmented = build(True, x.shape[1:], classes)
    for source, target in zip(weighted(plain), [l for l in weighted(augmented) if not isinstance(l, ExponentialNeuron)]):
        target.set_weights(source.get_weights())
    arms = {"plain": plain, "augmented": augmented}
    initial = {arm: model.get_weights() for arm, model in arms.items()}
    summary, stopped = [], []
    for arm in args.arms.split(","):
        model, is_aug = arms[arm], arm == "augmented"
        work = os.path.join(args.work, f"{args.target}-{arm}" if MULTICLASS else arm)
        os.makedirs(work, exist_ok=True)
        init = os.path.join(work, "init.weights.h5")
        model.save_weights(init)
        nudged = os.path.join(work, "init-nudged.weights.h5")
        nudge(init, nudged)
        if args.init_format == "keras":
            # OneNeuron starts from the whole-model archive, as a user's model.save writes it.
            init = os.path.join(work, "init.keras")
            model.save(init)
        # One optimizer step (one batch) in both, from the same start.
        model.fit(x[:BATCH_SIZE], labels(y[:BATCH_SIZE]), batch_size=BATCH_SIZE, epochs=1, shuffle=False, verbose=0)
        model.save_weights(os.path.join(work, "keras-step1.weights.h5"))
        step_keras = model.evaluate(xv, labels(yv), batch_size=BATCH_SIZE, verbose=0, return_dict=True)["loss"]
        step_one = one_neuron_train(step_path, init, os.path.join(work, "one-neuron-step1"), 1, is_aug)["val_loss"][0]
        step_weights = compare_weights(os.path.join(work, "keras-step1.weights.h5"), os.path.join(work, "one-neuron-step1", "weights.weights.h5"))
        model.set_weights(initial[arm])
        compile_model(model)
        recorder = Recorder(os.path.join(work, "keras-epoch1.weights.h5"))
        start = time.time()
        h = model.fit(x, labels(y), batch_size=BATCH_SIZE, epochs=args.epochs, shuffle=False, verbose=0,
                      validation_data=(xv, labels(yv)), callbacks=[recorder]).history
        keras_seconds = time.time() - start
        acc = "accuracy" if MULTICLASS else "sign_accuracy"
        k = {"loss": h["loss"], "accuracy": h[acc], "val_loss": h["val_loss"], "val_accuracy": h[f"val_{acc}"], "a": recorder.a}
        # Keras against itself: the same training from the weights nudged by one ulp (its own rounding spread).
        keras_spread = [float("nan")] * args.epochs
        if not args.no_keras_spread:
            trained = model.get_weights()
            model.load_weights(nudged)
            compile_model(model)
            hn = model.fit(x, labels(y), batch_size=BATCH_SIZE, epochs=args.epochs, shuffle=False, verbose=0,
                           validation_data=(xv, labels(yv))).history
            keras_spread = [max(rel(h["loss"][e], hn["loss"][e]), rel(h["val_loss"][e], hn["val_loss"][e])) for e in range(args.epochs)]
            model.set_weights(trained)
        start = time.time()
        try:
            o = one_neuron_train(data_path, init, os.path.join(work, "one-neuron"), args.epochs, is_aug)
        except OneNeuronStopped as stop:
            # Nothing to compare epoch by epoch; say where each framework stopped or went non-finite.
            bad = [e + 1 for e, v in enumerate(k["loss"]) if not np.isfinite(v)]
            print(f"\n## {arm} (Keras {keras_seconds:.0f} s)\n\nOneNeuron stopped: {stop}")
            print("Keras raised nothing; " + (f"its loss is non-finite from epoch {bad[0]} on (epoch 1: loss {k['loss'][0]:.7g}, "
                                              f"val_loss {k['val_loss'][0]:.7g})" if bad else "its losses stayed finite"))
            stopped.append((arm, str(stop), bad[0] if bad else None))
            continue
        one_seconds = time.time() - start
        s = one_neuron_train(data_path, nudged, os.path.join(work, "one-neuron-nudged"), args.epochs, is_aug)
        one_neuron_train(data_path, init, os.path.join(work, "one-neuron-epoch1"), 1, is_aug)
        one_neuron_train(data_path, nudged, os.path.join(work, "one-neuron-nudged-epoch1"), 1, is_aug)
        # The other rounding spread: the same run on oneDNN's AVX2 kernels (other summation orders).
        isa_spread = not args.no_isa_spread and cpu_has_avx512()
        c = None
        if isa_spread:
            c = one_neuron_train(data_path, init, os.path.join(work, "one-neuron-avx2"), args.epochs, is_aug, avx2=True)
            one_neuron_train(data_path, init, os.path.join(work, "one-neuron-avx2-epoch1"), 1, is_aug, avx2=True)
            print(f"\n{arm}, OneNeuron capped at AVX2 against Keras, epoch 1: loss rel. {rel(k['loss'][0], c['loss'][0]):.1e},"
                  f" val_loss rel. {rel(k['val_loss'][0], c['val_loss'][0]):.1e}")
        metrics = METRICS
        print(f"\n## {arm} (Keras {keras_seconds:.0f} s, OneNeuron {one_seconds:.0f} s)\n", flush=True)
        print("Per epoch: Keras, OneNeuron, relative difference, and OneNeuron's rounding spread (the same run from")
        print("initial weights nudged by one ulp" + (", or capped at AVX2, whichever differs more" if isa_spread else "")
              + ") of loss and val_loss; the relative differences of accuracy, val_accuracy" + (" and a" if is_aug else "") + "."
              + (f" a: all {classes} neurons, max |diff| / max |a|; 'a Keras' is the largest |a_k| (signed)." if is_aug and MULTICLASS else "") + "\n")
        print("| epoch | loss Keras | loss OneNeuron | rel. | spread | val_loss Keras | val_loss OneNeuron | rel. | spread | acc. rel. (spread) | val_acc. rel. (spread) |" + (" a Keras | a rel. (spread) |" if is_aug else ""))
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|" + ("---:|---:|" if is_aug else ""))
        worst_ratio, envelope = 0.0, 0.0
        for e in range(args.epochs):
            d = {m: rel(k[m][e], o[m][e]) for m in metrics}
            sp = {m: max([rel(o[m][e], s[m][e])] + ([rel(o[m][e], c[m][e])] if c else [])) for m in metrics}
            if is_aug:
                d["a"] = rel_a(k["a"][e], neuron_a(o, e))
                sp["a"] = max([rel_a(neuron_a(o, e), neuron_a(s, e))] + ([rel_a(neuron_a(o, e), neuron_a(c, e))] if c else []))
            # The spread envelope: the largest loss or val_loss spread up to this epoch (one run's
            # spread crosses zero now and then; the envelope does not).
            envelope = max(envelope, sp["loss"], sp["val_loss"])
            if e > 0:
                worst_ratio = max(worst_ratio, d["loss"] / envelope, d["val_loss"] / envelope)
            row = (f"| {e + 1} | {k['loss'][e]:.7f} | {o['loss'][e]:.7f} | {d['loss']:.1e} | {sp['loss']:.1e} | {k['val_loss'][e]:.7f} | {o['val_loss'][e]:.7f} |"
                   f" {d['val_loss']:.1e} | {sp['val_loss']:.1e} | {d['accuracy']:.1e} ({sp['accuracy']:.1e}) | {d['val_accuracy']:.1e} ({sp['val_accuracy']:.1e}) |")
            if is_aug:
                row += f" {k['a'][e][np.argmax(np.abs(k['a'][e]))]:.6f} | {d['a']:.1e} ({sp['a']:.1e}) |"
            print(row)
        epoch1 = compare_weights(os.path.join(work, "keras-epoch1.weights.h5"), os.path.join(work, "one-neuron-epoch1", "weights.weights.h5"))
        spread1 = compare_weights(os.path.join(work, "one-neuron-nudged-epoch1", "weights.weights.h5"), os.path.join(work, "one-neuron-epoch1", "weights.weights.h5"))
        if isa_spread:
            capped = compare_weights(os.path.join(work, "one-neuron-avx2-epoch1", "weights.weights.h5"), os.path.join(work, "one-neuron-epoch1", "weights.weights.h5"))
            spread1 = {name: (shape, max(r, capped[name][1])) for name, (shape, r) in spread1.items()}
        print(f"\nweights (max |Keras - OneNeuron| / max |Keras|) after one step, after epoch 1, and OneNeuron's rounding spread after epoch 1:\n")
        print("| weight | shape | after 1 step | after epoch 1 | spread after epoch 1 |")
        print("|---|---|---:|---:|---:|")
        for name in epoch1:
            print(f"| {name} | {epoch1[name][0]} | {step_weights[name][1]:.1e} | {epoch1[name][1]:.1e} | {spread1[name][1]:.1e} |")
        worst_weight = max(r for _, r in epoch1.values())
        worst_spread = max(r for _, r in spread1.values())
        worst_step = max(r for _, r in step_weights.values())
        print(f"\none step: val_loss Keras {step_keras:.9g}, OneNeuron {step_one:.9g} (rel. {rel(step_keras, step_one):.1e})")
        # Keras with OneNeuron's final weights computes OneNeuron's final val_loss.
        model.load_weights(os.path.join(work, "one-neuron", "weights.weights.h5"))
        keras_val = model.evaluate(xv, labels(yv), batch_size=BATCH_SIZE, verbose=0, return_dict=True)
        load_rel = rel(keras_val["loss"], o["val_loss"][-1])
        print(f"\nKeras evaluating OneNeuron's final weights: val_loss {keras_val['loss']:.9g} vs OneNeuron's {o['val_loss'][-1]:.9g} (rel. {load_rel:.1e})")
        # Keras' predictions with OneNeuron's final weights against OneNeuron's own (`one-neuron predict`).
        preds = os.path.join(work, "one-neuron", "val-predictions.npy")
        subprocess.run([args.one_neuron, "predict", "--weights", os.path.join(work, "one-neuron", "weights.weights.h5"), "--data", data_path,
                        "--key", "x_val", "--out", preds] + (["--augmented"] if is_aug else [])
                       + (["--loss", "cce", "--classes", str(classes)] if MULTICLASS else []), check=True, stdout=subprocess.DEVNULL)
        theirs, ours = model.predict(xv, batch_size=BATCH_SIZE, verbose=0).reshape(-1), np.load(preds).reshape(-1)
        predict_rel = float(np.max(np.abs(theirs - ours)) / max(np.max(np.abs(theirs)), 1e-30))
        load_rel = max(load_rel, predict_rel)
        print(f"Keras' predictions with OneNeuron's final weights vs `one-neuron predict`: max |diff| / max |Keras| = {predict_rel:.1e}")
        archive = os.path.join(work, "one-neuron", "model.keras")
        if os.path.exists(archive):
            rebuilt = keras.saving.load_model(archive, compile=False)
            rebuilt.compile(loss=make_loss())
            archived = rebuilt.evaluate(xv, labels(yv), batch_size=BATCH_SIZE, verbose=0)
            load_rel = max(load_rel, rel(archived, o["val_loss"][-1]))
            print(f"Keras loading OneNeuron's model.keras: val_loss {archived:.9g} (rel. {rel(archived, o['val_loss'][-1]):.1e})")
        capped1 = max(rel(k["loss"][0], c["loss"][0]), rel(k["val_loss"][0], c["val_loss"][0])) if c else float("nan")
        all_epochs = max(rel(k[m][e], run[m][e]) for m in ("loss", "val_loss") for e in range(args.epochs) for run in [o] + ([c] if c else []))
        print(f"\n{arm}: Keras against itself from the weights nudged by one ulp, loss and val_loss rel. per epoch: "
              + ", ".join(f"{v:.1e}" for v in keras_spread))
        summary.append((arm, rel(k["loss"][0], o["loss"][0]), rel(k["val_loss"][0], o["val_loss"][0]), worst_weight, worst_ratio, load_rel,
                        rel(step_keras, step_one), worst_step, max([rel(o["val_loss"][0], s["val_loss"][0])] + ([rel(o["val_loss"][0], c["val_loss"][0])] if c else [])),
                        worst_spread, capped1, all_epochs, max(keras_spread) if keras_spread else float("nan")))
    print("\n## summary\n")
    print("| arm | 1 step: val_loss rel. | 1 step: weights | epoch 1: loss rel. | epoch 1: val_loss rel. (spread) | epoch 1, AVX2 cap: loss, val_loss rel. (max) | epoch 1: weights (spread) | epochs 2+: loss, val_loss rel. / spread envelope (max) | every epoch: loss, val_loss rel. (max) | Keras against itself, one ulp (max) | Keras on OneNeuron's final weights: val_loss, predictions (worst rel.) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for arm, l1, v1, w1, ratio, load, sv, sw, vs, ws, c1, everything, own in summary:
        print(f"| {arm} | {sv:.1e} | {sw:.1e} | {l1:.1e} | {v1:.1e} ({vs:.1e}) | {c1:.1e} | {w1:.1e} ({ws:.1e}) | {ratio:.1f}x | {everything:.1e} | {own:.1e} | {load:.1e} |")
    verdict = lambda ok: ("PASS" if ok else "FAIL") if summary else "n/a"
    # Epoch 1 within 1e-5 natively and, where the CPU has AVX-512, under the AVX2 cap (nan: not run).
    epoch1 = all(l1 <= 1e-5 and v1 <= 1e-5 and not c1 > 1e-5 for _, l1, v1, *_, c1, _, _ in summary)
    every_epoch = all(everything <= 1e-2 for *_, everything, _ in summary)
    weights = all(w1 <= 1e-4 for _, _, _, w1, *_ in summary)
    # What float32 allows: the weights within twice OneNeuron's own rounding spread, later epochs within
    # 5x the spread envelope, Keras computing OneNeuron's numbers from its weights within 1e-5.
    rounding = all(w1 <= max(1e-4, 2 * ws) and ratio <= 5 and load <= 1e-5 for _, _, _, w1, ratio, load, _, _, _, ws, _, _, _ in summary)
    for arm, why, bad in stopped:
        print(f"\n{arm}: not compared. OneNeuron stopped: {why} Keras: {'non-finite loss from epoch %d' % bad if bad else 'finite losses'}.")
    print(f"\nissue 21's bounds: epoch 1 loss and val_loss within 1e-5 (natively and under the AVX2 cap): {verdict(epoch1)};"
          f" every epoch's loss and val_loss within 1e-2: {verdict(every_epoch)}"
          + (f" (Keras against itself reaches {max(own for *_, own in summary):.1e})" if summary else ""))
    print(f"issue 15's weight bound (below OneNeuron's own rounding spread, see bench/README.md): every weight after epoch 1 within 1e-4: {verdict(weights)}")
    print(f"rounding bounds: weights after epoch 1 within 2x OneNeuron's rounding spread, epochs 2+ within 5x the spread envelope, "
          f"Keras on OneNeuron's weights within 1e-5: {verdict(rounding)}")
    return 0 if summary and epoch1 and every_epoch and rounding and not stopped else 1


if __name__ == "__main__":
    sys.exit(main())
