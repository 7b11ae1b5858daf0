"""The job store: uploaded files, fine-tuning jobs, their events and checkpoints, in SQL.

SQLAlchemy over SQLite by default (one file in ``$TUNESMITH_HOME``, WAL so the server reads
while a worker writes), or PostgreSQL for workers on many machines: the same code, a
different URL. Workers claim queued jobs with ``SELECT ... FOR UPDATE SKIP LOCKED`` followed
by a conditional ``UPDATE ... WHERE status = 'queued'`` (PostgreSQL skips rows another worker
holds; SQLite serialises writers, and the condition makes a lost race claim nothing).
"""

from __future__ import annotations

import secrets
import socket
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import (JSON, BigInteger, Float, ForeignKey, Integer, String, Text, create_engine, delete, event,
                        select, update)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker

from ..errors import ConfigError, TunesmithError

# OpenAI's statuses, plus "paused" (its pause/resume endpoints).
ACTIVE = ("validating_files", "queued", "running", "paused")
FINAL = ("succeeded", "failed", "cancelled")


def new_id(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(12)}"


class JobNotFound(TunesmithError):
    status_code = 404


class Base(DeclarativeBase):
    pass


class FileRow(Base):
    __tablename__ = "files"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    filename: Mapped[str] = mapped_column(String(512))
    purpose: Mapped[str] = mapped_column(String(64))
    bytes: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[int] = mapped_column(Integer, index=True)
    path: Mapped[str] = mapped_column(Text)
    format: Mapped[str | None] = mapped_column(String(32))
    records: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="processed")
    status_details: Mapped[str | None] = mapped_column(Text)


class JobRow(Base):
    __tablename__ = "jobs"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[float] = mapped_column(Float, index=True)
    model: Mapped[str] = mapped_column(Text)
    training_file: Mapped[str] = mapped_column(String(64))
    validation_file: Mapped[str | None] = mapped_column(String(64))
    suffix: Mapped[str | None] = mapped_column(String(64))
    seed: Mapped[int] = mapped_column(BigInteger)
    meta: Mapped[dict | None] = mapped_column(JSON)
    hyperparameters: Mapped[dict] = mapped_column(JSON)
    config: Mapped[dict] = mapped_column(JSON)  # the resolved RunConfig (minus output/data paths)
    status: Mapped[str] = mapped_column(String(32), index=True)
    requested: Mapped[str | None] = mapped_column(String(16))  # "cancel" | "pause", read by the worker
    fine_tuned_model: Mapped[str | None] = mapped_column(Text)
    run_dir: Mapped[str] = mapped_column(Text)
    error: Mapped[dict | None] = mapped_column(JSON)
    started_at: Mapped[float | None] = mapped_column(Float)
    finished_at: Mapped[float | None] = mapped_column(Float)
    worker: Mapped[str | None] = mapped_column(String(128))
    heartbeat_at: Mapped[float | None] = mapped_column(Float)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    step: Mapped[int] = mapped_column(Integer, default=0)
    total_steps: Mapped[int | None] = mapped_column(Integer)
    trained_tokens: Mapped[int | None] = mapped_column(BigInteger)
    estimated_finish: Mapped[float | None] = mapped_column(Float)


class EventRow(Base):
    __tablename__ = "events"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(64), unique=True)
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[float] = mapped_column(Float)
    level: Mapped[str] = mapped_column(String(8), default="info")
    type: Mapped[str] = mapped_column(String(16), default="message")  # "message" | "metrics"
    message: Mapped[str] = mapped_column(Text)
    data: Mapped[dict | None] = mapped_column(JSON)
    step: Mapped[int | None] = mapped_column(Integer)


class CheckpointRow(Base):
    __tablename__ = "checkpoints"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    step: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[float] = mapped_column(Float)
    path: Mapped[str] = mapped_column(Text)
    metrics: Mapped[dict] = mapped_column(JSON)


class MemberRow(Base):
    """A machine taking part in one attempt of a multi-machine job. Rank 0 is the worker that
    claimed the job and publishes the rendezvous address; the primary key makes each rank one
    worker's (a second insert of the same rank fails, so two workers never take the same rank)."""
    __tablename__ = "job_members"
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True)
    attempt: Mapped[int] = mapped_column(Integer, primary_key=True)
    machine_rank: Mapped[int] = mapped_column(Integer, primary_key=True)
    worker: Mapped[str] = mapped_column(String(128))
    address: Mapped[str | None] = mapped_column(String(256))  # rank 0: host:port of the rendezvous
    heartbeat_at: Mapped[float] = mapped_column(Float)


def default_url() -> str:
    from ..models import tunesmith_home

    home = tunesmith_home()
    home.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{home / 'jobs.db'}"


def _event_row(job_id: str, message: str, level: str = "info", type: str = "message",
               data: dict[str, Any] | None = None, step: int | None = None) -> EventRow:
    return EventRow(id=new_id("ftevent"), job_id=job_id, created_at=time.time(), level=level, type=type,
                    message=message, data=data, step=step)


def row_dict(row: Base) -> dict[str, Any]:
    return {c.key: getattr(row, c.key) for c in row.__mapper__.column_attrs}


class JobStore:
    """All reads and writes of jobs state. Safe to share between threads (one session per call).

    Args:
        url: SQLAlchemy URL (``sqlite:///path.db`` or ``postgresql+psycopg://user@host/db``);
            default ``$TUNESMITH_HOME/jobs.db``.
    """

    def __init__(self, url: str | None = None):
        self.url = url or default_url()
        if self.url.startswith("postgresql://"):
            self.url = "postgresql+psycopg://" + self.url[len("postgresql://"):]
        self.is_sqlite = self.url.startswith("sqlite")
        if self.is_sqlite:
            path = self.url.split("///", 1)[-1]
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.engine = create_engine(self.url, connect_args={"timeout": 30} if self.is_sqlite else {},
                                        pool_pre_ping=not self.is_sqlite)
        except Exception as err:  # a bad URL or a missing driver
            raise ConfigError(f"job store URL {self.url!r}: {err}", field="db") from None
        if self.is_sqlite:
            @event.listens_for(self.engine, "connect")
            def _pragmas(conn, _record):
                cur = conn.cursor()
                cur.execute("PRAGMA journal_mode=WAL")  # readers don't block the writer
                cur.execute("PRAGMA busy_timeout=30000")
                cur.execute("PRAGMA foreign_keys=ON")
                cur.close()
        try:
            Base.metadata.create_all(self.engine)
        except Exception as err:
            raise ConfigError(f"cannot open the job store at {self.url}: {err}", field="db") from None
        self.session = sessionmaker(self.engine, expire_on_commit=False)

    def close(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------------ files
    def add_file(self, **fields: Any) -> dict[str, Any]:
        fields.setdefault("id", new_id("file"))
        row = FileRow(created_at=int(time.time()), **fields)
        with self.session.begin() as s:
            s.add(row)
        return row_dict(row)

    def file(self, file_id: str) -> dict[str, Any]:
        with self.session() as s:
            row = s.get(FileRow, file_id)
            if row is None:
                raise JobNotFound(f"no file with id '{file_id}' (see GET /v1/files)", field="file_id")
            return row_dict(row)

    def files(self, purpose: str | None = None, after: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        with self.session() as s:
            q = select(FileRow).order_by(FileRow.created_at.desc(), FileRow.id.desc())
            if purpose:
                q = q.where(FileRow.purpose == purpose)
            rows = [row_dict(r) for r in s.scalars(q)]
        return _page(rows, after, limit)

    def delete_file(self, file_id: str) -> dict[str, Any]:
        with self.session.begin() as s:
            row = s.get(FileRow, file_id)
            if row is None:
                raise JobNotFound(f"no file with id '{file_id}'", field="file_id")
            out = row_dict(row)
            s.delete(row)
        return out

    # ------------------------------------------------------------------ jobs
    def add_job(self, **fields: Any) -> dict[str, Any]:
        row = JobRow(created_at=time.time(), attempts=0, step=0, **fields)
        with self.session.begin() as s:
            s.add(row)
        return row_dict(row)

    def job(self, job_id: str) -> dict[str, Any]:
        with self.session() as s:
            row = s.get(JobRow, job_id)
            if row is None:
                raise JobNotFound(f"no fine-tuning job with id '{job_id}' (see GET /v1/fine_tuning/jobs)",
                                  field="fine_tuning_job_id")
            return row_dict(row)

    def jobs(self, after: str | None = None, limit: int = 20, status: Iterable[str] | None = None,
             metadata: dict[str, str] | None = None) -> tuple[list[dict[str, Any]], bool]:
        """Newest first; ``after`` is the id of the last job of the previous page."""
        with self.session() as s:
            q = select(JobRow).order_by(JobRow.created_at.desc(), JobRow.id.desc())
            if status:
                q = q.where(JobRow.status.in_(list(status)))
            rows = [row_dict(r) for r in s.scalars(q)]
        if metadata:
            rows = [r for r in rows if all((r["meta"] or {}).get(k) == v for k, v in metadata.items())]
        page = _page(rows, after, limit + 1)
        return page[:limit], len(page) > limit

    def find_model(self, name: str) -> dict[str, Any] | None:
        """The succeeded job whose ``fine_tuned_model`` is ``name``."""
        with self.session() as s:
            row = s.scalars(select(JobRow).where(JobRow.fine_tuned_model == name,
                                                 JobRow.status == "succeeded")).first()
            return row_dict(row) if row else None

    def update_job(self, job_id: str, only_if: Iterable[str] | None = None,
                   events: Iterable[dict[str, Any]] = (), **fields: Any) -> bool:
        """Set fields; with ``only_if``, only while the job is in one of those statuses. ``events``
        (``add_event`` keyword sets) are written in the same transaction, so a reader that sees the new
        status also sees them (and they are not written when the update does not apply)."""
        with self.session.begin() as s:
            q = update(JobRow).where(JobRow.id == job_id)
            if only_if is not None:
                q = q.where(JobRow.status.in_(list(only_if)))
            if s.execute(q.values(**fields)).rowcount != 1:
                return False
            for fields_of_event in events:
                s.add(_event_row(job_id, **fields_of_event))
            return True

    def claim(self, worker: str) -> dict[str, Any] | None:
        """Take the oldest queued job for ``worker`` (atomically: never two workers the same job)."""
        while True:
            with self.session.begin() as s:
                pick = (select(JobRow.id).where(JobRow.status == "queued").order_by(JobRow.created_at)
                        .limit(1).with_for_update(skip_locked=True))
                job_id = s.scalars(pick).first()
                if job_id is None:
                    return None
                now = time.time()
                won = s.execute(update(JobRow).where(JobRow.id == job_id, JobRow.status == "queued").values(
                    status="running", worker=worker, heartbeat_at=now, attempts=JobRow.attempts + 1,
                    started_at=now)).rowcount == 1
            if won:
                return self.job(job_id)

    def heartbeat(self, job_id: str, worker: str) -> str | None:
        """Mark ``worker`` alive on the job; returns what was requested ("cancel", "pause") or None.
        Returns "lost" when the job is no longer this worker's (requeued after a missed heartbeat)."""
        with self.session.begin() as s:
            n = s.execute(update(JobRow).where(JobRow.id == job_id, JobRow.worker == worker,
                                               JobRow.status == "running").values(heartbeat_at=time.time())).rowcount
            if n != 1:
                row = s.get(JobRow, job_id)
                mine = row is not None and row.worker in (worker, None)
                return None if mine and row.status != "queued" else "lost"  # finished/paused by its process
            return s.scalars(select(JobRow.requested).where(JobRow.id == job_id)).first()

    def requeue_stale(self, stale_after: float) -> list[str]:
        """Running jobs whose worker stopped heartbeating go back to the queue (they resume from
        their newest complete checkpoint)."""
        limit = time.time() - stale_after
        with self.session.begin() as s:
            ids = list(s.scalars(select(JobRow.id).where(JobRow.status == "running", JobRow.heartbeat_at < limit)
                                 .with_for_update(skip_locked=True)))
            requeued = []
            for job_id in ids:
                if s.execute(update(JobRow).where(JobRow.id == job_id, JobRow.status == "running")
                             .values(status="queued", worker=None)).rowcount == 1:
                    requeued.append(job_id)
                    s.add(_event_row(job_id, f"Worker stopped responding (no heartbeat for {stale_after:.0f} s); "
                                             "job requeued to resume from its newest checkpoint", level="warn"))
            # A job whose server stopped while it re-checked its files would stay "validating_files"
            # forever (workers take only queued jobs): after an hour (a live server's check of a
            # large file takes minutes) it fails, saying how to go on.
            stuck = list(s.scalars(select(JobRow.id).where(JobRow.status == "validating_files",
                                                           JobRow.created_at < time.time() - max(stale_after, 3600))
                                   .with_for_update(skip_locked=True)))
            error = {"code": "validation_interrupted", "param": None,
                     "message": "the server stopped while it validated this job's files; create the job again"}
            for job_id in stuck:
                if s.execute(update(JobRow).where(JobRow.id == job_id, JobRow.status == "validating_files")
                             .values(status="failed", error=error, finished_at=time.time())).rowcount == 1:
                    s.add(_event_row(job_id, "Validation failed: " + error["message"], level="error"))
        return requeued

    # ------------------------------------------------------------------ multi-machine jobs
    def add_member(self, job_id: str, attempt: int, rank: int, worker: str, address: str | None = None) -> bool:
        """Take machine rank ``rank`` of the job's attempt for ``worker``; False if it is taken."""
        try:
            with self.session.begin() as s:
                s.add(MemberRow(job_id=job_id, attempt=attempt, machine_rank=rank, worker=worker, address=address,
                                heartbeat_at=time.time()))
            return True
        except IntegrityError:
            return False

    def remove_member(self, job_id: str, attempt: int, rank: int) -> None:
        with self.session.begin() as s:
            s.execute(delete(MemberRow).where(MemberRow.job_id == job_id, MemberRow.attempt == attempt,
                                              MemberRow.machine_rank == rank))

    def members(self, job_id: str, attempt: int) -> list[dict[str, Any]]:
        with self.session() as s:
            q = select(MemberRow).where(MemberRow.job_id == job_id, MemberRow.attempt == attempt)
            return [row_dict(r) for r in s.scalars(q.order_by(MemberRow.machine_rank))]

    def gangs_forming(self) -> list[dict[str, Any]]:
        """Running multi-machine jobs whose current attempt still needs machines (rank 0 is waiting)."""
        with self.session() as s:
            jobs = [row_dict(r) for r in s.scalars(select(JobRow).where(JobRow.status == "running")
                                                   .order_by(JobRow.created_at))]
        out = []
        for job in jobs:
            need = int((job["hyperparameters"] or {}).get("num_machines") or 1)
            ranks = {m["machine_rank"] for m in self.members(job["id"], job["attempts"])} if need > 1 else set()
            if 0 in ranks and len(ranks) < need:
                out.append({**job, "free_ranks": sorted(set(range(need)) - ranks)})
        return out

    def member_heartbeat(self, job_id: str, attempt: int, rank: int, worker: str) -> str:
        """Mark a member alive. Returns "run" while its attempt runs, "done" once the job succeeded
        (the member should exit by itself: torchrun's agents wait for each other at the end), and
        "stop" when the attempt was cut short (cancelled, failed, paused, requeued)."""
        with self.session.begin() as s:
            s.execute(update(MemberRow).where(MemberRow.job_id == job_id, MemberRow.attempt == attempt,
                                              MemberRow.machine_rank == rank, MemberRow.worker == worker)
                      .values(heartbeat_at=time.time()))
            row = s.get(JobRow, job_id)
            if row is None or row.attempts != attempt or row.requested == "cancel":
                return "stop"
            return {"running": "run", "succeeded": "done"}.get(row.status, "stop")

    # ------------------------------------------------------------------ events and checkpoints
    def add_event(self, job_id: str, message: str, level: str = "info", type: str = "message",
                  data: dict[str, Any] | None = None, step: int | None = None) -> None:
        with self.session.begin() as s:
            s.add(_event_row(job_id, message, level, type, data, step))

    def events(self, job_id: str, after: str | None = None, limit: int = 20) -> tuple[list[dict[str, Any]], bool]:
        """Newest first (OpenAI's order); ``after`` is the id of the last event already seen."""
        self.job(job_id)
        with self.session() as s:
            q = select(EventRow).where(EventRow.job_id == job_id).order_by(EventRow.seq.desc())
            if after:
                seq = s.scalars(select(EventRow.seq).where(EventRow.id == after)).first()
                if seq is None:
                    raise JobNotFound(f"no event with id '{after}' in job {job_id}", field="after")
                q = q.where(EventRow.seq < seq)
            rows = [row_dict(r) for r in s.scalars(q.limit(limit + 1))]
        return rows[:limit], len(rows) > limit

    def metrics(self, job_id: str) -> list[dict[str, Any]]:
        """Every metrics event's data, oldest first (the page's loss chart)."""
        with self.session() as s:
            q = select(EventRow.data).where(EventRow.job_id == job_id, EventRow.type == "metrics").order_by(EventRow.seq)
            return [d for d in s.scalars(q) if d]

    def add_checkpoint(self, job_id: str, step: int, path: str, metrics: dict[str, Any]) -> None:
        with self.session.begin() as s:
            s.execute(delete(CheckpointRow).where(CheckpointRow.job_id == job_id, CheckpointRow.step == step))
            s.add(CheckpointRow(id=new_id("ftckpt"), job_id=job_id, step=step, created_at=time.time(), path=path,
                                metrics=metrics))

    def checkpoints(self, job_id: str, after: str | None = None, limit: int = 10) -> tuple[list[dict[str, Any]], bool]:
        """Newest first; only those still on disk (a run keeps its newest ``train.save_total_limit``)."""
        self.job(job_id)
        with self.session() as s:
            q = select(CheckpointRow).where(CheckpointRow.job_id == job_id).order_by(CheckpointRow.step.desc())
            rows = [row_dict(r) for r in s.scalars(q)]
        rows = [r for r in rows if Path(r["path"]).is_dir()]
        page = _page(rows, after, limit + 1)
        return page[:limit], len(page) > limit

    def forget_after(self, job_id: str, step: int) -> None:
        """A resumed job repeats the steps after its checkpoint: drop their metrics and checkpoints
        so nothing is counted twice."""
        with self.session.begin() as s:
            s.execute(delete(EventRow).where(EventRow.job_id == job_id, EventRow.type == "metrics",
                                             EventRow.step > step))
            s.execute(delete(CheckpointRow).where(CheckpointRow.job_id == job_id, CheckpointRow.step > step))


def _page(rows: list[dict[str, Any]], after: str | None, limit: int) -> list[dict[str, Any]]:
    if after:
        ids = [r["id"] for r in rows]
        if after not in ids:
            raise JobNotFound(f"cursor 'after={after}' names no item in this list", field="after")
        rows = rows[ids.index(after) + 1:]
    return rows[:limit]


def worker_name() -> str:
    import os

    return f"{socket.gethostname()}:{os.getpid()}"
