"""``tunesmith worker``: claims queued jobs from the store and runs each in its own process group.

Any number of workers, on one machine or many, can share a store: claiming is atomic. A
worker heartbeats the job it runs; a job whose worker stopped heartbeating (``kill -9``, a
lost machine) is requeued by the next worker that looks and resumes from its newest sealed
checkpoint. The training process dies with its worker (Linux ``PR_SET_PDEATHSIG``), so a
killed worker never leaves an orphan writing into a run dir someone else resumes.
"""

from __future__ import annotations

import ctypes
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from .store import JobStore, worker_name

log = logging.getLogger("tunesmith.worker")

MAX_ATTEMPTS = 3  # a job that kills its worker this often fails instead of looping forever


def _die_with_parent() -> None:  # runs in the child between fork and exec
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass  # not Linux: the heartbeat timeout still requeues the job


def spawn(args: list[str], log_file: Path | None = None, env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start a child in its own process group that is killed when this process dies."""
    out = open(log_file, "ab") if log_file else subprocess.DEVNULL  # noqa: SIM115 (closed by the child's exit)
    try:
        return subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                                preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
                                env=env)
    finally:
        if log_file:
            out.close()


def stop_group(proc: subprocess.Popen, grace: float = 10.0) -> None:
    """SIGTERM the child's process group, SIGKILL it after ``grace`` seconds."""
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


class Worker:
    """Runs queued jobs one at a time.

    Args:
        store: The job store (its URL is passed to the training processes).
        poll: Seconds between looks at an empty queue.
        heartbeat: Seconds between heartbeats (and cancel/pause checks) while a job runs.
        stale_after: A running job without a heartbeat this long is requeued.
    """

    def __init__(self, store: JobStore, poll: float = 1.0, heartbeat: float = 2.0, stale_after: float = 30.0,
                 name: str | None = None):
        # several heartbeats fit in the stale window, so a busy-but-alive worker is never requeued
        self.store, self.poll, self.beat, self.stale_after = store, poll, min(heartbeat, stale_after / 4), stale_after
        self.name = name or worker_name()
        self.stopping = threading.Event()

    def run(self, max_jobs: int | None = None) -> int:
        """Work until stopped (or ``max_jobs`` jobs are done). Returns the number of jobs run."""
        done = 0
        log.info("worker %s watching %s", self.name, self.store.url.split("@")[-1])
        while not self.stopping.is_set() and (max_jobs is None or done < max_jobs):
            self.requeue_stale()
            job = self.store.claim(self.name)
            if job is None:
                self.stopping.wait(self.poll)
                continue
            self.run_job(job)
            done += 1
        return done

    def requeue_stale(self) -> None:
        for job_id in self.store.requeue_stale(self.stale_after):
            job = self.store.job(job_id)
            if job["attempts"] >= MAX_ATTEMPTS:
                self.store.update_job(job_id, only_if=("queued",), status="failed", finished_at=time.time(),
                                      error={"code": "worker_lost", "param": None, "message":
                                             f"the job's worker stopped {job['attempts']} times; giving up"})

    def run_job(self, job: dict) -> None:
        from ..train import latest_complete_checkpoint

        job_id = job["id"]
        run_dir = Path(job["run_dir"])
        run_dir.parent.mkdir(parents=True, exist_ok=True)
        if run_dir.exists() and latest_complete_checkpoint(run_dir / "checkpoints") is None:
            shutil.rmtree(run_dir)  # an earlier attempt died before its first checkpoint: nothing to keep
        self.store.add_event(job_id, f"Job started on worker {self.name}")
        runner = ["-m", "tunesmith.jobs.runner", "--db", self.store.url, job_id]
        env = {**os.environ, "TQDM_MININTERVAL": "5"}
        processes = int((job["hyperparameters"] or {}).get("num_processes") or 1)
        if processes > 1:
            # The job's own training spans processes (DDP: gloo on CPU, NCCL on GPUs) under torchrun;
            # `accelerate launch --cpu` would start a single process, its multi-CPU mode needs MPI.
            runner = ["-m", "torch.distributed.run", "--standalone", "--nproc_per_node", str(processes), *runner]
            env.setdefault("OMP_NUM_THREADS", str(max(1, (os.cpu_count() or 1) // processes)))
        proc = spawn([sys.executable, *runner], log_file=run_dir.parent / "train.log", env=env)
        requested = None
        while proc.poll() is None:
            try:
                proc.wait(self.beat)
                break
            except subprocess.TimeoutExpired:
                pass
            requested = self.store.heartbeat(job_id, self.name)
            if requested in ("cancel", "lost") or self.stopping.is_set():
                stop_group(proc)
                break
        code = proc.wait()
        if requested == "cancel":
            self.store.update_job(job_id, only_if=("running",), status="cancelled", finished_at=time.time(),
                                  requested=None, worker=None)
            self.store.add_event(job_id, "Job cancelled; training process stopped")
        elif requested == "lost":
            log.warning("job %s was requeued while this worker ran it; stopped our copy", job_id)
        elif self.stopping.is_set():
            self.store.update_job(job_id, only_if=("running",), status="queued", worker=None)
            self.store.add_event(job_id, "Worker shut down; job requeued to resume from its newest checkpoint")
        elif self.store.job(job_id)["status"] == "running":  # the process died without a verdict
            how = f"was killed by signal {-code}" if code < 0 else f"exited with code {code}"
            self.store.update_job(job_id, only_if=("running",), status="failed", finished_at=time.time(),
                                  error={"code": "training_crashed", "param": None, "message":
                                         f"the training process {how} (see {run_dir.parent / 'train.log'})"})
            self.store.add_event(job_id, f"Training process {how}", level="error")


def start_local_worker(db_url: str, stale_after: float = 30.0) -> subprocess.Popen:
    """A ``tunesmith worker`` child that lives and dies with this process (``make serve`` uses it)."""
    return spawn([sys.executable, "-m", "tunesmith.cli", "worker", "--db", db_url, "--stale-after", str(stale_after)])
