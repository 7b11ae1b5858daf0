"""Our CPU kernels for packed weights (``csrc/packed_mm.cpp``), one build per instruction set.

``ops().int4_mm(x, w)`` and ``ops().int8_mm(x, w)`` multiply a few fp32 rows by 4-bit or 8-bit
block-quantized weights (GGUF Q4_1 / Q8_0 blocks of 32, packed by :mod:`tunesmith.quantize`)
with integer dot products, the activations quantized to int8 per block of 32; ``rms_norm`` and
``decode_attention`` are the other ops of a decode step. The same source compiles for three
paths, chosen at run time from the CPU's flags, best first:

=========  ==============================================  ===============================
path       needs                                           integer dot products
=========  ==============================================  ===============================
avx512     AVX-512 F/BW/VL/DQ + AVX512-VNNI                ``vpdpbusd`` on 512 bits
avxvnni    AVX2 + FMA + AVX-VNNI (Intel Alder Lake+)       ``vpdpbusd`` on 256 bits
avx2       AVX2 + FMA (Haswell+, AMD Zen 1-3)              ``vpmaddubsw`` + ``vpmaddwd``
=========  ==============================================  ===============================

Each path is compiled with torch's C++ toolchain the first time it is needed (~30 s, g++ and
ninja) into ``$TUNESMITH_HOME/kernels`` and registers its ops as ``torch.ops.tunesmith_<path>``,
so one process can load every path its CPU runs (the tests compare each with the float
reference). ``TUNESMITH_KERNELS`` chooses: ``auto`` (default: the best path), a path name (that
path or, if the CPU lacks it, the best one below it) or ``0`` (torch's own kernels). When no
path can be used (no compiler, an ARM CPU, switched off) :func:`available` is False, the packed
layers use torch's kernels and :func:`why_unavailable` says why.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import platform
import threading
from pathlib import Path
from typing import Any

import torch

try:
    import fcntl
except ImportError:  # (Windows: no OS lock; torch's own lock file only)
    fcntl = None

__all__ = ["PATHS", "active", "available", "cpu_paths", "describe", "load", "missing_features", "ops",
           "why_unavailable"]

log = logging.getLogger(__name__)
SOURCE = Path(__file__).parent / "csrc" / "packed_mm.cpp"

# path -> (CPU flags as /proc/cpuinfo names them, compiler flags), best first.
PATHS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "avx512": (("avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512_vnni"),
               ("-mavx2", "-mfma", "-mavx512f", "-mavx512bw", "-mavx512vl", "-mavx512dq", "-mavx512vnni")),
    "avxvnni": (("avx2", "fma", "avx_vnni"), ("-mavx2", "-mfma", "-mavxvnni")),
    "avx2": (("avx2", "fma"), ("-mavx2", "-mfma")),
}
_OFF = ("0", "false", "no", "off", "torch")
_lock = threading.RLock()
_loaded: dict[str, Any] = {}  # path -> torch.ops namespace
_failed: dict[str, str] = {}  # path -> why its build failed
_state: dict[str, Any] = {}  # "path": the active path or None, "why": why none is active


def _cpu_flags() -> set[str]:
    if platform.machine().lower() not in ("x86_64", "amd64", "i686", "x86"):
        return set()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("flags"):
                return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    # Not Linux: what torch's own dispatcher detected.
    capability = torch.backends.cpu.get_cpu_capability()
    flags = {"avx2", "fma"} if capability in ("AVX2", "AVX512", "AMX") else set()
    if capability in ("AVX512", "AMX") and getattr(torch.cpu, "_is_vnni_supported", lambda: False)():
        flags |= set(PATHS["avx512"][0])
    return flags


def missing_features(path: str) -> list[str]:
    """The CPU flags ``path`` needs that this CPU lacks (empty: it can run here)."""
    flags = _cpu_flags()
    return [f for f in PATHS[path][0] if f not in flags]


def cpu_paths() -> list[str]:
    """The kernel paths this CPU can execute, best first."""
    return [p for p in PATHS if not missing_features(p)]


def _build_dir(path: str) -> Path:
    from .models import tunesmith_home

    # One build per source version, torch version and flags (a shared home may serve several).
    key = hashlib.sha256(SOURCE.read_bytes() + torch.__version__.encode() + " ".join(PATHS[path][1]).encode())
    return tunesmith_home() / "kernels" / f"{path}-{key.hexdigest()[:12]}"


@contextlib.contextmanager
def _builder_lock(target: Path):
    """Hold an OS lock on ``target`` while torch builds or loads there, and clear torch's own lock file if a
    builder died holding it. torch's lock is a plain file that a killed process (Ctrl-C, kill -9 mid-build) leaves
    behind, and every later process would wait for it forever; the OS lock goes with its process, so whoever holds
    it knows no live builder owns torch's file."""
    if fcntl is None:
        yield
        return
    with open(target / "tunesmith.lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            stale = target / "lock"
            if stale.exists():
                log.warning("removing a stale kernel build lock left by a process that was stopped: %s", stale)
                stale.unlink(missing_ok=True)
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _register_fakes(namespace: str) -> None:
    # Shapes for torch.compile's tracing (the ops are opaque to it).
    fake = torch.library.register_fake
    fake(f"{namespace}::int4_mm")(lambda x, w, precise=False, precise_rows=None:
                                  x.new_empty((x.shape[0], w.shape[0] * 16)))
    fake(f"{namespace}::int8_mm")(lambda x, w, precise=False, precise_rows=None:
                                  x.new_empty((x.shape[0], w.shape[0] * 16)))
    fake(f"{namespace}::rms_norm")(lambda x, weight, eps: torch.empty_like(x))
    fake(f"{namespace}::decode_attention")(
        lambda q, k, v, mask, scale: torch.empty_like(q, memory_format=torch.contiguous_format))


def load(path: str) -> Any:
    """Build (first time) and load one kernel path; returns its ``torch.ops`` namespace.

    Raises:
        RuntimeError: the CPU lacks the path's instructions, or the build failed (says why).
    """
    if path not in PATHS:
        raise ValueError(f"unknown kernel path {path!r}; choose one of {', '.join(PATHS)}")
    with _lock:
        if path in _loaded:
            return _loaded[path]
        missing = missing_features(path)
        if missing:
            raise RuntimeError(f"CPU lacks {', '.join(missing)} (needed by the {path} kernels)")
        if path in _failed:
            raise RuntimeError(_failed[path])
        namespace = f"tunesmith_{path}"
        try:
            from torch.utils.cpp_extension import load as build

            target = _build_dir(path)
            target.mkdir(parents=True, exist_ok=True)
            flags = ["-O3", "-fopenmp", f"-DTUNESMITH_NS={namespace}", *PATHS[path][1]]
            with _builder_lock(target):
                build(name=f"tunesmith_kernels_{path}", sources=[str(SOURCE)], extra_cflags=flags,
                      extra_ldflags=["-fopenmp"], build_directory=str(target), is_python_module=False, verbose=False)
            _register_fakes(namespace)
        except Exception as err:  # noqa: BLE001 - any build failure means: this path is not usable
            text = str(err).strip()
            _failed[path] = f"{path} kernels failed to build: {text.splitlines()[-1] if text else repr(err)}"
            raise RuntimeError(_failed[path]) from err
        _loaded[path] = getattr(torch.ops, namespace)
        return _loaded[path]


def _choose() -> tuple[str | None, str | None]:
    """(the path to use or None, why none is used)."""
    wanted = os.environ.get("TUNESMITH_KERNELS", "auto").strip().lower() or "auto"
    if wanted in _OFF:
        return None, f"disabled by TUNESMITH_KERNELS={os.environ['TUNESMITH_KERNELS']}"
    names = list(PATHS)
    if wanted not in ("1", "auto", "true", "yes", "on") and wanted not in names:
        why = f"TUNESMITH_KERNELS={wanted!r} is not one of auto, 0, {', '.join(names)}"
        log.warning("tunesmith kernels unavailable: %s", why)
        return None, why
    candidates = names if wanted not in names else names[names.index(wanted):]  # a path caps the choice
    reasons = []
    for path in candidates:
        try:
            load(path)
        except RuntimeError as err:
            reasons.append(str(err))
            continue
        return path, None
    why = "; ".join(reasons) if reasons else "no kernel path for this CPU"
    if platform.machine().lower() in ("x86_64", "amd64"):
        log.warning("tunesmith kernels unavailable (%s); using torch's packed kernels", why)
    return None, why


def _ensure() -> None:
    # Once chosen, no lock: torch.compile cannot trace one (it broke the graph in every packed
    # layer). The choice is published in one step, after the build, so a thread that skips the
    # lock never sees it half made.
    if "path" in _state:
        return
    with _lock:
        if "path" not in _state:
            path, why = _choose()
            _state.update(why=why, path=path)  # "path" last: it is what the check above reads


def available() -> bool:
    """True when one of our kernel paths is loaded (choosing and building it on the first call)."""
    _ensure()
    return _state["path"] is not None


def active() -> str | None:
    """The kernel path in use (``avx512``, ``avxvnni``, ``avx2``) or None (torch's kernels)."""
    _ensure()
    return _state["path"]


def ops() -> Any:
    """The active path's ops (``torch.ops.tunesmith_<path>``); only valid when :func:`available`."""
    _ensure()
    if _state["path"] is None:
        raise RuntimeError(f"tunesmith kernels are not available: {_state['why']}")
    return _loaded[_state["path"]]


def why_unavailable() -> str | None:
    """Why our kernels are not used (None when they are)."""
    _ensure()
    return _state["why"]


def describe() -> str:
    """One line for /info, ``tunesmith models`` and the benchmarks: which kernels run here."""
    path = active()
    return f"tunesmith-{path}" if path else f"torch ({why_unavailable()})"


def reset() -> None:
    """Forget the chosen path (tests; after changing ``TUNESMITH_KERNELS``). Loaded builds stay loaded."""
    with _lock:
        _state.clear()
