#!/usr/bin/python3
"""Reference for issue 3: augmentation alone with torchvision, on the same 60,000 Fashion-MNIST
training images and policy as build/bench/augment_throughput (bench/compare_augment.sh runs both).

    /usr/bin/python3 bench/reference/augment_torchvision.py --policy heavy --threads 1,2 [--limit N]

The pipeline is train_epoch.py's build_transform (its top comment maps every Tenkai transform to
torchvision and lists the differences), without Normalize: image by image, as torchvision's
transforms are made to run (on an N x C x H x W tensor they would draw one set of random
parameters for the whole batch). Timed: from the input image to the augmented float 1x28x28 tensor
on 0..1, for all images; building the inputs is not timed.
  input pil:    a PIL "L" image per image (made beforehand, as a Dataset would hold them); the
                PIL-capable transforms on PIL, then ToTensor, then noise / blur / cutout on tensors.
  input tensor: a 1x28x28 uint8 tensor per image; ConvertImageDtype(float32), then all on tensors.
Tenkai's augment_throughput instead times uint8 in -> uint8 out (OpenCV, one image at a time) and
uint8 in -> float out (LibTorch, batches of 1,024, per-image draws).

Threads. PIL and per-image tensor work run in one Python thread under the GIL, and torch's
intra-op threads do not split 28x28 work (tensors far below the parallel grain size), so T cores
are used only by T worker processes. For each T of --threads one JSON line per way of running:
  parallel "processes": T processes (fork, each torch.set_num_threads(1)), each augments 1/T of
                        the images; wall time in the parent from handing out the work to the last
                        result (the pool is started and warmed before). T = 1: in this process.
                        This is what a DataLoader with num_workers=T would at best reach.
  parallel "torch-threads" (tensor input only): one process with torch.set_num_threads(T), i.e.
                        what setting T threads alone gives a torchvision user.
"per_thread" is images_per_second / T. Run on a quiet machine: a busy core makes OpenMP threads
wait (the blur's conv2d with 2 intra-op threads took milliseconds per image next to a compiler).
"""
import argparse
import json
import multiprocessing
import os
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ next to the sources
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch  # noqa: E402

import train_epoch as te  # noqa: E402

_inputs = {}     # input kind -> list of inputs, filled before the pools fork
_transform = {}  # input kind -> pipeline


def _augment(kind, begin, end):
    """Augments inputs[begin:end]; returns the sum of the outputs (a checksum that uses them)."""
    t, images = _transform[kind], _inputs[kind]
    total = 0.0
    for i in range(begin, end):
        total += float(t(images[i]).sum())
    return total


def _worker_init(seed):
    torch.set_num_threads(1)
    torch.manual_seed(seed + os.getpid())


def _noop(_):
    return os.getpid()


def _task(args):
    return _augment(*args)


def run(kind, n, workers, pool):
    """Seconds and checksum to augment n images of `kind` in this process or over the pool."""
    if pool is None:
        start = time.perf_counter()
        total = _augment(kind, 0, n)
        return time.perf_counter() - start, total
    bounds = [n * w // workers for w in range(workers + 1)]
    start = time.perf_counter()
    total = sum(pool.map(_task, [(kind, bounds[w], bounds[w + 1]) for w in range(workers)], chunksize=1))
    return time.perf_counter() - start, total


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--policy", default="heavy", help="built-in name or Tenkai text form")
    ap.add_argument("--threads", default="1,2", help="comma-separated thread counts, e.g. 1,2")
    ap.add_argument("--inputs", default="pil,tensor", help="pil, tensor or both")
    ap.add_argument("--limit", type=int, default=0, help="the first N training images only (0: all 60,000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--data-dir", default=te.DATA_DIR)
    a = ap.parse_args()
    threads = [int(t) for t in a.threads.split(",") if t]
    kinds = [k for k in a.inputs.split(",") if k]
    if any(t < 1 for t in threads) or any(k not in ("pil", "tensor") for k in kinds):
        ap.error("--threads takes positive counts, --inputs pil and/or tensor")

    torch.manual_seed(a.seed)
    images = te.load_fashion_mnist(a.data_dir)[0]
    if a.limit > 0:
        images = images[:a.limit]
    n = len(images)
    for kind in kinds:
        _inputs[kind] = [te.as_input(images[i].copy(), kind) for i in range(n)]
        _transform[kind] = te.build_transform(a.policy, kind, images.shape[1:])

    # Fork the pools before this process runs any multi-threaded torch work.
    ctx = multiprocessing.get_context("fork")
    pools = {t: ctx.Pool(t, initializer=_worker_init, initargs=(a.seed,)) for t in sorted(set(threads)) if t > 1}
    for t, pool in pools.items():
        pool.map(_noop, range(4 * t))

    common = {"impl": "torchvision", "policy": a.policy, "policy_text": te.BUILT_IN.get(a.policy, a.policy),
              "images": n, "torch": torch.__version__, "torchvision": sys.modules["torchvision"].__version__}
    try:
        for t in threads:
            for kind in kinds:
                runs = [("processes", t, pools.get(t), 1)]
                if kind == "tensor" and t > 1:
                    runs.append(("torch-threads", 1, None, t))
                for parallel, workers, pool, torch_threads in runs:
                    torch.set_num_threads(torch_threads if pool is None else 1)
                    seconds, total = run(kind, n, workers, pool)
                    ips = n / seconds if seconds > 0 else 0
                    print(json.dumps(dict(common, input=kind, threads=t, parallel=parallel, processes=workers,
                                          torch_threads=torch_threads, seconds=round(seconds, 4),
                                          images_per_second=round(ips, 1), per_thread=round(ips / t, 1),
                                          mean=round(total / (n * images.shape[1] * images.shape[2]), 4))),
                          flush=True)
    finally:
        for pool in pools.values():
            pool.close()
            pool.join()


if __name__ == "__main__":
    main()
