"""Pure helpers that shape service results for the page templates.

No SQL and no HTML strings here: templates do all the markup with
autoescaping on, so every piece of stored text reaches the browser as text.
"""

from __future__ import annotations

import heapq
from datetime import date
from typing import Any
from urllib.parse import urlsplit

__all__ = ["PALETTE_SIZE", "safe_url", "speaker_key", "colour_classes", "highlight", "attribution", "timeline"]

PALETTE_SIZE = 8


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) link, else None (``javascript:`` and friends stay text)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def speaker_key(quote: dict[str, Any]) -> str | None:
    """The key that gives a quote its colour: speaker entity slug, else the name."""
    speaker = quote.get("speaker")
    if not speaker:
        return None
    return speaker.get("slug") or speaker.get("name")


def colour_classes(quotes: list[dict[str, Any]]) -> dict[str | None, str]:
    """Speaker -> CSS class, in order of first appearance so neighbours differ."""
    classes: dict[str | None, str] = {None: "c-none"}
    for quote in sorted(quotes, key=lambda q: (q["spans"][0]["start"] if q["spans"] else 0)):
        key = speaker_key(quote)
        if key not in classes:
            classes[key] = f"c{(len(classes) - 1) % PALETTE_SIZE}"
    return classes


def attribution(quote: dict[str, Any]) -> str:
    """One line saying who said it, how and when (shown on hover and focus)."""
    speaker = quote.get("speaker") or {}
    who = speaker.get("entity") or speaker.get("name") or "unknown speaker"
    parts = [who, quote.get("type") or ""]
    if quote.get("cue"):
        parts.append(f"“{quote['cue'].get('text', '')}”")
    if quote.get("channel"):
        parts.append(f"via {quote['channel']}")
    if quote.get("said_on"):
        parts.append(f"on {quote['said_on']}")
    return " · ".join(p for p in parts if p)


def highlight(text: str, quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Split ``text`` into plain and quoted segments.

    Where quotes overlap (a direct fragment inside reported speech), the
    innermost one wins for that stretch of text. One sweep over the span
    boundaries with a heap of the spans open at each point: O(n log n) in the
    number of spans, so an article with thousands of quotes renders at once.
    """
    n = len(text)
    cover: list[tuple[int, int, int, dict[str, Any]]] = []
    for quote in quotes:
        for span in quote.get("spans") or []:
            start, end = max(0, min(n, span["start"])), max(0, min(n, span["end"]))
            if end > start:
                cover.append((start, end, len(cover), quote))
    cover.sort(key=lambda c: c[0])
    cuts = sorted({0, n, *(c[0] for c in cover), *(c[1] for c in cover)})
    open_spans: list[tuple[int, int, int, int, dict[str, Any]]] = []  # (length, ordinal, seq, end, quote)
    segments: list[dict[str, Any]] = []
    parts: list[list[str]] = []
    i = 0
    for start, end in zip(cuts, cuts[1:], strict=False):
        while i < len(cover) and cover[i][0] <= start:
            s, e, seq, q = cover[i]
            heapq.heappush(open_spans, (e - s, q["ordinal"], seq, e, q))
            i += 1
        while open_spans and open_spans[0][3] <= start:
            heapq.heappop(open_spans)  # ended before this stretch
        quote = open_spans[0][4] if open_spans else None
        if segments and segments[-1]["quote"] is quote:
            parts[-1].append(text[start:end])
        else:
            segments.append({"text": "", "quote": quote})
            parts.append([text[start:end]])
    for segment, pieces in zip(segments, parts, strict=True):
        segment["text"] = "".join(pieces)
    return segments


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        parts = [int(p) for p in value.split("-")]
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def timeline(statements: list[dict[str, Any]], *, width: int = 760, height: int = 170) -> dict[str, Any]:
    """Dot positions for an SVG chart of statements by date (same-day dots stack)."""
    left, right, bottom, step = 40, 20, 30, 14
    dated = [(d, s) for s in statements if (d := _day(s.get("date")))]
    out: dict[str, Any] = {"width": width, "height": height, "dots": [], "ticks": [],
                           "undated": len(statements) - len(dated), "axis_y": height - bottom}
    if not dated:
        return out
    first = min(d for d, _ in dated).toordinal()
    last = max(d for d, _ in dated).toordinal()
    if last - first < 30:
        first, last = first - 15, last + 15
    span = last - first

    def x(day: int) -> float:
        return round(left + (width - left - right) * (day - first) / span, 1)

    stacked: dict[int, int] = {}
    for day, statement in sorted(dated, key=lambda t: (t[0], t[1]["id"])):
        k = stacked.get(day.toordinal(), 0)
        stacked[day.toordinal()] = k + 1
        y = max(8, height - bottom - 10 - step * k)
        out["dots"].append({"x": x(day.toordinal()), "y": y, "id": statement["id"], "date": statement["date"],
                            "text": statement["text"][:140], "sources": statement["source_count"]})
    for i in range(6):
        day = date.fromordinal(first + span * i // 5)
        out["ticks"].append({"x": x(day.toordinal()), "label": day.isoformat()})
    return out
