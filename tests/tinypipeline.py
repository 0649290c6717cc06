"""A Stable Diffusion pipeline small enough to run on a CPU in seconds, made from configs with
random weights: nothing is downloaded. It draws noise, not pictures, but it goes through every
step a real model does (tokenizer, text encoder, UNet, scheduler, VAE)."""

from __future__ import annotations

import json
import os
import string
from pathlib import Path

import pytest


def render_packages():
    """torch and diffusers, or a skip; in CI (CI=true) their absence fails instead, so the
    render tests cannot be skipped there unnoticed (make test installs requirements-cards.txt)."""
    os.environ['HF_HUB_OFFLINE'] = '1'  # any attempt to download fails the test
    try:
        import diffusers
        import torch
        import transformers
    except ImportError as exc:
        if os.environ.get('CI') == 'true':
            raise RuntimeError(f'{exc.name} is missing: CI must install requirements-cards.txt (make test does)') from None
        pytest.skip(f'{exc.name} is not installed (pip install -r requirements-cards.txt)', allow_module_level=True)
    return torch, diffusers, transformers


def _tokenizer(folder: Path):
    """A CLIP tokenizer over single letters: the smallest vocabulary it accepts."""
    from transformers import CLIPTokenizer

    vocab = {'<|startoftext|>': 0, '<|endoftext|>': 1}
    for suffix in ('', '</w>'):
        for letter in string.ascii_lowercase:
            vocab[letter + suffix] = len(vocab)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / 'vocab.json').write_text(json.dumps(vocab), encoding='utf-8')
    (folder / 'merges.txt').write_text('#version: 0.2\n', encoding='utf-8')
    return CLIPTokenizer(str(folder / 'vocab.json'), str(folder / 'merges.txt'), model_max_length=77)


def save_tiny_sd_pipeline(folder: Path) -> Path:
    """Write a tiny StableDiffusionPipeline in diffusers' folder layout and return the folder."""
    torch, diffusers, transformers = render_packages()
    torch.manual_seed(0)
    tokenizer = _tokenizer(folder.parent / f'{folder.name}-vocab')
    unet = diffusers.UNet2DConditionModel(
        block_out_channels=(32, 64), layers_per_block=1, sample_size=32, in_channels=4, out_channels=4,
        down_block_types=('DownBlock2D', 'CrossAttnDownBlock2D'), up_block_types=('CrossAttnUpBlock2D', 'UpBlock2D'),
        cross_attention_dim=32)
    vae = diffusers.AutoencoderKL(block_out_channels=(32, 64), in_channels=3, out_channels=3, latent_channels=4,
                                  down_block_types=('DownEncoderBlock2D',) * 2, up_block_types=('UpDecoderBlock2D',) * 2)
    text_encoder = transformers.CLIPTextModel(transformers.CLIPTextConfig(
        bos_token_id=0, eos_token_id=1, pad_token_id=1, hidden_size=32, intermediate_size=37, num_attention_heads=4,
        num_hidden_layers=3, vocab_size=len(tokenizer.get_vocab()), projection_dim=32))
    # The noise schedule of Stable Diffusion 1.5, so every scheduler is built as for the real model.
    scheduler = diffusers.EulerDiscreteScheduler(beta_start=0.00085, beta_end=0.012, beta_schedule='scaled_linear',
                                                   steps_offset=1)  # as SD 1.5's own scheduler config has it
    pipeline = diffusers.StableDiffusionPipeline(unet=unet, vae=vae, text_encoder=text_encoder, tokenizer=tokenizer,
                                                 scheduler=scheduler, safety_checker=None, feature_extractor=None,
                                                 requires_safety_checker=False)
    pipeline.save_pretrained(folder)
    return folder
