"""The one error a post-build step raises: the hook turns it into a build failure, the CLI into exit 1."""

from __future__ import annotations


class PostBuildError(Exception):
    """A post-build step cannot finish; the message says what is wrong and how to fix it."""
