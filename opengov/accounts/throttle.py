"""Throttling of sign-in failures and password-reset requests, per account (the e-mail address as
typed, known or not) and per client address, counted with django-ratelimit in the "throttle" cache:
Redis when REDIS_URL is set, otherwise a table in the database, so that every app server and
gunicorn worker shares the counters. Rates and the proxy header are settings (docs/deploy.md)."""

from __future__ import annotations

import base64
import datetime as dt
import ipaddress
import math
import pickle
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, models, router, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django_ratelimit.core import get_usage

IPV6_PREFIX = 64  # one household or server gets a /64: counting single IPv6 addresses is useless


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, unless OPENGOV_CLIENT_IP_HEADER names a header that the
    trusted reverse proxy sets. Of X-Forwarded-For the last entry counts (the address that proxy
    saw: earlier entries are whatever the client sent). IPv6 addresses count by their /64."""
    value = request.META.get("REMOTE_ADDR") or ""
    header = str(getattr(settings, "OPENGOV_CLIENT_IP_HEADER", "") or "")
    if header:
        meta = "HTTP_" + header.upper().replace("-", "_")
        forwarded = [part.strip() for part in request.META.get(meta, "").split(",")]
        if forwarded[-1]:
            value = forwarded[-1]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return value or "unknown"
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/{IPV6_PREFIX}", strict=False).network_address)
    return str(address)


def account_key(email: object) -> str:
    """The account a request is about: the e-mail address as typed, trimmed and case-folded, so
    that known and unknown addresses are counted (and answered) alike."""
    return str(email or "").strip().casefold()[:254]


@dataclass(frozen=True)
class Throttle:
    """One counter: `rate` ("5/15m") events per key in a window."""

    group: str
    rate_setting: str

    def usage(self, request: HttpRequest, key: str, *, increment: bool) -> dict[str, Any]:
        rate = getattr(settings, self.rate_setting)
        usage = get_usage(
            request,
            group=self.group,
            key=lambda _group, _request: key,
            rate=rate,
            increment=increment,
        )
        return usage or {"count": 0, "limit": 1, "time_left": 0}


SIGN_IN_PER_ACCOUNT = Throttle("sign-in:account", "OPENGOV_SIGN_IN_RATE_PER_ACCOUNT")
SIGN_IN_PER_ADDRESS = Throttle("sign-in:address", "OPENGOV_SIGN_IN_RATE_PER_ADDRESS")
RESET_PER_ACCOUNT = Throttle("password-reset:account", "OPENGOV_PASSWORD_RESET_RATE_PER_ACCOUNT")
RESET_PER_ADDRESS = Throttle("password-reset:address", "OPENGOV_PASSWORD_RESET_RATE_PER_ADDRESS")


def _counters(
    request: HttpRequest, email: object, per_account: Throttle, per_address: Throttle
) -> tuple[tuple[Throttle, str], ...]:
    return ((per_account, account_key(email)), (per_address, client_address(request)))


def sign_in_wait(request: HttpRequest, email: object) -> int:
    """Seconds until this account and address may try to sign in again; 0 if they may now.
    Reads the counters of failures without counting this attempt."""
    waits = [
        usage["time_left"]
        for throttle, key in _counters(request, email, SIGN_IN_PER_ACCOUNT, SIGN_IN_PER_ADDRESS)
        if (usage := throttle.usage(request, key, increment=False))["count"] >= usage["limit"]
    ]
    return max([1, *waits]) if waits else 0


def count_sign_in_failure(request: HttpRequest, email: object) -> None:
    for throttle, key in _counters(request, email, SIGN_IN_PER_ACCOUNT, SIGN_IN_PER_ADDRESS):
        throttle.usage(request, key, increment=True)


def password_reset_wait(request: HttpRequest, email: object) -> int:
    """Count this password-reset request against its account and address; the seconds to wait if
    either is over its limit (then no e-mail is sent), else 0."""
    waits = [
        usage["time_left"]
        for throttle, key in _counters(request, email, RESET_PER_ACCOUNT, RESET_PER_ADDRESS)
        if (usage := throttle.usage(request, key, increment=True))["count"] > usage["limit"]
    ]
    return max([1, *waits]) if waits else 0


def throttled_response(request: HttpRequest, seconds: int, *, action: str) -> HttpResponse:
    """429 Too Many Requests: a GOV.UK page saying when to try again, and Retry-After."""
    minutes = max(1, math.ceil(seconds / 60))
    context = {
        "action": action,
        "minutes": minutes,
        "retry_at": timezone.localtime() + dt.timedelta(seconds=seconds),
    }
    response = render(request, "accounts/throttled.html", context, status=429)
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response


class ThrottleDatabaseCache(DatabaseCache):
    """Django's database cache with an atomic `incr` (Django's reads, then writes: two workers
    counting at once would lose a failure). The row is locked for the increment: FOR UPDATE on
    PostgreSQL; on SQLite the write transaction itself (transaction_mode IMMEDIATE)."""

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table = quote(self.cache_model_class._meta.db_table)
        cache_key, value_column = quote("cache_key"), quote("value")
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        # Only quoted names are formatted in; every value is a parameter.
        select = f"SELECT {value_column}, {quote('expires')} FROM {table} WHERE {cache_key} = %s"  # noqa: S608
        update = f"UPDATE {table} SET {value_column} = %s WHERE {cache_key} = %s"  # noqa: S608
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(select + lock, [key])
            row = cursor.fetchone()
            if row is None or self._expired(connection, row[1]):
                raise ValueError(f"Key '{key}' not found")
            stored = connection.ops.process_clob(row[0])
            # The value was written by this cache (a pickled counter), never by a client.
            value = pickle.loads(base64.b64decode(stored.encode())) + delta  # noqa: S301
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(update, [encoded, key])
        return value

    @staticmethod
    def _expired(connection: Any, expires: Any) -> bool:
        expression = models.Expression(output_field=models.DateTimeField())
        converters = connection.ops.get_db_converters(expression)
        for converter in converters + expression.get_db_converters(connection):
            expires = converter(expires, expression, connection)
        return bool(expires < timezone.now())
