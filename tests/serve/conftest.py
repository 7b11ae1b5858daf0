import pytest
from fastapi.testclient import TestClient

from tunesmith.serve.app import State, create_app
from tunesmith.serve.batching import Batcher
from tunesmith.serve.settings import Settings


def make_state(settings, tiny_generator):
    from tunesmith.humanize import Humanizer

    state = State(settings)
    state.generator = tiny_generator
    state.batcher = Batcher(tiny_generator, settings.queue_size, settings.max_batch, settings.batch_wait_ms)
    state.humanizer = Humanizer(adapter=None, generator=tiny_generator)
    return state


@pytest.fixture()
def make_client(tiny_generator):
    clients = []

    def factory(**kw):
        settings = Settings(_env_file=None, model="tiny-random", preload=False, ui=kw.pop("ui", False), **kw)
        app = create_app(settings, make_state(settings, tiny_generator))
        client = TestClient(app)
        clients.append(client)
        return client

    yield factory
    for c in clients:
        c.close()


@pytest.fixture()
def client(make_client):
    return make_client()
