import pytest
from fastapi.testclient import TestClient

from tunesmith.serve.app import State, create_app
from tunesmith.engine import Engine
from tunesmith.engine.pool import ModelPool, ModelSpec, parse_models
from tunesmith.serve.settings import Settings


def make_state(settings, tiny_generator):
    """The server's State over the tiny model; every served name is an engine over it."""
    from tunesmith.humanize import Humanizer

    state = State(settings)
    specs = [ModelSpec(settings.model, settings.model), *parse_models(settings.models)]
    state.pool = ModelPool(specs, lambda spec: Engine(tiny_generator, max_rows=settings.max_batch,
                                                      queue_size=settings.queue_size, timeout=settings.request_timeout),
                           settings.model_memory_mb)
    state.humanizer = Humanizer(adapter=None, generator=Engine(tiny_generator, max_rows=settings.max_batch))
    return state


@pytest.fixture()
def make_client(tiny_generator, tmp_path):
    clients = []

    def factory(**kw):
        kw.setdefault("jobs_dir", str(tmp_path / "jobs"))  # never the user's own job store
        settings = Settings(_env_file=None, model="tiny-random", preload=False, ui=kw.pop("ui", False), workers=0,
                            **kw)
        app = create_app(settings, make_state(settings, tiny_generator))
        client = TestClient(app)
        clients.append(client)
        return client

    yield factory
    for c in clients:
        c.close()
        c.app.state.tunesmith.close()


@pytest.fixture()
def client(make_client):
    return make_client()
