"""Training throughput of the seed CNN in Keras 3 on the TensorFlow CPU backend.

Runs model.fit (shuffle each epoch, validation each epoch) on synthetic EEG-shaped data and
times the training steps of each epoch with a callback: from on_epoch_begin to on_test_begin
(the start of that epoch's validation), so validation is not counted. The callback overrides
no per-batch hook, so Keras keeps its ordinary fit loop. Epoch 1 (graph tracing and XLA
compilation) is excluded; samples_per_sec is from the median of the remaining epochs.
Prints one JSON line on stdout; TensorFlow's own logging goes to stderr.

--precision mixed_bfloat16 sets Keras' global dtype policy "mixed_bfloat16" before the model is
built (bfloat16 computations, float32 variables), and keeps the final Dense(1)+tanh layer in
float32 so the model's output is float32, as the Keras mixed-precision guide recommends. bf16
needs no loss scaling. --precision fp32 (default) is Keras' default "float32" policy.
"""

import os

import bench_common as common


def add_flags(parser):
    parser.add_argument("--jit-compile", choices=["auto", "true", "false"], default="auto",
                        help="Keras model.compile(jit_compile=...): 'auto' (the Keras 3 "
                             "default, XLA when the model supports it), 'true' or 'false'")
    parser.add_argument("--precision", choices=["fp32", "mixed_bfloat16"], default="fp32",
                        help="Keras dtype policy: 'fp32' (the default 'float32' policy) or "
                             "'mixed_bfloat16' (bf16 compute, fp32 variables and final layer)")


args = common.parse_args("Keras/TensorFlow training throughput of the seed CNN", add_flags)
common.pin_thread_environment(args.threads)
os.environ["KERAS_BACKEND"] = "tensorflow"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402
from keras import layers, ops  # noqa: E402

tf.config.threading.set_intra_op_parallelism_threads(args.threads)
tf.config.threading.set_inter_op_parallelism_threads(1)
if args.precision == "mixed_bfloat16":
    keras.mixed_precision.set_global_policy("mixed_bfloat16")


def polynomial_hinge(y_true, y_pred):
    """max(1 - y*yhat, 0)^3 per sample; Keras averages it over the batch."""
    margin = ops.maximum(1.0 - y_true * y_pred, 0.0)
    return ops.mean(margin * margin * margin, axis=-1)


def seed_cnn(channels):
    """The seed CNN under the global dtype policy; the last layer always computes in float32."""
    return keras.Sequential([
        keras.Input((common.IMAGE_SIDE, common.IMAGE_SIDE, channels)),
        layers.Conv2D(common.FILTERS, 3, padding="same", activation="relu"),
        layers.Conv2D(common.FILTERS, 3, padding="valid", activation="relu"),
        layers.MaxPooling2D(2),
        layers.Flatten(),
        layers.Dense(common.DENSE_UNITS, activation="relu"),
        layers.Dense(1, activation="tanh", dtype="float32"),
    ])


class TrainingStepTimer(keras.callbacks.Callback):
    """Times each epoch's training steps: on_epoch_begin .. on_test_begin."""

    def __init__(self):
        super().__init__()
        self.clock = common.EpochClock()
        self._running = False

    def on_epoch_begin(self, epoch, logs=None):
        self.clock.start()
        self._running = True

    def on_test_begin(self, logs=None):
        if self._running:
            self.clock.stop()
            self._running = False


(x_train, y_train), (x_val, y_val) = common.synthetic_data(args.channels)
keras.utils.set_random_seed(common.DATA_SEED)
model = seed_cnn(args.channels)
jit = {"auto": "auto", "true": True, "false": False}[args.jit_compile]
model.compile(optimizer=keras.optimizers.Adam(learning_rate=common.LEARNING_RATE,
                                              epsilon=common.ADAM_EPSILON),
              loss=polynomial_hinge, jit_compile=jit)
timer = TrainingStepTimer()
common.log(f"keras {keras.__version__} / tensorflow {tf.__version__}: "
           f"{args.epochs} epochs, batch {args.batch_size}, channels {args.channels}, "
           f"threads {args.threads}, jit_compile={args.jit_compile}, "
           f"dtype policy {keras.mixed_precision.global_policy().name}")
history = model.fit(x_train, y_train, batch_size=args.batch_size, epochs=args.epochs,
                    shuffle=True, validation_data=(x_val, y_val), verbose=0, callbacks=[timer])
if len(timer.clock.wall) != args.epochs:
    raise SystemExit(f"keras_bench: timed {len(timer.clock.wall)} epochs of {args.epochs}; "
                     "on_test_begin was not called once per epoch (validation missing?)")

common.emit(common.summarize("keras", args, timer.clock.wall[1:], {
    **timer.clock.report(timed_from=1),
    "jit_compile": str(model.jit_compile),
    "precision": args.precision,
    "dtype_policy": keras.mixed_precision.global_policy().name,
    "output_dtype": str(model.outputs[0].dtype),
    "final_loss": float(history.history["loss"][-1]),
    "final_val_loss": float(history.history["val_loss"][-1]),
    "tensorflow_version": tf.__version__,
    "keras_version": keras.__version__,
    "numpy_version": np.__version__,
    "onednn_opts": os.environ.get("TF_ENABLE_ONEDNN_OPTS", "default"),
}))
