"""Minimal safetensors reader/writer (8-byte little-endian header length, JSON header, raw little-endian data)."""
import json
import struct

import numpy as np
import torch

_DTYPES = {"F32": (torch.float32, 4), "BF16": (torch.bfloat16, 2), "I32": (torch.int32, 4),
           "I64": (torch.int64, 8), "F16": (torch.float16, 2), "U16": (torch.int16, 2)}
_NAMES = {torch.float32: "F32", torch.bfloat16: "BF16", torch.int32: "I32", torch.int64: "I64",
          torch.float16: "F16"}


def _raw_bytes(t):
    t = t.detach().contiguous().cpu()
    if t.dtype == torch.bfloat16:
        return t.view(torch.int16).numpy().astype("<i2").tobytes()
    return t.numpy().astype(t.numpy().dtype.newbyteorder("<")).tobytes()


def save(tensors, path, metadata=None):
    """tensors: dict name -> torch tensor (F32, BF16, I32, I64, F16). Keys are written sorted."""
    header = {"__metadata__": dict(metadata or {"format": "pt"})}
    blobs, offset = [], 0
    for name in sorted(tensors):
        t = tensors[name]
        data = _raw_bytes(t)
        header[name] = {"dtype": _NAMES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    head = json.dumps(header, separators=(",", ":")).encode("utf-8")
    head += b" " * ((8 - len(head) % 8) % 8)  # keep the data section 8-byte aligned
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(head)))
        f.write(head)
        for b in blobs:
            f.write(b)


def load(path):
    """Return (dict name -> torch tensor in the stored dtype, metadata)."""
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n).decode("utf-8"))
        data = f.read()
    meta = header.pop("__metadata__", {})
    out = {}
    for name, info in header.items():
        dtype, size = _DTYPES[info["dtype"]]
        a, b = info["data_offsets"]
        buf = data[a:b]
        if dtype == torch.bfloat16:
            t = torch.from_numpy(np.frombuffer(buf, dtype="<i2").copy()).view(torch.bfloat16)
        else:
            np_dtype = {torch.float32: "<f4", torch.int32: "<i4", torch.int64: "<i8", torch.float16: "<f2"}[dtype]
            t = torch.from_numpy(np.frombuffer(buf, dtype=np_dtype).copy())
        out[name] = t.reshape(info["shape"])
    return out, meta
