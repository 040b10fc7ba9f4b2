"""Social cards: the picture a chat app shows when a case link is shared.

Drawn at build time with Pillow and Debian's Noto Sans CJK (package fonts-noto-cjk), with no
network. Where that font is missing, no cards are made and pages simply do not announce one.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from casebook.core import routes
from casebook.sources.schema import Case
from casebook.vocabularies.place_slugs import region_names

FONT_FILES = (Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),
              Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"))
SIMPLIFIED_CHINESE_FACE = 2  # index of "Noto Sans CJK SC" inside the collection
SIZE = (1200, 630)
MARGIN = 72
BACKGROUND, ACCENT, INK, MUTED = "#fdf6f4", "#c62828", "#1f1f1f", "#5f5f5f"
# Cards are drawn while the engine builds on one core: they take the others, never its core.
DRAWING_THREADS = max(1, (os.cpu_count() or 1) - 1)


@functools.cache
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont | None:
    path = FONT_FILES[0 if bold else 1]
    if not path.is_file():
        return None
    return ImageFont.truetype(str(path), size, index=SIMPLIFIED_CHINESE_FACE)


def cards_possible() -> bool:
    return _font(True, 20) is not None and _font(False, 20) is not None


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int, max_lines: int) -> list[str]:
    """Lines of at most `width` pixels; Chinese breaks between any two characters."""
    lines, line = [], ""
    for char in text:
        if draw.textlength(line + char, font=font) > width:
            lines.append(line)
            line = char
        else:
            line += char
    lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][:-1] + "…"
    return lines


def card_texts(cases: list[Case]) -> dict[str, tuple[str, str]]:
    """What each case's card says, by case id: all that drawing the cards needs of the cases."""
    return {case.id: _card_text(case) for case in cases}


def _card_text(case: Case) -> tuple[str, str]:
    """The two things a card says: the title, and one line of place, level, years and size."""
    place = " › ".join(region_names(case.region))
    start, end = case.period.start.year, case.period.end.year
    years = f"{start}—{end}" if start != end else str(start)
    return case.title, f"{place} · {case.region.level} · {years} · {len(case.practices)} 项做法"


def social_card(title: str, detail: str, site_name: str) -> bytes:
    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    width = SIZE[0] - 2 * MARGIN
    draw.rectangle((0, 0, 16, SIZE[1]), fill=ACCENT)
    draw.text((MARGIN, 56), site_name, font=_font(True, 34), fill=ACCENT)
    y = 140
    title_font = _font(True, 60)
    for line in _wrap(draw, title, title_font, width, 3):
        draw.text((MARGIN, y), line, font=title_font, fill=INK)
        y += 80
    draw.text((MARGIN, SIZE[1] - 110), detail, font=_font(False, 32), fill=MUTED)
    out = io.BytesIO()
    # JPEG, not PNG: encoding a PNG is three quarters of a card's time, ten times a JPEG's, for a
    # file no smaller; full-resolution colour (subsampling 0) keeps the red text crisp.
    image.save(out, format="JPEG", quality=90, subsampling=0)
    return out.getvalue()


def social_cards(texts: dict[str, tuple[str, str]], site_name: str, cache_dir: Path) -> dict[str, Path]:
    """The card file of every case in `cache_dir`, by its path in the site (cases/<id>/card.jpg);
    nothing where the CJK font is not installed.

    Drawing takes about ten milliseconds, so cards are kept under a hash of what they say, and
    a rebuild draws only the cards whose text changed. Pillow lets go of Python's lock while it
    draws text and compresses, so missing cards are drawn on DRAWING_THREADS cores at once.
    """
    if not cards_possible():
        return {}
    cached = {case_id: cache_dir / f"{_card_key(site_name, *text)}.jpg" for case_id, text in texts.items()}
    missing = [case_id for case_id, path in cached.items() if not path.is_file()]
    if missing:
        cache_dir.mkdir(parents=True, exist_ok=True)

        def draw(case_id: str) -> None:
            cached[case_id].write_bytes(social_card(*texts[case_id], site_name))

        with ThreadPoolExecutor(DRAWING_THREADS) as pool:
            list(pool.map(draw, missing))
    return {routes.case_file(case_id, routes.CARD): path for case_id, path in cached.items()}


def copy_cards(cards: dict[str, Path], site_dir: Path) -> None:
    """Put the cards into a built site, as hard links to the cache where they can be (a cached
    card never changes: another text is another file), skipping those already there: a live
    preview keeps its site between rebuilds, and copying a thousand cards after every edit
    took a tenth of it."""
    for path, card in cards.items():
        target = routes.target_below(site_dir, path)
        if target.exists() and target.samefile(card):
            continue
        target.unlink(missing_ok=True)
        try:
            target.hardlink_to(card)
        except OSError:  # another file system, say
            shutil.copyfile(card, target)


def _card_key(site_name: str, title: str, detail: str) -> str:
    return hashlib.sha256("\n".join((site_name, title, detail)).encode("utf-8")).hexdigest()[:32]
