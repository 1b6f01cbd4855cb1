"""PyTorch's own batch normalisation, for Tests/NNTests/BatchNormalizationFixtureTests.swift.

Run with PyTorch (CPU):
    python3 scripts/nn/make_batchnorm_fixture.py
Writes Tests/NNTests/Fixtures/torch_batchnorm_cases.json. Per case, float32 values (exact in JSON):
the batch x (channels last, as OneNeuron), gamma, beta, the running statistics before, PyTorch's
momentum and eps, an output gradient dy; PyTorch's training-mode output y, the gradients dx, dgamma,
dbeta of sum(y * dy), the running statistics after the step (PyTorch updates running_var with the
unbiased batch variance), and the inference-mode output of a second batch x2 with them.
A rank-4 case runs BatchNorm2d on the NCHW transpose of an NHWC batch.
"""
import os
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "stats"))
from fixture_file import write_fixture  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "NNTests", "Fixtures", "torch_batchnorm_cases.json")


def floats(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def case(name, shape, momentum, eps, scale, offset, generator):
    channels = shape[-1]

    def draw(*s):
        return torch.randn(*s, generator=generator, dtype=torch.float32)

    x = draw(*shape) * scale + offset
    x2 = draw(*shape) * scale + offset
    dy = draw(*shape)
    gamma = 1 + 0.5 * draw(channels)
    beta = 0.5 * draw(channels)
    running_mean = 0.3 * draw(channels)
    running_var = 0.5 + torch.rand(channels, generator=generator, dtype=torch.float32)
    bn = (torch.nn.BatchNorm1d if len(shape) == 2 else torch.nn.BatchNorm2d)(channels, eps=eps, momentum=momentum)
    with torch.no_grad():
        bn.weight.copy_(gamma)
        bn.bias.copy_(beta)
        bn.running_mean.copy_(running_mean)
        bn.running_var.copy_(running_var)

    def to_torch(t):  # NHWC -> NCHW (a rank-2 batch is already [N, C])
        return t if t.dim() == 2 else t.permute(0, 3, 1, 2).contiguous()

    def from_torch(t):
        return t if t.dim() == 2 else t.permute(0, 2, 3, 1).contiguous()

    bn.train()
    xt = to_torch(x).requires_grad_(True)
    y = from_torch(bn(xt))
    (y * dy).sum().backward()
    dx = from_torch(xt.grad)
    bn.eval()
    with torch.no_grad():
        y2 = from_torch(bn(to_torch(x2)))
    return {
        "name": name, "shape": list(shape), "momentum": momentum, "eps": eps,
        "x": floats(x), "gamma": floats(gamma), "beta": floats(beta),
        "running_mean": floats(running_mean), "running_var": floats(running_var), "dy": floats(dy),
        "y": floats(y), "dx": floats(dx), "dgamma": floats(bn.weight.grad), "dbeta": floats(bn.bias.grad),
        "running_mean_after": floats(bn.running_mean), "running_var_after": floats(bn.running_var),
        "x2": floats(x2), "y2": floats(y2),
    }


def main():
    torch.manual_seed(0)
    generator = torch.Generator().manual_seed(23)
    cases = [
        case("dense 8x5", [8, 5], 0.1, 1e-5, 1.0, 0.0, generator),
        case("dense 50x16 offset", [50, 16], 0.1, 1e-5, 2.0, 3.0, generator),
        case("nhwc 4x3x2x3", [4, 3, 2, 3], 0.2, 1e-3, 1.5, -0.5, generator),
    ]
    write_fixture(OUT, {"torch": torch.__version__, "cases": cases})


if __name__ == "__main__":
    main()
