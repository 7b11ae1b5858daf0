"""``tunesmith worker``: claims queued jobs from the store and runs each in its own process group.

Any number of workers, on one machine or many, can share a store: claiming is atomic. A
worker heartbeats the job it runs; a job whose worker stopped heartbeating (``kill -9``, a
lost machine) is requeued by the next worker that looks and resumes from its newest sealed
checkpoint. The training process dies with its worker (Linux ``PR_SET_PDEATHSIG``), so a
killed worker never leaves an orphan writing into a run dir someone else resumes.

A job with ``tunesmith.launch.num_machines: N`` trains on N machines at once (torchrun, DDP):
the worker that claims it becomes machine 0, publishes a rendezvous address in the store and
waits for N-1 idle workers to join (they look for such jobs before claiming new ones). The
machines need the jobs directory on a shared filesystem, as any multi-node Trainer run does.
"""

from __future__ import annotations

import ctypes
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from .runner import MAX_ATTEMPTS, end_attempt_early
from .store import JobStore, worker_name

log = logging.getLogger("tunesmith.worker")


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

        address: How other machines reach this one for multi-machine jobs (default
            ``$TUNESMITH_WORKER_ADDRESS``, else this host's name resolved).
        gang_timeout: A multi-machine job fails when its other machines haven't joined in this
            many seconds.
    """

    def __init__(self, store: JobStore, poll: float = 1.0, heartbeat: float = 2.0, stale_after: float = 30.0,
                 name: str | None = None, address: str | None = None, gang_timeout: float = 600.0):
        # several heartbeats fit in the stale window, so a busy-but-alive worker is never requeued
        self.store, self.poll, self.beat, self.stale_after = store, poll, min(heartbeat, stale_after / 4), stale_after
        self.name = name or worker_name()
        # A SQLite store lives on one machine, so its gangs do too; otherwise the address other
        # machines reach us at.
        self.address = (address or os.environ.get("TUNESMITH_WORKER_ADDRESS")
                        or ("127.0.0.1" if store.is_sqlite else _host_address()))
        self.gang_timeout = gang_timeout
        self.stopping = threading.Event()
        self.cannot_join: set[str] = set()  # multi-machine jobs whose files this machine can't see

    def run(self, max_jobs: int | None = None) -> int:
        """Work until stopped (or ``max_jobs`` jobs are done). Returns the number of jobs run."""
        done = 0
        log.info("worker %s watching %s", self.name, self.store.url.split("@")[-1])
        while not self.stopping.is_set() and (max_jobs is None or done < max_jobs):
            self.requeue_stale()
            if self.join_gang():  # a claimed multi-machine job holds workers waiting: help it first
                done += 1
                continue
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
                                             f"the job's worker stopped {job['attempts']} times; giving up"},
                                      events=[dict(message=f"Job failed: its worker stopped {job['attempts']} "
                                                           "times; giving up", level="error")])

    def run_job(self, job: dict) -> None:
        from ..train import latest_complete_checkpoint

        job_id = job["id"]
        run_dir = Path(job["run_dir"])
        run_dir.parent.mkdir(parents=True, exist_ok=True)
        if run_dir.exists() and latest_complete_checkpoint(run_dir / "checkpoints") is None:
            shutil.rmtree(run_dir)  # an earlier attempt died before its first checkpoint: nothing to keep
        self.store.add_event(job_id, f"Job started on worker {self.name}")
        machines = int((job["hyperparameters"] or {}).get("num_machines") or 1)
        rendezvous = None
        if machines > 1:
            rendezvous = self.gather_machines(job, machines)
            if rendezvous is None:
                return
        proc = spawn(self.command(job, 0, rendezvous), log_file=run_dir.parent / "train.log", env=self.env(job))
        requested, ended, lost_machine = None, None, None

        def should_stop() -> bool:
            nonlocal requested, ended, lost_machine
            requested = self.store.heartbeat(job_id, self.name)
            if requested in ("cancel", "lost"):
                return True
            if self.store.job(job_id)["status"] != "running":  # the runner gave its verdict
                ended = ended or time.monotonic()
                return time.monotonic() - ended > 60  # e.g. torchrun waiting for a machine that died
            if machines > 1:  # a machine that went silent (power, network) would hang the collectives
                lost_machine = next((m for m in self.silent_members(job_id, job["attempts"])), None)
                return lost_machine is not None
            return False

        self.supervise(proc, should_stop)
        code = proc.wait()
        if lost_machine is not None and requested != "cancel":
            lost = f"machine {lost_machine['machine_rank']} ({lost_machine['worker']}) stopped responding"
            end_attempt_early(self.store, job, lost)
        elif requested == "cancel":
            self.store.update_job(job_id, only_if=("running",), status="cancelled", finished_at=time.time(),
                                  requested=None, worker=None,
                                  events=[dict(message="Job cancelled; training process stopped")])
        elif requested == "lost":
            log.warning("job %s was requeued while this worker ran it; stopped our copy", job_id)
        elif self.stopping.is_set():
            self.store.update_job(job_id, only_if=("running",), status="queued", worker=None, events=[
                dict(message="Worker shut down; job requeued to resume from its newest checkpoint")])
        elif self.store.job(job_id)["status"] == "running":  # the process died without a verdict
            how = f"was killed by signal {-code}" if code < 0 else f"exited with code {code}"
            if machines > 1:  # most likely another machine dropped out
                end_attempt_early(self.store, job, f"training across machines {how}", code="training_crashed")
                return
            self.store.update_job(job_id, only_if=("running",), status="failed", finished_at=time.time(),
                                  error={"code": "training_crashed", "param": None, "message":
                                         f"the training process {how} (see {run_dir.parent / 'train.log'})"},
                                  events=[dict(message=f"Training process {how}", level="error")])

    def silent_members(self, job_id: str, attempt: int) -> list[dict]:
        """Other machines of the attempt whose workers stopped heartbeating."""
        limit = time.time() - self.stale_after
        return [m for m in self.store.members(job_id, attempt)[1:] if m["heartbeat_at"] < limit]

    def supervise(self, proc: subprocess.Popen, should_stop) -> bool:
        """Wait for ``proc``, asking ``should_stop()`` every heartbeat; stop its process group when
        it (or the worker's own shutdown) says so. Returns whether we stopped it."""
        while proc.poll() is None:
            try:
                proc.wait(self.beat)
                return False
            except subprocess.TimeoutExpired:
                pass
            if should_stop() or self.stopping.is_set():
                stop_group(proc)
                return True
        return False

    def command(self, job: dict, machine_rank: int, rendezvous: str | None) -> list[str]:
        """The job's training command: the runner, under torchrun when it spans processes or machines."""
        runner = ["-m", "tunesmith.jobs.runner", "--db", self.store.url, job["id"]]
        hp = job["hyperparameters"] or {}
        processes, machines = int(hp.get("num_processes") or 1), int(hp.get("num_machines") or 1)
        if machines > 1:
            host, port = rendezvous.rsplit(":", 1)
            runner = ["-m", "torch.distributed.run", "--nnodes", str(machines), "--node_rank", str(machine_rank),
                      "--nproc_per_node", str(processes), "--master_addr", host, "--master_port", port, *runner]
        elif processes > 1:
            # The job's own training spans processes (DDP: gloo on CPU, NCCL on GPUs) under torchrun;
            # `accelerate launch --cpu` would start a single process, its multi-CPU mode needs MPI.
            runner = ["-m", "torch.distributed.run", "--standalone", "--nproc_per_node", str(processes), *runner]
        return [sys.executable, *runner]

    @staticmethod
    def env(job: dict) -> dict[str, str]:
        env = {**os.environ, "TQDM_MININTERVAL": "5"}
        processes = int((job["hyperparameters"] or {}).get("num_processes") or 1)
        if processes > 1:
            env.setdefault("OMP_NUM_THREADS", str(max(1, (os.cpu_count() or 1) // processes)))
        return env

    def gather_machines(self, job: dict, machines: int) -> str | None:
        """As machine 0: publish a rendezvous address and wait for the other machines' workers.
        Returns the address, or None when this attempt won't train (cancelled, yielded to an
        older job that is also gathering, or no machines came in time)."""
        job_id, attempt = job["id"], job["attempts"]
        port, reserved = _reserve_port()  # held until torchrun is about to bind it
        address = f"{self.address}:{port}"
        try:
            if self.address.startswith("127.") and not self.store.is_sqlite:
                self.store.add_event(job_id, f"This worker's rendezvous address {self.address} is loopback: workers "
                                     "on other machines can't reach it (start it with --address HOST or "
                                     "TUNESMITH_WORKER_ADDRESS)", level="warn")
            self.store.add_member(job_id, attempt, 0, self.name, address)
            self.store.add_event(job_id, f"Waiting for {machines - 1} more machine(s) to join (a `tunesmith worker` "
                                         f"on each, same --db); rendezvous at {address}")
            deadline = time.time() + self.gang_timeout
            while not self.stopping.is_set():
                for m in self.silent_members(job_id, attempt):  # joined, then its worker died: free the rank
                    self.store.remove_member(job_id, attempt, m["machine_rank"])
                    self.store.add_event(job_id, f"Machine {m['machine_rank']} ({m['worker']}) went silent before "
                                                 "training started; waiting for another", level="warn")
                members = self.store.members(job_id, attempt)
                if len(members) == machines:
                    self.store.add_event(job_id, f"Training on {machines} machines: "
                                         + ", ".join(m["worker"] for m in members))
                    return address
                if len(members) == 1 and any(g["id"] != job_id and g["created_at"] < job["created_at"]
                                             for g in self.store.gangs_forming()):
                    # Two gathering jobs could each hold a worker and starve the other: the newer yields.
                    self.store.remove_member(job_id, attempt, 0)
                    self.store.update_job(job_id, only_if=("running",), status="queued", worker=None,
                                          attempts=attempt - 1, events=[dict(
                                              message="An older multi-machine job is gathering machines too; this "
                                                      "one went back to the queue and its worker joins that one")])
                    return None
                requested = self.store.heartbeat(job_id, self.name)
                if requested in ("cancel", "lost"):
                    if requested == "cancel":
                        self.store.update_job(job_id, only_if=("running",), status="cancelled",
                                              finished_at=time.time(), requested=None, worker=None,
                                              events=[dict(message="Job cancelled while waiting for machines")])
                    return None
                if time.time() > deadline:
                    message = (f"the job needs {machines} machines but only {len(members)} joined within "
                               f"{self.gang_timeout:.0f} s; start `tunesmith worker --db URL` on more machines "
                               "(sharing the jobs directory), or set tunesmith.launch.num_machines lower")
                    self.store.update_job(job_id, only_if=("running",), status="failed", finished_at=time.time(),
                                          worker=None, error={"code": "machines_unavailable", "message": message,
                                                              "param": "tunesmith.launch.num_machines"},
                                          events=[dict(message=f"Job failed: {message}", level="error")])
                    return None
                self.stopping.wait(min(self.beat, 1.0))
            self.store.update_job(job_id, only_if=("running",), status="queued", worker=None)
            return None
        finally:
            reserved.close()

    def join_gang(self) -> bool:
        """Join a multi-machine job that is waiting for machines, train our share, return True;
        False when no job needs this worker."""
        for job in self.store.gangs_forming():
            if job["id"] in self.cannot_join:
                continue
            shared = Path(job["run_dir"]).parent
            if not shared.is_dir():  # machine 0 created it: we don't share its filesystem
                self.cannot_join.add(job["id"])
                self.store.add_event(job["id"], f"Worker {self.name} can't see the job directory {shared}, so it "
                                     "can't join; multi-machine jobs need the jobs directory on a shared filesystem",
                                     level="warn")
                continue
            attempt = job["attempts"]
            rank = next((r for r in job["free_ranks"] if self.store.add_member(job["id"], attempt, r, self.name)), None)
            if rank is None:
                continue
            address = self.store.members(job["id"], attempt)[0]["address"]
            self.run_member(job, attempt, rank, address)
            return True
        return False

    def run_member(self, job: dict, attempt: int, rank: int, address: str) -> None:
        """Machine ``rank`` of a multi-machine job: train until the attempt ends. Machine 0's runner
        owns the job's status; a member only reports its own failure."""
        job_id = job["id"]
        self.store.add_event(job_id, f"Machine {rank} joined: worker {self.name}")
        log_file = Path(job["run_dir"]).parent / f"train-machine{rank}.log"
        proc = spawn(self.command(job, rank, address), log_file=log_file, env=self.env(job))
        done_at = None

        def should_stop() -> bool:
            nonlocal done_at
            state = self.store.member_heartbeat(job_id, attempt, rank, self.name)
            if state == "done":  # let torchrun's agents finish together; but never wait forever
                done_at = done_at or time.monotonic()
                return time.monotonic() - done_at > 60
            return state == "stop"

        stopped = self.supervise(proc, should_stop)
        if stopped and self.stopping.is_set():  # this worker shuts down: the attempt can't go on without it
            now = self.store.job(job_id)
            if now["status"] == "running" and now["attempts"] == attempt:
                end_attempt_early(self.store, now, f"machine {rank} ({self.name}) shut down")
        code = proc.wait()
        if code != 0 and not stopped:
            how = f"was killed by signal {-code}" if code < 0 else f"exited with code {code}"
            self.store.add_event(job_id, f"Machine {rank} ({self.name}): training process {how} (see {log_file})",
                                 level="warn")


def _host_address() -> str:
    """This machine's address on its default route (a UDP connect sends nothing), else its
    resolved host name ("127.0.1.1" on stock Debian: the caller warns about loopback)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.connect(("192.0.2.1", 9))  # TEST-NET-1: only picks the outgoing interface
            found = sock.getsockname()[0]
        if not found.startswith("127.") and found != "0.0.0.0":
            return found
    except OSError:
        pass
    try:
        return socket.gethostbyname(socket.gethostname())
    except OSError:
        return "127.0.0.1"


def _reserve_port() -> tuple[int, socket.socket]:
    """A free port, kept bound (so nothing else takes it) until the caller closes the socket."""
    sock = socket.socket()
    sock.bind(("", 0))
    return sock.getsockname()[1], sock


def start_local_worker(db_url: str, stale_after: float = 30.0) -> subprocess.Popen:
    """A ``tunesmith worker`` child that lives and dies with this process (``make serve`` uses it)."""
    return spawn([sys.executable, "-m", "tunesmith.cli", "worker", "--db", db_url, "--stale-after", str(stale_after)])
