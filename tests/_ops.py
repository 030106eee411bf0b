"""Small models and hand-built operations for testing `ApiClient` apart from the generated API."""

from __future__ import annotations

from typing import List, Optional

from pydantic import Field

from pieces_os_client._model import PiecesModel
from pieces_os_client._operation import Operation


class Widget(PiecesModel):
    id: str
    display_name: Optional[str] = Field(default=None, alias="displayName")
    size: Optional[int] = None


class Widgets(PiecesModel):
    iterable: List[Widget]


GET_WIDGETS = Operation(
    operation_id="widgets-snapshot",
    method="GET",
    path="/widgets",
    responses={200: Widgets, 500: str},
)
POST_WIDGET = Operation(
    operation_id="widgets-create",
    method="POST",
    path="/widgets/create",
    body_param="widget",
    body_type=Widget,
    responses={200: Widget, 500: str, 504: str},
)
POST_WIDGET_TEXT = Operation(
    operation_id="widgets-delete",
    method="POST",
    path="/widgets/delete",
    body_param="widget",
    body_type=Widget,
    responses={200: str, 500: str},
    accept="text/plain",
)
