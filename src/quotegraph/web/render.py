"""Pure helpers that shape service results for the page templates.

No SQL and no HTML strings here: templates do all the markup with
autoescaping on, so every piece of stored text reaches the browser as text.
"""

from __future__ import annotations

import heapq
from datetime import date
from typing import Any
from urllib.parse import urlsplit

__all__ = ["PALETTE_SIZE", "safe_url", "speaker_key", "colour_classes", "highlight", "attribution", "timeline",
           "bars", "months_chart", "highlight_terms", "page_numbers"]

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
    if speaker.get("not_a_name"):
        who = f"unknown speaker (“{speaker.get('name')}”)"
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
    anchored: set[int] = set()
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
            # the first segment of each quote carries its anchor (/articles/x#q3)
            first = quote is not None and id(quote) not in anchored
            if first:
                anchored.add(id(quote))
            segments.append({"text": "", "quote": quote, "first": first})
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


def bars(items: list[dict[str, Any]], *, label: str = "name", value: str = "count", width: int = 640,
         row: int = 24, label_width: int = 250) -> dict[str, Any]:
    """A horizontal bar chart (one bar per item, longest first as given), in SVG user units."""
    top = max((int(i[value]) for i in items), default=0) or 1
    span = width - label_width - 50
    out = []
    for n, item in enumerate(items):
        length = round(span * int(item[value]) / top, 1)
        out.append({"y": n * row, "w": max(1.0, length), "label": _short(str(item[label]), 24), "value": item[value],
                    "text_y": n * row + row * 0.68, "value_x": label_width + length + 6, "item": item})
    return {"width": width, "height": max(row, len(items) * row), "label_width": label_width,
            "bar_h": row - 6, "bars": out}


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[:n - 1].rstrip() + "…"


def _nice_step(top: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if top / step <= 5:
            return step
    return max(1, top // 5)


def months_chart(months: list[dict[str, Any]], *, width: int = 720, height: int = 200) -> dict[str, Any]:
    """Columns of statements per month on a real time axis: every month between the first and the
    last has its slot (empty months stay empty), labelled by year and quarter, with a counted y axis."""
    left, right, top_pad, bottom = 48, 10, 18, 34
    keys = [m["month"] for m in months if m.get("month") and len(m["month"]) == 7]
    counts = {m["month"]: int(m["count"]) for m in months if m.get("month") in keys}
    out: dict[str, Any] = {"width": width, "height": height, "columns": [], "xticks": [], "yticks": [],
                           "axis_y": height - bottom, "left": left, "right": width - right}
    if not keys:
        return out
    y0, m0 = (int(p) for p in min(keys).split("-"))
    y1, m1 = (int(p) for p in max(keys).split("-"))
    slots = [(y, m) for y in range(y0, y1 + 1) for m in range(1, 13)
             if (y, m) >= (y0, m0) and (y, m) <= (y1, m1)]
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    slot_w = plot_w / len(slots)
    peak = max(counts.values()) or 1
    step = _nice_step(peak)
    ceiling = step * -(-peak // step)
    for i, (y, m) in enumerate(slots):
        key = f"{y:04d}-{m:02d}"
        n = counts.get(key, 0)
        h = round(plot_h * n / ceiling, 1)
        x = round(left + i * slot_w, 1)
        out["columns"].append({"x": x + 1, "y": round(height - bottom - h, 1), "w": max(1.0, round(slot_w - 2, 1)),
                               "h": h, "month": key, "count": n})
        every = 1 if len(slots) <= 12 else 3 if len(slots) <= 36 else 12
        if (m - 1) % every == 0:
            out["xticks"].append({"x": round(x + slot_w / 2, 1), "label": key if every < 12 else str(y)})
    for v in range(0, ceiling + 1, step):
        out["yticks"].append({"y": round(height - bottom - plot_h * v / ceiling, 1), "label": v})
    return out


def highlight_terms(text: str, q: str | None) -> list[dict[str, Any]]:
    """``text`` cut into segments, ``hit`` where a searched word (or "phrase") starts a word."""
    import re

    terms = sorted({t for p, w in re.findall(r'"([^"]*)"|(\S+)', q or "") if (t := (p or w).strip("\"*").strip())
                    and any(c.isalnum() for c in t)}, key=len, reverse=True)
    if not terms or not text:
        return [{"text": text, "hit": False}]
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(t) for t in terms) + r")\w*", re.IGNORECASE)
    out, last = [], 0
    for m in pattern.finditer(text):
        if m.start() > last:
            out.append({"text": text[last:m.start()], "hit": False})
        out.append({"text": m.group(0), "hit": True})
        last = m.end()
    if last < len(text):
        out.append({"text": text[last:], "hit": False})
    return out


def page_numbers(total: int, limit: int, offset: int, *, around: int = 2) -> dict[str, Any]:
    """Page numbers to show ("1 … 4 5 [6] 7 8 … 20") and the "51–100 of 369" range."""
    limit = max(1, limit)
    pages = max(1, -(-total // limit))
    current = offset // limit + 1
    shown = sorted({1, pages, *range(max(1, current - around), min(pages, current + around) + 1)})
    numbers: list[dict[str, Any]] = []
    for n in shown:
        if numbers and n - numbers[-1]["n"] > 1:
            numbers.append({"n": None})
        numbers.append({"n": n, "offset": (n - 1) * limit, "current": n == current})
    return {"pages": pages, "current": current, "numbers": numbers,
            "first": min(total, offset + 1), "last": min(total, offset + limit), "total": total}
