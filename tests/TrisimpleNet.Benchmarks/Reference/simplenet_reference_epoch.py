#!/usr/bin/env python3
"""Times the official SimpleNet code's training epoch, rebuilt step for step in PyTorch (not its source).

What one step of the official code (DonaldRR/SimpleNet, `_train_discriminator`) does, with its defaults for
issue 13's settings: decode and transform a batch of images (resize, centre crop, ImageNet normalisation); the
frozen backbone up to layer3 under no_grad (no feature cache: every step runs it again); the 3x3 unfold of layer2
and layer3, layer3's patch grid resized bilinearly to layer2's, each layer's C*9 vectors adaptively average-pooled
to the pretrain width, the layers stacked and pooled to the target width; the linear projection; Gaussian noise
(mix_noise 1, one-hot mixing as the official code builds it); the discriminator (Linear-BatchNorm-LeakyReLU-Linear)
over the normal and noisy rows together; the truncated losses; AdamW on the projection, Adam (weight decay 1e-5) on
the discriminator, and its cosine learning-rate schedule once per epoch.

The backbone's weights are random (timing does not depend on them). Usage, from the repository root:

    python3 tests/TrisimpleNet.Benchmarks/Reference/simplenet_reference_epoch.py \
        --data ../shared/data/kolektor-sdd/train/good --threads 2 --epochs 4

Prints one line per epoch and a JSON summary. Needs python3-torch and python3-torchvision (Debian packages: apt-get
update first on a fresh machine) and libopenblas0-pthread, without which Debian's PyTorch multiplies through the
reference BLAS.
"""
import argparse
import json
import os
import platform
import time

import torch
import torch.nn.functional as F
import torchvision
from PIL import Image
from torchvision import transforms


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="folder of training images")
    parser.add_argument("--width", type=int, default=1536, help="pretrain and target embed dimension")
    parser.add_argument("--hidden", type=int, default=1024, help="discriminator hidden width")
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--resize", type=int, default=329)
    parser.add_argument("--crop", type=int, default=288)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--noise-std", type=float, default=0.015)
    parser.add_argument("--preload", action="store_true",
                        help="decode and transform the images once before timing (a lower bound of the official epoch)")
    return parser.parse_args()


class Backbone(torch.nn.Module):
    """torchvision's ResNet18 up to layer3, returning layer2's and layer3's maps (the official hooks stop there too)."""

    def __init__(self):
        super().__init__()
        self.net = torchvision.models.resnet18()

    def forward(self, images):
        n = self.net
        x = n.maxpool(n.relu(n.bn1(n.conv1(images))))
        layer2 = n.layer2(n.layer1(x))
        return layer2, n.layer3(layer2)


def patchify(features, patch=3):
    """N x C x H x W -> N x (H*W) x C x 3 x 3, and the grid: the official PatchMaker's unfold (stride 1, padding 1)."""
    unfolded = F.unfold(features, kernel_size=patch, padding=patch // 2)
    n, c, h, w = features.shape
    return unfolded.reshape(n, c, patch, patch, -1).permute(0, 4, 1, 2, 3), (h, w)


def aggregate(layers, width):
    """The official `_embed` after the backbone: unfold, resize deeper grids, pool each layer, stack, pool again."""
    patched = [patchify(layer) for layer in layers]
    reference = patched[0][1]
    features = [patched[0][0]]
    for values, (h, w) in patched[1:]:
        values = values.reshape(values.shape[0], h, w, *values.shape[2:]).permute(0, 3, 4, 5, 1, 2)
        base = values.shape
        values = F.interpolate(values.reshape(-1, h, w).unsqueeze(1), size=reference, mode="bilinear",
                               align_corners=False).squeeze(1)
        values = values.reshape(*base[:-2], *reference).permute(0, 4, 5, 1, 2, 3)
        features.append(values.reshape(values.shape[0], -1, *values.shape[-3:]))
    flat = [f.reshape(-1, *f.shape[-3:]) for f in features]
    pooled = torch.stack([F.adaptive_avg_pool1d(f.reshape(len(f), 1, -1), width).squeeze(1) for f in flat], dim=1)
    return F.adaptive_avg_pool1d(pooled.reshape(len(pooled), 1, -1), width).reshape(len(pooled), -1)


def discriminator(width, hidden):
    return torch.nn.Sequential(torch.nn.Linear(width, hidden), torch.nn.BatchNorm1d(hidden), torch.nn.LeakyReLU(0.2),
                               torch.nn.Linear(hidden, 1, bias=False))


def main():
    args = parse_arguments()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    transform = transforms.Compose([
        transforms.Resize(args.resize), transforms.CenterCrop(args.crop), transforms.ToTensor(),
        transforms.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225])])
    paths = sorted(os.path.join(args.data, name) for name in os.listdir(args.data))
    load = lambda path: transform(Image.open(path).convert("RGB"))
    preloaded = [load(path) for path in paths] if args.preload else None

    backbone = Backbone().eval()
    projection = torch.nn.Linear(args.width, args.width)
    scorer = discriminator(args.width, args.hidden)
    projection_optimizer = torch.optim.AdamW(projection.parameters(), 1e-4)
    scorer_optimizer = torch.optim.Adam(scorer.parameters(), lr=2e-4, weight_decay=1e-5)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(scorer_optimizer, args.epochs, 2e-4 * 0.4)
    projection.train()
    scorer.train()

    epochs = []
    for epoch in range(args.epochs):
        started = time.perf_counter()
        order = torch.randperm(len(paths)).tolist()  # DataLoader(shuffle=True)
        for start in range(0, len(order), args.batch):
            chosen = order[start:start + args.batch]
            images = torch.stack([preloaded[i] if preloaded else load(paths[i]) for i in chosen])
            scorer_optimizer.zero_grad()
            projection_optimizer.zero_grad()
            with torch.no_grad():
                layers = backbone(images)
            normal = projection(aggregate(list(layers), args.width))
            choice = F.one_hot(torch.randint(0, 1, torch.Size([normal.shape[0]])), num_classes=1)
            noise = torch.stack([torch.normal(0, args.noise_std, normal.shape)], dim=1)
            fake = normal + (noise * choice.unsqueeze(-1)).sum(1)
            scores = scorer(torch.cat([normal, fake]))
            normal_scores, fake_scores = scores[:len(normal)], scores[len(normal):]
            loss = torch.clip(-normal_scores + 0.5, min=0).mean() + torch.clip(fake_scores + 0.5, min=0).mean()
            loss.backward()
            projection_optimizer.step()
            scorer_optimizer.step()
            loss.item()
        schedule.step()
        epochs.append(time.perf_counter() - started)
        print(f"epoch {epoch + 1}: {epochs[-1]:.1f} s", flush=True)

    print(json.dumps({
        "epoch_seconds": [round(e, 2) for e in epochs], "images": len(paths), "batch": args.batch,
        "width": args.width, "hidden": args.hidden, "crop": args.crop, "threads": args.threads,
        "preload": args.preload, "torch": torch.__version__, "torch_config": torch.__config__.show().splitlines()[:12],
        "machine": platform.processor() or platform.machine()}, indent=1))


if __name__ == "__main__":
    main()
