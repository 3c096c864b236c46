import pytest

from .factories import make_round, network_of


@pytest.fixture
def net(db, secretariat):
    return network_of(3, secretariat)


@pytest.fixture
def open_round(net, secretariat):
    return make_round(secretariat, net.body)
