"""Training throughput of the seed CNN in PyTorch (eager, CPU).

The loop mirrors Keras model.fit: reshuffle each epoch, mini-batches of --batch-size (the last
one partial), Adam(lr 2e-4, eps 1e-7), loss mean(max(1 - y*yhat, 0)^3), validation after each
epoch. Only the training steps of an epoch are timed (batch gather, forward, backward, Adam
step); epoch 1 is a warm-up and is excluded; samples_per_sec is from the median of the rest.
Prints one JSON line on stdout.

Memory format: the data are channels-last (N, 28, 28, C) like the Keras input.
channels_last: each batch is the NHWC tensor viewed as NCHW, which is PyTorch's channels_last
layout, so no transpose is copied and oneDNN runs NHWC convolutions; Flatten is then a free
view in Keras' (H, W, C) order. contiguous: the data are stored as NCHW once, up front, and
PyTorch's default layout runs. auto (default): channels_last for C > 1, contiguous for C = 1,
the faster of the two in interleaved runs on the 2-core development machine
(bench/results/2026-11-29-framework-settings.md).
"""

import bench_common as common


def add_flags(parser):
    parser.add_argument("--memory-format", choices=["auto", "channels_last", "contiguous"],
                        default="auto",
                        help="tensor layout of activations (see the module doc)")


args = common.parse_args("PyTorch training throughput of the seed CNN", add_flags)
common.pin_thread_environment(args.threads)

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

torch.set_num_threads(args.threads)
torch.set_num_interop_threads(1)
if args.memory_format == "auto":
    args.memory_format = "channels_last" if args.channels > 1 else "contiguous"
CHANNELS_LAST = args.memory_format == "channels_last"


class SeedCNN(nn.Module):
    """Conv(32, same)-ReLU-Conv(32, valid)-ReLU-MaxPool(2)-Flatten-Dense(10)-ReLU-Dense(1)-tanh."""

    def __init__(self, channels):
        super().__init__()
        pooled = (common.IMAGE_SIDE - 2) // 2
        self.conv_same = nn.Conv2d(channels, common.FILTERS, 3, padding=1)
        self.conv_valid = nn.Conv2d(common.FILTERS, common.FILTERS, 3)
        self.pool = nn.MaxPool2d(2)
        self.hidden = nn.Linear(pooled * pooled * common.FILTERS, common.DENSE_UNITS)
        self.output = nn.Linear(common.DENSE_UNITS, 1)

    def forward(self, x):
        x = torch.relu(self.conv_same(x))
        x = torch.relu(self.conv_valid(x))
        x = self.pool(x)
        # channels_last: (H, W, C) order as a view, like Keras; contiguous: (C, H, W), a view too.
        x = x.permute(0, 2, 3, 1).flatten(1) if CHANNELS_LAST else x.flatten(1)
        x = torch.relu(self.hidden(x))
        return torch.tanh(self.output(x))


def polynomial_hinge(y, y_hat):
    return torch.clamp(1.0 - y * y_hat, min=0.0).pow(3).mean()


class Batches:
    """Holds the data in the chosen layout and gathers NCHW-shaped batches by index."""

    def __init__(self, x_nhwc, y):
        x = torch.from_numpy(x_nhwc)
        self.x = x if CHANNELS_LAST else x.permute(0, 3, 1, 2).contiguous()
        self.y = torch.from_numpy(y)
        self.count = self.x.shape[0]

    def gather(self, index):
        x = self.x[index]
        return (x.permute(0, 3, 1, 2) if CHANNELS_LAST else x), self.y[index]


(x_train, y_train), (x_val, y_val) = common.synthetic_data(args.channels)
train, validation = Batches(x_train, y_train), Batches(x_val, y_val)
torch.manual_seed(common.DATA_SEED)
shuffler = torch.Generator().manual_seed(common.DATA_SEED)
model = SeedCNN(args.channels)
if CHANNELS_LAST:
    model = model.to(memory_format=torch.channels_last)
optimizer = torch.optim.Adam(model.parameters(), lr=common.LEARNING_RATE, eps=common.ADAM_EPSILON)
common.log(f"torch {torch.__version__}: {args.epochs} epochs, batch {args.batch_size}, "
           f"channels {args.channels}, threads {torch.get_num_threads()}, {args.memory_format}")

clock, train_losses, val_losses = common.EpochClock(), [], []
for epoch in range(args.epochs):
    model.train()
    order = torch.randperm(train.count, generator=shuffler)
    loss_sum = torch.zeros(())
    clock.start()
    for first in range(0, train.count, args.batch_size):
        x, y = train.gather(order[first:first + args.batch_size])
        optimizer.zero_grad(set_to_none=True)
        loss = polynomial_hinge(y, model(x))
        loss.backward()
        optimizer.step()
        loss_sum += loss.detach() * y.shape[0]
    clock.stop()
    train_losses.append(float(loss_sum) / train.count)
    model.eval()
    with torch.inference_mode():
        val_sum = 0.0
        for first in range(0, validation.count, args.batch_size):
            x, y = validation.gather(torch.arange(first, min(first + args.batch_size, validation.count)))
            val_sum += float(polynomial_hinge(y, model(x))) * y.shape[0]
        val_losses.append(val_sum / validation.count)

common.emit(common.summarize("pytorch", args, clock.wall[1:], {
    **clock.report(timed_from=1),
    "memory_format": args.memory_format,
    "final_loss": train_losses[-1],
    "final_val_loss": val_losses[-1],
    "torch_version": torch.__version__,
    "numpy_version": np.__version__,
    "cpu_capability": torch.backends.cpu.get_cpu_capability(),
    "mkldnn": torch.backends.mkldnn.is_available(),
}))
