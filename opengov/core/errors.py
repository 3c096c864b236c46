"""Errors raised by services. Views turn them into form errors, the API into 400/409 answers."""


class DomainError(Exception):
    """A business rule refused the change; nothing was written. `field` names the input at fault."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ConflictError(DomainError):
    """Someone else saved the record since this edit began: the stale save is refused."""


class PermissionDeniedError(DomainError):
    """The acting user may not do this."""
