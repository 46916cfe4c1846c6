#!/usr/bin/env python3
"""PyTorch's bare training step, the peer of bench/train_step.cpp: forward, loss, backward and an
SGD-momentum update on one fixed random batch, repeated; the same models (train_epoch.make_model),
the same FLOP count. Prints one JSON line.
    train_step.py [--model lenet|alexnet] [--batch N] [--steps N] [--threads N]"""
import argparse
import json
import os
import sys
import time

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from train_epoch import make_model  # noqa: E402


def forward_flops(net, x):
    flops = 0.0
    with torch.no_grad():
        for layer in net:
            y = layer(x)
            if isinstance(layer, nn.Conv2d):
                w = layer.weight
                flops += 2.0 * w.shape[1] * w.shape[2] * w.shape[3] * w.shape[0] * y.shape[2] * y.shape[3]
            elif isinstance(layer, nn.Linear):
                flops += 2.0 * layer.weight.shape[0] * layer.weight.shape[1]
            x = y
    return flops


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="alexnet")
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--steps", type=int, default=50)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    net = make_model(a.model)
    flops = 3.0 * forward_flops(net, torch.randn(1, 1, 28, 28))
    opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
    x = torch.randn(a.batch, 1, 28, 28)
    y = torch.randint(0, 10, (a.batch,))
    net.train()

    def step():
        opt.zero_grad()
        loss = nn.functional.cross_entropy(net(x), y)
        loss.backward()
        opt.step()

    for _ in range(5):
        step()
    start = time.perf_counter()
    for _ in range(a.steps):
        step()
    seconds = time.perf_counter() - start
    images = a.steps * a.batch / seconds
    print(json.dumps({"impl": "pytorch", "model": a.model, "batch": a.batch, "threads": a.threads,
                      "steps_per_second": a.steps / seconds, "images_per_second": images,
                      "mflop_per_image": flops / 1e6, "gflops": flops * images / 1e9}))


if __name__ == "__main__":
    main()
