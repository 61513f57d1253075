#!/usr/bin/env python3
"""The PyTorch path of bench:convert: a training-time RepVGG checkpoint converted to the deploy
form the way the official repository does it, on the state dict.

    python3 tools/bench/torch_convert.py IN.pth|IN.safetensors OUT.pth|OUT.safetensors

  load     .pth: torch.load(map_location='cpu', weights_only=True). .safetensors: the file read in
           one read and every tensor a zero-copy torch.frombuffer view (what safetensors.torch
           would give, without its copy; Debian does not package safetensors).
  convert  per block, the official repvgg.py get_equivalent_kernel_bias: fold each BN into its
           conv (std = sqrt(running_var + eps), t = gamma / std; kernel * t, beta - mean * gamma / std),
           pad the 1x1 to 3x3, the identity as a 3x3 kernel with 1 at [i, i % (in/groups), 1, 1],
           sum. Official (rbr_dense, rbr_1x1, rbr_identity → rbr_reparam) or timm (conv_kxk,
           conv_1x1, identity → reparam_conv) key names, as the input has them.
  save     .pth: torch.save(OrderedDict). .safetensors: header + each tensor's bytes, as
           safetensors.torch.save_file writes them.

Prints one JSON line: seconds for import torch, load, convert, save, and the tensor count."""
import collections
import json
import re
import sys
import time

T0 = time.perf_counter()
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

T_IMPORT = time.perf_counter() - T0
EPS = 1e-5
BRANCHES = {
    'official': ('rbr_dense.conv.weight', 'rbr_dense.bn.', 'rbr_1x1.conv.weight', 'rbr_1x1.bn.', 'rbr_identity.', 'rbr_reparam.'),
    'timm': ('conv_kxk.conv.weight', 'conv_kxk.bn.', 'conv_1x1.conv.weight', 'conv_1x1.bn.', 'identity.', 'reparam_conv.'),
}
DTYPES = {'F32': torch.float32, 'F16': torch.float16, 'BF16': torch.bfloat16, 'I64': torch.int64}
NAMES = {v: k for k, v in DTYPES.items()}


def fuse_bn(kernel, state, bn):
    std = (state[bn + 'running_var'] + EPS).sqrt()
    t = (state[bn + 'weight'] / std).reshape(-1, 1, 1, 1)
    return kernel * t, state[bn + 'bias'] - state[bn + 'running_mean'] * state[bn + 'weight'] / std


def convert(state):
    naming = 'official' if any('rbr_dense' in k for k in state) else 'timm'
    dense, dense_bn, one, one_bn, identity, reparam = BRANCHES[naming]
    out = collections.OrderedDict()
    for key in state:
        if not key.endswith(dense):
            if not re.search(r'(rbr_|conv_kxk\.|conv_1x1\.|identity\.)', key):
                out[key] = state[key]
            continue
        block = key[: -len(dense)]
        k3, b3 = fuse_bn(state[key], state, block + dense_bn)
        k1, b1 = fuse_bn(F.pad(state[block + one], [1, 1, 1, 1]), state, block + one_bn)
        kernel, bias = k3 + k1, b3 + b1
        if block + identity + 'running_var' in state:
            channels, per_group = k3.shape[0], k3.shape[1]
            eye = torch.zeros(channels, per_group, 3, 3)
            for i in range(channels):
                eye[i, i % per_group, 1, 1] = 1
            kid, bid = fuse_bn(eye, state, block + identity)
            kernel, bias = kernel + kid, bias + bid
        out[block + reparam + 'weight'] = kernel
        out[block + reparam + 'bias'] = bias
    # The official order: every block's reparam weight and bias, then the classifier.
    head = [k for k in out if 'reparam' not in k]
    return collections.OrderedDict([(k, out[k]) for k in out if 'reparam' in k] + [(k, out[k]) for k in head])


def load_safetensors(path):
    with open(path, 'rb') as f:
        data = bytearray(f.read())
    n = int.from_bytes(data[:8], 'little')
    header = json.loads(data[8:8 + n])
    header.pop('__metadata__', None)
    state = collections.OrderedDict()
    for key, info in header.items():
        start, end = info['data_offsets']
        dtype = DTYPES[info['dtype']]
        itemsize = torch.tensor([], dtype=dtype).element_size()
        t = torch.frombuffer(data, dtype=dtype, count=(end - start) // itemsize, offset=8 + n + start)
        state[key] = t.reshape(info['shape']).float() if dtype in (torch.float16, torch.bfloat16) else t.reshape(info['shape'])
    return state


def save_safetensors(state, path):
    header, offset = {'__metadata__': {'format': 'pt'}}, 0
    for key, t in state.items():
        size = t.numel() * t.element_size()
        header[key] = {'dtype': NAMES[t.dtype], 'shape': list(t.shape), 'data_offsets': [offset, offset + size]}
        offset += size
    text = json.dumps(header, separators=(',', ':')).encode()
    text += b' ' * (-len(text) % 8)
    with open(path, 'wb') as f:
        f.write(len(text).to_bytes(8, 'little'))
        f.write(text)
        for t in state.values():
            f.write(t.contiguous().numpy().data)


def main(source, target):
    torch.set_grad_enabled(False)
    t = time.perf_counter()
    if source.endswith('.safetensors'):
        state = load_safetensors(source)
    else:
        state = torch.load(source, map_location='cpu', weights_only=True)
        for wrapper in ('model', 'state_dict'):
            if wrapper in state and isinstance(state[wrapper], dict):
                state = state[wrapper]
        state = collections.OrderedDict((k[len('module.'):] if k.startswith('module.') else k, v) for k, v in state.items())
    t_load = time.perf_counter() - t
    t = time.perf_counter()
    deploy = convert(state)
    t_convert = time.perf_counter() - t
    t = time.perf_counter()
    if target.endswith('.safetensors'):
        save_safetensors(deploy, target)
    else:
        torch.save(deploy, target)
    t_save = time.perf_counter() - t
    print(json.dumps({'importS': T_IMPORT, 'loadS': t_load, 'convertS': t_convert, 'saveS': t_save,
                      'tensors': len(deploy), 'torch': torch.__version__, 'threads': torch.get_num_threads()}))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
