"""Shared pieces of the Keras and PyTorch throughput benchmarks.

Both benchmarks train the seed CNN (see shared/docs/seed-experiment.md) on the same
synthetic data and report one JSON line with the keys OneNeuron's `one-neuron bench --json`
uses: samples_per_sec, ms_per_step, gflops, peak_fraction, peak_rss_mb.
"""

import argparse
import json
import math
import os
import resource
import statistics
import sys
import time

import numpy as np

TRAIN_SAMPLES = 2913
VALIDATION_SAMPLES = 729
IMAGE_SIDE = 28
FILTERS = 32
DENSE_UNITS = 10
LEARNING_RATE = 2e-4
ADAM_EPSILON = 1e-7
DATA_SEED = 20180607


def positive_int(flag):
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{flag} expects a whole number, got {text!r}")
        if value < 1:
            raise argparse.ArgumentTypeError(f"{flag} must be at least 1, got {value}")
        return value
    return parse


def parse_args(description, extra=None):
    """Parses the flags both benchmarks share; `extra(parser)` may add framework flags."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--threads", type=positive_int("--threads"), default=2)
    parser.add_argument("--epochs", type=positive_int("--epochs"), default=3,
                        help="total epochs; the first is a warm-up and is not timed")
    parser.add_argument("--batch-size", type=positive_int("--batch-size"), default=128)
    parser.add_argument("--channels", type=positive_int("--channels"), default=3)
    if extra is not None:
        extra(parser)
    args = parser.parse_args()
    if args.epochs < 2:
        parser.error("--epochs must be at least 2: epoch 1 is the untimed warm-up")
    return args


def pin_thread_environment(threads):
    """Sets the thread-count variables; call before importing TensorFlow or PyTorch."""
    os.environ["OMP_NUM_THREADS"] = str(threads)
    os.environ["MKL_NUM_THREADS"] = str(threads)
    os.environ["TF_NUM_INTRAOP_THREADS"] = str(threads)
    os.environ["TF_NUM_INTEROP_THREADS"] = "1"


def synthetic_data(channels):
    """EEG-image-shaped data: x ~ U(0, 20) float32 (N, 28, 28, C), y in {-1, +1} (N, 1)."""
    rng = np.random.default_rng(DATA_SEED)

    def draw(count):
        x = rng.uniform(0.0, 20.0, size=(count, IMAGE_SIDE, IMAGE_SIDE, channels)).astype(np.float32)
        y = np.where(rng.random((count, 1)) < 0.5, -1.0, 1.0).astype(np.float32)
        return x, y

    return draw(TRAIN_SAMPLES), draw(VALIDATION_SAMPLES)


def forward_flops_per_sample(channels):
    """Multiply-adds x2 of both convolutions and both dense layers (same formula as OneNeuron)."""
    side = IMAGE_SIDE
    valid = side - 2
    pooled_features = (valid // 2) * (valid // 2) * FILTERS  # 13*13*32 = 5408
    return 2 * (side * side * FILTERS * 3 * 3 * channels
                + valid * valid * FILTERS * 3 * 3 * FILTERS
                + pooled_features * DENSE_UNITS
                + DENSE_UNITS * 1)


def training_flops_per_sample(channels):
    """Forward + backward (data and weight gradients) counted as 3x forward."""
    return 3 * forward_flops_per_sample(channels)


def steps_per_epoch(batch_size):
    return math.ceil(TRAIN_SAMPLES / batch_size)


def peak_rss_mb():
    """Peak resident set size of this process (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def machine_busy_seconds():
    """CPU seconds all processes on the machine have spent not idle (from /proc/stat)."""
    try:
        with open("/proc/stat") as stat:
            fields = [int(v) for v in stat.readline().split()[1:]]
    except OSError:
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


class EpochClock:
    """Times one epoch's training steps: wall seconds, this process's CPU seconds, and the CPU
    seconds other processes took meanwhile (a busy machine makes every number here low)."""

    def __init__(self):
        self.wall, self.cpu, self.others = [], [], []

    def start(self):
        self._busy = machine_busy_seconds()
        self._cpu = time.process_time()
        self._wall = time.perf_counter()

    def stop(self):
        wall = time.perf_counter() - self._wall
        cpu = time.process_time() - self._cpu
        busy = machine_busy_seconds()
        self.wall.append(wall)
        self.cpu.append(cpu)
        self.others.append(None if busy is None or self._busy is None
                           else max(busy - self._busy - cpu, 0.0))

    def report(self, timed_from):
        """Load figures of the timed epochs (index >= timed_from) for the JSON result."""
        wall = sum(self.wall[timed_from:])
        others = self.others[timed_from:]
        return {
            "warmup_epoch_seconds": round(sum(self.wall[:timed_from]), 3),
            "cpu_cores_used": round(sum(self.cpu[timed_from:]) / wall, 2),
            "other_processes_cores": (None if None in others
                                      else round(sum(others) / wall, 2)),
            "loadavg_1min": os.getloadavg()[0],
        }


def summarize(framework, args, timed_epoch_seconds, extra):
    """Builds the result dict from per-epoch training-step wall times (warm-up excluded)."""
    steps = steps_per_epoch(args.batch_size)
    per_epoch_throughput = [TRAIN_SAMPLES / s for s in timed_epoch_seconds]
    median_seconds = statistics.median(timed_epoch_seconds)
    samples_per_sec = TRAIN_SAMPLES / median_seconds
    result = {
        "framework": framework,
        "samples_per_sec": round(samples_per_sec, 2),
        "ms_per_step": round(1000.0 * median_seconds / steps, 4),
        "gflops": round(samples_per_sec * training_flops_per_sample(args.channels) / 1e9, 4),
        "peak_fraction": None,
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "threads": args.threads,
        "epochs": args.epochs,
        "timed_epochs": len(timed_epoch_seconds),
        "batch_size": args.batch_size,
        "channels": args.channels,
        "train_samples": TRAIN_SAMPLES,
        "steps_per_epoch": steps,
        "epoch_samples_per_sec": [round(v, 2) for v in per_epoch_throughput],
    }
    result.update(extra)
    return result


def emit(result):
    """Prints the result as the last line on stdout (everything else goes to stderr)."""
    sys.stdout.flush()
    print(json.dumps(result), flush=True)


def log(message):
    print(message, file=sys.stderr, flush=True)
