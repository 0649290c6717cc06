"""Check the book's example training configurations (kohya-ss sd-scripts TOML files).

An example a reader copies must work: a TOML syntax error or a misspelt argument fails
the build with the file and line. The accepted names are sd-scripts' own (``--config_file``
keys are argument names without the dashes; ``--dataset_config`` has its own sections).
Plain Python, no Sphinx.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

# Arguments of train_network.py / sdxl_train_network.py / flux_train_network.py used or
# likely to be used in the book's examples (kohya-ss/sd-scripts, library/train_util.py and
# the network scripts).
TRAINING_ARGUMENTS = frozenset('''
    pretrained_model_name_or_path dataset_config train_data_dir reg_data_dir output_dir output_name
    save_model_as save_precision save_every_n_epochs save_every_n_steps save_state resume
    network_module network_dim network_alpha network_args network_dropout network_weights
    network_train_unet_only network_train_text_encoder_only
    optimizer_type optimizer_args learning_rate unet_lr text_encoder_lr lr_scheduler lr_warmup_steps
    lr_scheduler_num_cycles max_grad_norm scale_weight_norms
    max_train_epochs max_train_steps train_batch_size gradient_accumulation_steps
    mixed_precision full_fp16 full_bf16 gradient_checkpointing sdpa xformers
    cache_latents cache_latents_to_disk cache_text_encoder_outputs cache_text_encoder_outputs_to_disk
    min_snr_gamma noise_offset multires_noise_iterations multires_noise_discount
    sample_prompts sample_every_n_epochs sample_every_n_steps sample_sampler
    seed clip_skip resolution enable_bucket caption_extension shuffle_caption keep_tokens
    prior_loss_weight max_data_loader_n_workers persistent_data_loader_workers logging_dir log_with
    v2 v_parameterization vae no_half_vae highvram lowram
    fp8_base blocks_to_swap guidance_scale timestep_sampling model_prediction_type discrete_flow_shift
    clip_l t5xxl ae apply_t5_attn_mask
'''.split())

# Options of a --dataset_config file (library/config_util.py): [general] and [[datasets]]
# accept dataset and subset options; [[datasets.subsets]] accepts subset options.
SUBSET_OPTIONS = frozenset('''
    image_dir num_repeats class_tokens is_reg caption_extension shuffle_caption keep_tokens
    keep_tokens_separator color_aug flip_aug face_crop_aug_range random_crop caption_prefix
    caption_suffix caption_dropout_rate caption_dropout_every_n_epochs caption_tag_dropout_rate
    metadata_file enable_wildcard secondary_separator
'''.split())
DATASET_OPTIONS = frozenset('''
    resolution batch_size enable_bucket min_bucket_reso max_bucket_reso bucket_reso_steps
    bucket_no_upscale
'''.split())


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(rf'\s*({re.escape(key)}\s*=|\[\[?{re.escape(key)}\]\]?\s*$)', line):
            return number
    return 1


def check_config(path: Path) -> list[tuple[int, str]]:
    """Problems of one example file as (line, message); empty when the file is fine."""
    text = path.read_text(encoding='utf-8')
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r'at line (\d+)', str(exc))
        return [(int(match[1]) if match else 1, f'TOML syntax error: {exc}')]
    if path.stem.startswith('dataset'):
        return _check_dataset(text, data)
    return [(_line_of(text, key), f'{key!r} is not an sd-scripts training argument')
            for key in data if key not in TRAINING_ARGUMENTS]


def _check_dataset(text: str, data: dict) -> list[tuple[int, str]]:
    problems = []

    def unknown(table: dict, allowed: frozenset, where: str) -> None:
        for key, value in table.items():
            if key in ('datasets', 'subsets') and isinstance(value, list):
                continue
            if key not in allowed:
                problems.append((_line_of(text, key), f'{key!r} is not a {where} option of --dataset_config'))

    for key in data:
        if key not in ('general', 'datasets'):
            problems.append((_line_of(text, key), f'unknown section {key!r}; expected [general] and [[datasets]]'))
    unknown(data.get('general', {}), DATASET_OPTIONS | SUBSET_OPTIONS, '[general]')
    for dataset in data.get('datasets', []):
        unknown(dataset, DATASET_OPTIONS | SUBSET_OPTIONS, '[[datasets]]')
        for subset in dataset.get('subsets', []):
            unknown(subset, SUBSET_OPTIONS, '[[datasets.subsets]]')
    return problems
