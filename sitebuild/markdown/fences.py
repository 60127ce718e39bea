"""Which fence is whose: every ``wai-*`` fence name and the function that renders it.

A renderer takes the fence and the page and returns its HTML, or raises ``BodyError``. The
preprocessor calls it once per fence.
"""

from __future__ import annotations

from collections.abc import Callable

from . import data_fences, exercises, self_assessment, widgets
from .page import Page
from .scan import Fence

Renderer = Callable[[Fence, Page], str]

#: What marks a fence as ours: a top-level fence with this prefix and no renderer is an error.
PREFIX = "wai-"


def _data_fence(fence: Fence, page: Page) -> str:
    return data_fences.build(fence.name, fence.body)


RENDERERS: dict[str, Renderer] = {
    **dict.fromkeys(data_fences.FENCES, _data_fence),
    widgets.FENCE: widgets.render,
    exercises.FENCE: exercises.render,
    self_assessment.FENCE: self_assessment.render,
}
