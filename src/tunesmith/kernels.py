"""Our CPU matmul kernels for packed weights (``csrc/packed_mm.cpp``), built on first use.

``torch.ops.tunesmith.int4_mm(x, w)`` and ``torch.ops.tunesmith.int8_mm(x, w)`` multiply a few
fp32 rows by 4-bit or 8-bit block-quantized weights (GGUF Q4_1 / Q8_0 blocks of 32, packed by
:mod:`tunesmith.quantize`) with AVX-512 VNNI integer dot products, the activations quantized to
int8 per block of 32; see the source for why they beat torch's own kernels at decode sizes.
The extension is compiled with torch's C++ toolchain the first time it is needed (~30 s, g++
and ninja) into ``$TUNESMITH_HOME/kernels`` and loaded from there afterwards. When it cannot be
used (no AVX-512 with VNNI, no compiler, ``TUNESMITH_KERNELS=0``) :func:`available` is False
and the packed layers use torch's kernels instead; nothing else changes.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from pathlib import Path

import torch

__all__ = ["available", "why_unavailable"]

log = logging.getLogger(__name__)
SOURCE = Path(__file__).parent / "csrc" / "packed_mm.cpp"
_FLAGS = ["-O3", "-mavx512f", "-mavx512bw", "-mavx512vl", "-mavx512dq", "-mavx512vnni", "-mfma", "-fopenmp"]
_state: dict[str, object] = {}
_lock = threading.Lock()


def _build_dir() -> Path:
    from .models import tunesmith_home

    # One build per source version, torch version and flags (a shared home may serve several).
    key = hashlib.sha256(SOURCE.read_bytes() + torch.__version__.encode() + " ".join(_FLAGS).encode()).hexdigest()[:12]
    return tunesmith_home() / "kernels" / key


def _cpu_ok() -> bool:
    # AVX512 F/BW/VL/DQ, plus VNNI (int8 dot products: Intel since Cascade Lake, AMD since Zen 4)
    vnni = getattr(torch.cpu, "_is_vnni_supported", lambda: False)()
    return torch.backends.cpu.get_cpu_capability() in ("AVX512", "AMX") and vnni


def available() -> bool:
    """True when our kernels are loaded (building them on the first call)."""
    with _lock:
        if "ok" in _state:
            return bool(_state["ok"])
        ok = False
        if os.environ.get("TUNESMITH_KERNELS", "1").lower() in ("0", "false", "no"):
            _state["why"] = "disabled by TUNESMITH_KERNELS=0"
        elif not _cpu_ok():
            _state["why"] = "CPU lacks AVX-512 with VNNI"
        else:
            try:
                from torch.utils.cpp_extension import load as build

                target = _build_dir()
                target.mkdir(parents=True, exist_ok=True)
                build(name="tunesmith_kernels", sources=[str(SOURCE)], extra_cflags=_FLAGS, extra_ldflags=["-fopenmp"],
                      build_directory=str(target), is_python_module=False, verbose=False)
                torch.library.register_fake("tunesmith::int4_mm")(
                    lambda x, w, precise=False: x.new_empty((x.shape[0], w.shape[0] * 16)))
                torch.library.register_fake("tunesmith::int8_mm")(
                    lambda x, w, precise=False: x.new_empty((x.shape[0], w.shape[0] * 16)))
                torch.library.register_fake("tunesmith::rms_norm")(lambda x, weight, eps: torch.empty_like(x))
                torch.library.register_fake("tunesmith::decode_attention")(
                    lambda q, k, v, mask, scale: torch.empty_like(q, memory_format=torch.contiguous_format))
                ok = True
            except Exception as err:  # noqa: BLE001 - any build failure means: use torch's kernels
                _state["why"] = f"build failed: {str(err).strip().splitlines()[-1] if str(err).strip() else err!r}"
                log.warning("tunesmith kernels unavailable (%s); using torch's packed kernels", _state["why"])
        _state["ok"] = ok
        return ok


def why_unavailable() -> str | None:
    """Why our kernels are not used (None when they are)."""
    available()
    return _state.get("why")  # type: ignore[return-value]
