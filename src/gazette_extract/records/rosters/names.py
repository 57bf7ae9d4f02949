"""Names and bodies of a roster (人员名单): role labels, person names, name/position splits."""

from __future__ import annotations

import regex

from ... import patterns
from ..common import (
    squeeze,
)

# ---------------------------------------------------------------- names and bodies


def body_from_caption(caption: str | None) -> str | None:
    """某市野生动植物保护联席会议人员名单 → 某市野生动植物保护联席会议."""
    s = squeeze(caption)
    if not s:
        return None
    s = patterns.TRAILING_COUNT.sub("", s)
    stripped = patterns.ROSTER_CAPTION_SUFFIX.sub("", s)
    return stripped or s


def body_from_title(title: str | None) -> str | None:
    """关于成立某市药品安全与高质量发展委员会的通知 → 某市药品安全与高质量发展委员会."""
    s = squeeze(title)
    if not s:
        return None
    m = patterns.BODY_IN_TITLE.search(s)
    return m["body"] if m else s


def clean_name(text: str) -> str:
    return patterns.remove_whitespace(text or "")


def is_name(text: str) -> bool:
    n = clean_name(text)
    return bool(patterns.PERSON_NAME.match(n)) and not patterns.NOT_IN_NAME.search(n)


def split_role(text: str) -> tuple[str | None, str]:
    """``组 长：刘 亮`` → ('组长', '刘 亮'); text without a role label → (None, text)."""
    m = patterns.ROSTER_ROLE.match(text.strip())
    if not m:
        return None, text.strip()
    return clean_name(m["role"]), m["rest"].strip()


def split_name_position(text: str) -> tuple[str, str] | None:
    """``刘文德 市中级人民法院副院长`` → (刘文德, 市中级人民法院副院长); None if no name leads.

    With a gap (whitespace) the split is at the gap; ``康 瑛 市检察院…`` (a layout space inside
    a two-character name) is read as 康瑛. Without any gap the split is a heuristic: the name is
    2–4 leading Han characters without characters that only occur in positions (市, 局, 副 …);
    among the candidate lengths 3 is preferred, a position that starts with an administrative
    word (市, 省, 副 …) or a place name (某县…, 某市…) is preferred. It can misread a
    two-character name before a place name (张奇右 | 玉县…), so the layout gap is always used
    when there is one.
    """
    s = text.strip()
    if not s:
        return None
    tokens = s.split()
    if len(tokens) >= 2:
        if len(tokens) >= 3 and len(tokens[0]) == 1 and 1 <= len(tokens[1]) <= 2 and is_name(tokens[0] + tokens[1]):
            return tokens[0] + tokens[1], squeeze(" ".join(tokens[2:]))
        # a two-character name padded to three (刘　亮) with its position set right after it
        # without a gap: 刘 | 亮副市长 → 刘亮 | 副市长
        if len(tokens[0]) == 1 and len(tokens[1]) >= 3 and is_name(tokens[0] + tokens[1][0]):
            return tokens[0] + tokens[1][0], squeeze(" ".join([tokens[1][1:]] + tokens[2:]))
        if is_name(tokens[0]):
            return tokens[0], squeeze(" ".join(tokens[1:]))
        return None
    best: tuple[int, int] | None = None
    for k in (3, 2, 4):
        name, rest = s[:k], s[k:]
        if len(rest) < 2 or not is_name(name):
            continue
        score = {3: 1, 2: 0, 4: -1}[k]
        if patterns.POSITION_START.match(rest):
            score += 2
        elif patterns.POSITION_PLACE_START.match(rest):
            score += 2
        if best is None or score > best[0]:
            best = (score, k)
    if best is None:
        return None
    return s[: best[1]], s[best[1]:]


def _names_only(rest: str) -> list[str] | None:
    """``张三、李四、王五`` → names (a role line listing people without positions)."""
    parts = [p for p in regex.split(r"[、，,\s]+", rest.strip()) if p]
    if len(parts) >= 2 and all(is_name(p) for p in parts):
        return [clean_name(p) for p in parts]
    return None
