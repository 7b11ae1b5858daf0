import pytest

from .helpers import write_jsonl


@pytest.fixture
def service(tmp_path):
    from tunesmith.jobs import JobService, JobStore

    svc = JobService(JobStore(f"sqlite:///{tmp_path / 'jobs.db'}"), home=tmp_path / "home")
    yield svc
    svc.store.close()


@pytest.fixture
def data_file(service, tmp_path):
    path = write_jsonl(tmp_path / "data.jsonl")
    with path.open("rb") as fh:
        return service.upload("data.jsonl", fh)


@pytest.fixture(scope="session")
def postgres_url():
    """A throwaway PostgreSQL server (Debian's package; `make test` installs it where it can)."""
    import os
    import pwd
    import shutil
    import socket
    import subprocess
    import tempfile
    import time

    from .helpers import find_postgres_bin

    bindir = find_postgres_bin()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed here (`apt-get install postgresql`; `make test` does it as root)")
    as_user: list[str] = []
    base = tempfile.mkdtemp(prefix="tunesmith-pg-")
    if os.geteuid() == 0:  # postgres refuses to run as root: run it as the package's own user
        try:
            pg = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' user to run PostgreSQL as")
        os.chown(base, pg.pw_uid, pg.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    data = os.path.join(base, "data")
    subprocess.run(as_user + [f"{bindir}/initdb", "-D", data, "-U", "tunesmith", "--auth=trust", "-E", "UTF8"],
                   check=True, capture_output=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(as_user + [f"{bindir}/postgres", "-D", data, "-p", str(port), "-k", base,
                                       "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"postgresql+psycopg://tunesmith@127.0.0.1:{port}/postgres"
    import psycopg

    for _ in range(100):
        try:
            psycopg.connect(f"postgresql://tunesmith@127.0.0.1:{port}/postgres").close()
            break
        except psycopg.OperationalError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("PostgreSQL did not start")
    yield url
    proc.terminate()
    proc.wait(30)
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def pg_service(postgres_url, tmp_path):
    """A JobService on a fresh PostgreSQL database."""
    import uuid

    import psycopg

    from tunesmith.jobs import JobService, JobStore

    name = f"t{uuid.uuid4().hex[:10]}"
    admin = postgres_url.replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    svc = JobService(JobStore(postgres_url.rsplit("/", 1)[0] + f"/{name}"), home=tmp_path / "home")
    yield svc
    svc.store.close()
