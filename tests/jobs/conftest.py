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
