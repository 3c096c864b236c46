"""Every write to nominations: each service checks its named rule, validates, writes in one
transaction, appends an audit event and queues its notifications."""

from .nominations import answer_nomination, nominate, second_nomination, withdraw_nomination
from .results import publish_results
from .rounds import create_body, create_round, open_round, update_round
from .voting import cast_vote
from .windows import tell_windows_opened

__all__ = [
    "answer_nomination",
    "cast_vote",
    "create_body",
    "create_round",
    "nominate",
    "open_round",
    "publish_results",
    "second_nomination",
    "tell_windows_opened",
    "update_round",
    "withdraw_nomination",
]
