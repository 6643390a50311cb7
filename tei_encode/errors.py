"""Errors a user sees as one line naming the file (never a traceback)."""


class InputError(Exception):
    """The input cannot be encoded: empty, binary, unreadable."""

    def __init__(self, path, reason):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
