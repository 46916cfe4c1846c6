#!/usr/bin/env python3
"""PyTorch peer of Tenkai's ensemble training on a GPU (issue 3's figure: 5 members of the small
AlexNet at batch 512, member-images per second), run by scripts/gpu-check.sh side by side with
`train_throughput --device cuda --members 5 --ensemble packed|threads --augment none`.

    ensemble_gpu.py --data DIR [--model alexnet|lenet] [--members 5] [--batch 512] [--epochs 3]
                    [--mode packed|separate] [--device cuda|cpu]

Like Tenkai's trainer: Fashion-MNIST's 60,000 training images kept on the device as uint8, every
member with its own permutation per epoch, normalised with the training set's mean and std, SGD
lr 0.01 momentum 0.9, cross entropy, the loss read back every 10 steps, cuDNN's algorithm search
on (torch.backends.cudnn.benchmark), the same layers as
core/train/models.cpp. member_images_per_second = members x training images x epochs / the wall
time of the epochs (evaluation excluded; the first epoch, with its warm-up, included, as Tenkai
counts it).
  packed:   one network whose convolutions are grouped (a group per member) and whose linear
            layers are batched matrix products, one optimizer: the member batches side by side in
            the channels, the members' losses summed.
  separate: one network and optimizer per member, stepped one after the other each step.
"""
import argparse
import gzip
import json
import os
import struct
import time

import torch
import torch.nn as nn


def read_idx(path):
    with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return torch.frombuffer(bytearray(data[4 + 4 * dims:]), dtype=torch.uint8).view(*shape)


def find(data, stem):
    for name in (stem + ".gz", stem):
        if os.path.exists(os.path.join(data, name)):
            return os.path.join(data, name)
    raise SystemExit(f"ensemble_gpu: no {stem}[.gz] in {data}")


class GroupedLinear(nn.Module):
    def __init__(self, groups, n_in, n_out):
        super().__init__()
        self.groups, self.n_in, self.n_out = groups, n_in, n_out
        bound = 1.0 / n_in ** 0.5
        self.weight = nn.Parameter(torch.empty(groups, n_out, n_in).uniform_(-bound, bound))
        self.bias = nn.Parameter(torch.empty(groups, n_out).uniform_(-bound, bound))

    def forward(self, x):
        n = x.shape[0]
        g = x.view(n, self.groups, self.n_in).transpose(0, 1)
        return torch.baddbmm(self.bias.unsqueeze(1), g, self.weight.transpose(1, 2)).transpose(0, 1).reshape(n, -1)


def make_model(name, k):
    conv = lambda i, o, ks, p: nn.Conv2d(i * k, o * k, ks, padding=p, groups=k)
    lin = (lambda i, o: nn.Linear(i, o)) if k == 1 else (lambda i, o: GroupedLinear(k, i, o))
    if name == "lenet":
        return nn.Sequential(conv(1, 6, 5, 2), nn.ReLU(), nn.MaxPool2d(2), conv(6, 16, 5, 0), nn.ReLU(),
                             nn.MaxPool2d(2), nn.Flatten(), lin(16 * 5 * 5, 120), nn.ReLU(), lin(120, 84),
                             nn.ReLU(), lin(84, 10))
    return nn.Sequential(conv(1, 32, 3, 1), nn.ReLU(), nn.MaxPool2d(2), conv(32, 64, 3, 1), nn.ReLU(),
                         nn.MaxPool2d(2), conv(64, 128, 3, 1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                         lin(128 * 3 * 3, 256), nn.ReLU(), nn.Dropout(0.5), lin(256, 10))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--model", default="alexnet", choices=["alexnet", "lenet"])
    ap.add_argument("--members", type=int, default=5)
    ap.add_argument("--batch", type=int, default=512)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--mode", default="packed", choices=["packed", "separate"])
    ap.add_argument("--device", default="cuda")
    a = ap.parse_args()
    dev = torch.device(a.device)
    torch.backends.cudnn.benchmark = True  # as Tenkai's trainer on CUDA: the shapes repeat
    torch.manual_seed(1)
    images = read_idx(find(a.data, "train-images-idx3-ubyte")).unsqueeze(1)
    labels = read_idx(find(a.data, "train-labels-idx1-ubyte")).long()
    scaled = images.float().div_(255)
    mean, std = scaled.mean().item(), scaled.std().item()
    if a.limit:
        images, labels = images[:a.limit], labels[:a.limit]
    images, labels = images.to(dev), labels.to(dev)
    n, k = len(labels), a.members
    if a.mode == "packed":
        nets = [make_model(a.model, k).to(dev)]
    else:
        nets = [make_model(a.model, 1).to(dev) for _ in range(k)]
    opts = [torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9) for net in nets]
    ce = nn.functional.cross_entropy
    steps = 0
    window = torch.zeros(k, device=dev)
    if dev.type == "cuda":
        torch.cuda.synchronize()
    start = time.perf_counter()
    for _ in range(a.epochs):
        perms = [torch.randperm(n, device=dev) for _ in range(k)]
        for b in range(0, n, a.batch):
            xs = [images[p[b:b + a.batch]].float().div_(255).sub_(mean).div_(std) for p in perms]
            ys = [labels[p[b:b + a.batch]] for p in perms]
            if a.mode == "packed":
                opts[0].zero_grad()
                out = nets[0](torch.stack(xs, 1).flatten(1, 2))
                out = out.view(len(ys[0]), k, -1).transpose(0, 1).reshape(-1, out.shape[1] // k)
                losses = ce(out, torch.stack(ys).view(-1), reduction="none").view(k, -1).mean(1)
                losses.sum().backward()
                opts[0].step()
                window += losses.detach()
            else:
                for i in range(k):
                    opts[i].zero_grad()
                    loss = ce(nets[i](xs[i]), ys[i])
                    loss.backward()
                    opts[i].step()
                    window[i] += loss.detach()
            steps += 1
            if steps % 10 == 0:
                window.cpu()
                window.zero_()
    window.cpu()
    seconds = time.perf_counter() - start
    print(json.dumps({"peer": "pytorch", "mode": a.mode, "model": a.model, "members": k, "batch": a.batch,
                      "epochs": a.epochs, "train_images": n, "device": str(dev), "torch": torch.__version__,
                      "member_images_per_second": round(k * n * a.epochs / seconds, 1),
                      "seconds": round(seconds, 3)}))


if __name__ == "__main__":
    main()
