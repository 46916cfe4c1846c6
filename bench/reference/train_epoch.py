#!/usr/bin/python3
"""Reference for issue 3: one augmented training epoch end to end (load, augment, train) with
PyTorch + torchvision + torch.utils.data.DataLoader, the way a torchvision user writes it, to set
side by side with `tenkai-cli train --augment POLICY` (bench/compare_training.sh runs both).

    /usr/bin/python3 bench/reference/train_epoch.py --model lenet --epochs 1 --batch 128 \
        --threads 2 --policy geometric [--limit N] [--workers 0|1] [--backend pil|tensor]

Prints one JSON line: images_per_second = training images / wall seconds of the epoch loop
(DataLoader iteration, i.e. per-image loading and augmentation, collation, and the training steps;
evaluation excluded, the IDX files are read into memory before the clock starts, as Tenkai does),
and test_accuracy after the epochs. Use Debian's /usr/bin/python3 (python3-torch 1.13,
python3-torchvision 0.14); a `python3` from pyenv on PATH has no torch.

What is the same as Tenkai's trainer (core/train/trainer.cpp, core/train/models.cpp):
  - models: LeNet-5 and the small AlexNet for 28x28x1, layer for layer; PyTorch's default init;
  - SGD lr 0.01 momentum 0.9, cross entropy, `--batch` images per step, the last partial batch
    kept (drop_last=False), a reshuffle every epoch, `loss.item()` read after every step;
  - inputs: augmented on the 0..1 scale, then normalised with the mean / std (unbiased) of all
    60,000 training images after /255 (Tenkai computes it before applying --limit, so do we);
  - torch.set_num_threads(--threads) intra-op threads, same BLAS (the process's loaded BLAS is
    reported in the JSON line: OpenBLAS (OpenMP) from Debian's alternatives, like tenkai-cli).
What differs by design: Tenkai augments a whole batch at once (LibTorch tensors) inside the
training thread; torchvision augments image by image in Dataset.__getitem__, as its transforms are
made to (a transform applied to an N x C x H x W tensor draws ONE set of random parameters for the
whole batch, which is not per-image augmentation).

--workers (DataLoader num_workers), default 0: the images are loaded and augmented in the training
process, between steps, which is what Tenkai does (its augmentation runs in the training thread),
so 0 compares like with like. On this 2-core machine a worker process (--workers 1) competes with
the 2 intra-op OpenMP threads of training for the same two cores: OpenMP threads then wait for the
busy core (FIELD-NOTES: two-thread training dropped up to 10x next to another CPU-heavy process), so
it can be slower as well as faster; it is offered to measure exactly that. DataLoader workers run
with torch.set_num_threads(1) (PyTorch sets that in every worker); persistent_workers=True so that
several epochs start the worker once (its start-up is inside the timed loop).

--backend pil (default): the item is a PIL "L" image, as torchvision.datasets.FashionMNIST gives it
(Image.fromarray per item); PIL-capable transforms run on PIL, then ToTensor, then the tensor-only
ones (noise, blur, cutout). --backend tensor: the item is a 1x28x28 uint8 tensor converted to
float 0..1 first (ConvertImageDtype), every transform on tensors.

Mapping of Tenkai's transforms (core/train/augment.h) to torchvision 0.14, with the differences:
  hflip:p      RandomHorizontalFlip(p). Same.
  vflip:p      RandomVerticalFlip(p). Same.
  rotate:d     RandomRotation((-d, d) or (lo, hi), interpolation=BILINEAR, fill=0): angle uniform,
               about the image centre ((W-1)/2, (H-1)/2 in pixel indices), positive =
               counter-clockwise, outside = 0: same. Differences only at the border pixels: PIL's
               bilinear clamps neighbours inside the image, torchvision's tensor path multiplies
               the zero-padded bilinear result by the bilinear fill mask again; PIL rounds to uint8.
               (torchvision's default interpolation is NEAREST; BILINEAR is set to match.)
  crop:P       RandomCrop(28, padding=P, fill=0): zero pad P, window offset integer uniform in
               0..2P, i.e. shift uniform in [-P, P]. Same.
  brightness:d ADDITIVE offset u uniform in [-d, d] (or [lo, hi]), clamped: a small transform
               (AddBrightness below). Not ColorJitter(brightness=...), which MULTIPLIES by a factor
               uniform in [1-b, 1+b] (black stays black) and is a different augmentation. Tensors:
               (x + u).clamp(0, 1); PIL: ImageChops.add / subtract of a constant image of
               round(255 |u|) (the offset rounded to a whole grey level, saturating).
  contrast:d   ColorJitter(contrast=(1-d, 1+d)) (or (1+lo, 1+hi)): factor s uniform, out =
               (in - mean) * s + mean, mean of the image before it, clamped: same formula (a
               ColorJitter with only contrast set applies nothing else). PIL (ImageEnhance.Contrast)
               rounds the mean to a whole grey level and the result to uint8.
  gamma:lo/hi  g uniform in [lo, hi], then torchvision.transforms.functional.adjust_gamma(img, g)
               (RandomGamma below; torchvision has no random gamma transform): out = in ^ g, same.
               PIL: adjust_gamma goes through RGB and an 8-bit table int(255.999 * (v/255)^g), i.e.
               up to one grey level above round().
  noise:lo/hi  s uniform, out = clamp(x + s * randn_like(x)): a small tensor transform
               (GaussianNoise below; torchvision 0.14 has none). Same distribution (other numbers).
  blur:lo/hi   sigma uniform, F.gaussian_blur(img, k, sigma) with k = 3 when sigma <= 0.5 else 5,
               taps exp(-k^2 / 2 sigma^2) normalised: same kernel as ours (RandomBlur below; the
               stock GaussianBlur has one fixed kernel size). Difference: torchvision pads the
               border by REFLECTION, Tenkai replicates the edge pixel (Fashion-MNIST borders are ~0).
  cutout:S     centre (cx, cy) integer uniform over the pixels, then torchvision's F.erase of the
               S x S square at cx - S/2 .. cx - S/2 + S - 1 (rows likewise) clipped at the border,
               value 0 (Cutout below): same as Tenkai. Not the stock RandomErasing(scale=(a, a),
               ratio=(1, 1), value=0): it places the square wholly inside the image (top-left
               uniform in 0..H-S), so it erases more, nearer the centre: measured on the 60,000
               images with cutout:8 at p = 1, mean 0.2544 against Tenkai's 0.2638 (0.2860 unaugmented);
               it also costs more per image (five small tensor ops to draw its parameters).
  probability  RandomApply([t], p) where the transform has no p of its own (all but the flips).
Every transform's result is in [0, 1] before the next (PIL is uint8 by construction; the tensor
transforms above clamp), as in Tenkai. Random numbers come from torch's generator (seeded by
--seed; DataLoader seeds workers from it), not Tenkai's streams, so the images differ draw by draw.
"""
import argparse
import gzip
import json
import os
import struct
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision.transforms as T
import torchvision.transforms.functional as TF
from PIL import Image, ImageChops

DATA_DIR = "/usr/share/datasets/fashion-mnist"

# core/train/augment.cpp, kBuiltIns: the built-in policies in their text form.
BUILT_IN = {
    "none": "",
    "flip": "hflip:0.5",
    "geometric": "hflip:0.5,rotate:10,crop:2",
    "photometric": "brightness:0.2,contrast:0.2,gamma:0.8/1.25",
    "noise": "noise:0.02/0.08,blur:0.3/1@0.5",
    "cutout": "cutout:8",
    "heavy": "hflip:0.5,rotate:15,crop:3,brightness:0.25,contrast:0.3,gamma:0.7/1.4@0.5,"
    "noise:0.01/0.05@0.5,blur:0.3/1@0.3,cutout:8@0.5",
    "lowlight": "brightness:-0.25/-0.05,contrast:-0.5/-0.2,gamma:1.2/2,noise:0.02/0.06",
    "mirror-tilt": "hflip:0.5,rotate:25,crop:1",
    "sensor-noise": "brightness:0.05,blur:0.4/1@0.5,noise:0.03/0.1",
}
TENSOR_ONLY = {"noise", "blur", "cutout"}  # run after ToTensor on the PIL path


# ---- Fashion-MNIST (IDX, gzip) -------------------------------------------------------------------

def read_idx(path):
    """An IDX file (.gz or raw) as a numpy array of its declared shape (uint8 data only)."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = bytearray(f.read())  # writable, so torch.from_numpy views of it are fine
    zero, dtype, ndim = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file")
    shape = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    body = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim)
    if body.size != int(np.prod(shape)):
        raise ValueError(f"{path}: {body.size} bytes of data, the header declares {int(np.prod(shape))}")
    return body.reshape(shape)


def find(data_dir, stem):
    for name in (stem + ".gz", stem):
        if os.path.exists(os.path.join(data_dir, name)):
            return os.path.join(data_dir, name)
    raise FileNotFoundError(f"{stem}(.gz) not in {data_dir}")


def load_fashion_mnist(data_dir=DATA_DIR):
    """(train images N x 28 x 28 uint8, train labels, test images, test labels)."""
    return tuple(read_idx(find(data_dir, stem)) for stem in (
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"))


# ---- Policies: Tenkai's text form -> torchvision transforms ------------------------------------------

def parse_policy(text):
    """Tenkai's policy text form (or a built-in name) as a list of (name, low, high, size, p)."""
    text = BUILT_IN.get(text, text).strip()
    if text in ("", "none"):
        return []
    out = []
    for item in text.split(","):
        item = item.strip()
        p = 1.0
        if "@" in item:
            item, prob = item.split("@", 1)
            p = float(prob)
        name, _, arg = item.partition(":")
        name = name.strip()
        low = high = 0.0
        size = 0
        if name in ("hflip", "vflip"):
            if arg:
                p = float(arg)  # flips: ":p" is the probability
        elif name in ("crop", "cutout"):
            size = int(arg)
        elif name in ("rotate", "brightness", "contrast", "gamma", "noise", "blur"):
            if "/" in arg:
                low, high = (float(v) for v in arg.split("/", 1))
            elif name in ("rotate", "brightness", "contrast"):
                low, high = -float(arg), float(arg)  # symmetric +-d
            else:
                low = high = float(arg)  # gamma, noise, blur: exactly this value
        else:
            raise ValueError(f"unknown transform {name!r} in policy {text!r}")
        out.append((name, low, high, size, p))
    return out


def uniform(low, high):
    return low if low == high else torch.empty(1).uniform_(low, high).item()


class AddBrightness(nn.Module):
    """Tenkai's brightness: out = clamp(in + u), u uniform in [low, high], one u per image."""

    def __init__(self, low, high):
        super().__init__()
        self.low, self.high = low, high

    def forward(self, img):
        u = uniform(self.low, self.high)
        if isinstance(img, torch.Tensor):
            return (img + u).clamp(0, 1)
        level = int(round(abs(u) * 255))
        bands = len(img.getbands())
        constant = Image.new(img.mode, img.size, level if bands == 1 else (level,) * bands)
        return ImageChops.add(img, constant) if u >= 0 else ImageChops.subtract(img, constant)


class RandomGamma(nn.Module):
    """out = in ^ g, g uniform in [low, high], through torchvision's adjust_gamma."""

    def __init__(self, low, high):
        super().__init__()
        self.low, self.high = low, high

    def forward(self, img):
        return TF.adjust_gamma(img, uniform(self.low, self.high))


class GaussianNoise(nn.Module):
    """out = clamp(in + s z), z ~ N(0, 1) per pixel, s uniform in [low, high] (tensors)."""

    def __init__(self, low, high):
        super().__init__()
        self.low, self.high = low, high

    def forward(self, img):
        return (img + uniform(self.low, self.high) * torch.randn_like(img)).clamp(0, 1)


class RandomBlur(nn.Module):
    """Tenkai's blur: sigma uniform, kernel 3x3 when sigma <= 0.5 else 5x5, via F.gaussian_blur."""

    def __init__(self, low, high):
        super().__init__()
        self.low, self.high = low, high

    def forward(self, img):
        sigma = uniform(self.low, self.high)
        k = 3 if sigma <= 0.5 else 5
        return TF.gaussian_blur(img, [k, k], [sigma, sigma])


class Cutout(nn.Module):
    """Tenkai's cutout: a size x size square of zeros centred on a uniformly drawn pixel, clipped."""

    def __init__(self, size):
        super().__init__()
        self.size = size

    def forward(self, img):
        h, w = img.shape[-2], img.shape[-1]
        cx = int(torch.randint(0, w, (1,)).item())
        cy = int(torch.randint(0, h, (1,)).item())
        x0, y0 = max(0, cx - self.size // 2), max(0, cy - self.size // 2)
        x1, y1 = min(w, cx - self.size // 2 + self.size), min(h, cy - self.size // 2 + self.size)
        return TF.erase(img, y0, x0, y1 - y0, x1 - x0, 0.0)


def make_transform(name, low, high, size, p, hw):
    h, w = hw
    if name == "hflip":
        return T.RandomHorizontalFlip(p)
    if name == "vflip":
        return T.RandomVerticalFlip(p)
    if name == "rotate":
        t = T.RandomRotation((low, high), interpolation=T.InterpolationMode.BILINEAR, fill=0)
    elif name == "crop":
        t = T.RandomCrop((h, w), padding=size, fill=0)
    elif name == "brightness":
        t = AddBrightness(low, high)
    elif name == "contrast":
        t = T.ColorJitter(contrast=(1 + low, 1 + high))
    elif name == "gamma":
        t = RandomGamma(low, high)
    elif name == "noise":
        t = GaussianNoise(low, high)
    elif name == "blur":
        t = RandomBlur(low, high)
    elif name == "cutout":
        t = Cutout(size)
    else:
        raise ValueError(name)
    return t if p >= 1 else T.RandomApply([t], p=p)


def build_transform(policy, backend, hw=(28, 28), normalise=None):
    """The torchvision pipeline for a policy: input a PIL image (backend "pil") or a C x H x W uint8
    tensor ("tensor"); output a float C x H x W tensor on 0..1 (normalised when given (mean, std))."""
    steps = []
    in_pil = backend == "pil"
    if not in_pil:
        steps.append(T.ConvertImageDtype(torch.float32))
    for name, low, high, size, p in parse_policy(policy):
        if in_pil and name in TENSOR_ONLY:
            steps.append(T.ToTensor())
            in_pil = False
        steps.append(make_transform(name, low, high, size, p, hw))
    if in_pil:
        steps.append(T.ToTensor())
    if normalise is not None:
        steps.append(T.Normalize([normalise[0]], [normalise[1]]))
    return T.Compose(steps)


def as_input(image, backend):
    """One H x W uint8 numpy image as the pipeline's input: a PIL "L" image or a 1 x H x W tensor."""
    if backend == "pil":
        return Image.fromarray(image, mode="L")
    return torch.from_numpy(image).unsqueeze(0)


def loaded_blas():
    try:
        with open("/proc/self/maps") as f:
            libs = {line.split()[-1] for line in f if "blas" in line.lower() and "/" in line}
    except OSError:
        return "unknown"
    names = sorted(os.path.basename(lib) for lib in libs)
    if any("openblas" in n for n in names):
        return "OpenBLAS (" + ("OpenMP" if any("openmp" in lib for lib in libs) else "pthreads") + ")"
    return ", ".join(names) or "none"


# ---- Models (core/train/models.cpp) ---------------------------------------------------------------

def make_model(name):
    if name == "lenet":
        return nn.Sequential(
            nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
            nn.Linear(16 * 5 * 5, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))
    if name == "alexnet":
        return nn.Sequential(
            nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(64, 128, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
            nn.Linear(128 * 3 * 3, 256), nn.ReLU(), nn.Dropout(0.5), nn.Linear(256, 10))
    raise ValueError(f"unknown model {name!r} (lenet, alexnet)")


class AugmentedImages(torch.utils.data.Dataset):
    def __init__(self, images, labels, transform, backend):
        self.images, self.labels, self.transform, self.backend = images, labels, transform, backend

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        return self.transform(as_input(self.images[i], self.backend)), int(self.labels[i])


def evaluate(model, images, labels, mean, std):
    model.eval()
    correct = 0
    with torch.no_grad():
        for begin in range(0, len(images), 1000):
            x = torch.from_numpy(images[begin:begin + 1000]).unsqueeze(1).float().div_(255).sub_(mean).div_(std)
            correct += (model(x).argmax(1) == torch.from_numpy(labels[begin:begin + 1000]).long()).sum().item()
    return correct / max(1, len(images))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="lenet", choices=["lenet", "alexnet"])
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--limit", type=int, default=0, help="train on the first N images (0: all)")
    ap.add_argument("--test-limit", type=int, default=0, help="evaluate on the first N test images (0: all)")
    ap.add_argument("--threads", type=int, default=2, help="torch.set_num_threads")
    ap.add_argument("--policy", default="geometric", help="built-in name (none, geometric, heavy, ...) or Tenkai text form")
    ap.add_argument("--workers", type=int, default=0, help="DataLoader num_workers (0: in the training process)")
    ap.add_argument("--backend", default="pil", choices=["pil", "tensor"])
    ap.add_argument("--lr", type=float, default=0.01)
    ap.add_argument("--momentum", type=float, default=0.9)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--data-dir", default=DATA_DIR)
    a = ap.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    train_x, train_y, test_x, test_y = load_fashion_mnist(a.data_dir)
    scaled = train_x.astype(np.float64) / 255.0
    mean, std = float(scaled.mean()), max(float(scaled.std(ddof=1)), 1e-6)
    del scaled
    if a.limit > 0:
        train_x, train_y = train_x[:a.limit], train_y[:a.limit]
    if a.test_limit > 0:
        test_x, test_y = test_x[:a.test_limit], test_y[:a.test_limit]

    transform = build_transform(a.policy, a.backend, train_x.shape[1:], (mean, std))
    dataset = AugmentedImages(train_x, train_y, transform, a.backend)
    loader = torch.utils.data.DataLoader(dataset, batch_size=a.batch, shuffle=True, drop_last=False,
                                         num_workers=a.workers, persistent_workers=a.workers > 0)
    model = make_model(a.model)
    optimizer = torch.optim.SGD(model.parameters(), lr=a.lr, momentum=a.momentum)

    n = len(dataset)
    train_seconds = wait_seconds = 0.0
    loss_sum, steps = 0.0, 0
    for _ in range(a.epochs):
        model.train()
        start = time.perf_counter()
        fetch = start
        for x, y in loader:
            wait_seconds += time.perf_counter() - fetch  # loading + augmenting + collating this batch
            optimizer.zero_grad()
            loss = F.cross_entropy(model(x), y)
            loss.backward()
            optimizer.step()
            loss_sum += loss.item()
            steps += 1
            fetch = time.perf_counter()
        train_seconds += time.perf_counter() - start
    accuracy = evaluate(model, test_x, test_y, mean, std)

    print(json.dumps({
        "type": "summary", "impl": "pytorch+torchvision", "model": a.model, "policy": a.policy,
        "policy_text": BUILT_IN.get(a.policy, a.policy), "backend": a.backend, "workers": a.workers,
        "threads": a.threads, "batch": a.batch, "epochs": a.epochs, "train_images": n,
        "test_images": len(test_x), "images_per_second": n * a.epochs / train_seconds if train_seconds else 0,
        "seconds": train_seconds, "data_wait_seconds": wait_seconds, "mean_loss": loss_sum / max(1, steps),
        "test_accuracy": accuracy, "blas": loaded_blas(), "torch": torch.__version__,
        "torchvision": sys.modules["torchvision"].__version__}))


if __name__ == "__main__":
    main()
