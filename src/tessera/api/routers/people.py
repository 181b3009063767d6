"""(placeholder: filled by the issue-5 work on this concern)"""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
