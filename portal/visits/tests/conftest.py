import pytest

from portal.visits.buffer import get_buffer, reset_buffer


@pytest.fixture(autouse=True)
def empty_visit_buffer():
    """Every test starts and ends with an empty buffer (Redis keys or this process's memory)."""
    reset_buffer()
    get_buffer().reset()
    yield
    get_buffer().reset()
    reset_buffer()
