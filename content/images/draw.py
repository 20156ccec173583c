#!/usr/bin/env python3
"""Draw Dispatch's illustrations: article heroes, author portraits, site logo.

Run from anywhere (Python 3.11+, standard library only):

    python3 content/images/draw.py

For every content/articles/{slug}.md whose hero is not a photograph it writes
content/images/heroes/{slug}.svg
(1200x675, a flat editorial illustration of the article's section); for every
content/authors/{slug}.toml it writes content/images/authors/{slug}.svg
(160x160 portrait); it also writes content/images/site-logo.svg (512x512).
Stale hero/portrait SVGs whose article/author is gone are deleted.

Output is deterministic: the only variation comes from a PRNG seeded with the
SHA-256 of the slug, so the same input always gives byte-identical files.
Files whose bytes would not change are not rewritten.
"""

from __future__ import annotations

import hashlib
import math
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "content" / "articles"
AUTHORS = ROOT / "content" / "authors"
IMAGES = ROOT / "content" / "images"
HEROES = IMAGES / "heroes"
PORTRAITS = IMAGES / "authors"

W, H = 1200, 675


# ---------------------------------------------------------------- utilities


class Rng:
    """SplitMix64: tiny, fast and identical on every Python version."""

    MASK = (1 << 64) - 1

    def __init__(self, key: str) -> None:
        self.state = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big")

    def next64(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & self.MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & self.MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & self.MASK
        return z ^ (z >> 31)

    def random(self) -> float:
        return (self.next64() >> 11) / float(1 << 53)

    def uniform(self, a: float, b: float) -> float:
        return a + (b - a) * self.random()

    def randint(self, a: int, b: int) -> int:
        return a + self.next64() % (b - a + 1)

    def choice(self, seq):
        return seq[self.next64() % len(seq)]

    def chance(self, p: float) -> bool:
        return self.random() < p

    def sample(self, seq, k: int) -> list:
        pool = list(seq)
        for i in range(len(pool) - 1, 0, -1):
            j = self.next64() % (i + 1)
            pool[i], pool[j] = pool[j], pool[i]
        return pool[:k]


def num(x: float) -> str:
    """A number with at most one decimal, no trailing '.0', never '-0'."""
    v = round(float(x), 1)
    if v == 0:
        return "0"
    if v.is_integer():
        return str(int(v))
    return f"{v:.1f}"


def d(*items) -> str:
    """Path data: numbers formatted by num(); a space only between numbers."""
    out: list[str] = []
    prev_num = False
    for it in items:
        if isinstance(it, str):
            out.append(it)
            prev_num = False
        else:
            s = num(it)
            if prev_num and not s.startswith("-"):
                out.append(" ")
            out.append(s)
            prev_num = True
    return "".join(out)


def el(tag: str, **attrs) -> str:
    parts = [f"<{tag}"]
    for key, val in attrs.items():
        if val is None:
            continue
        key = key.rstrip("_").replace("_", "-")
        if isinstance(val, (int, float)) and not isinstance(val, bool):
            val = num(val)
        parts.append(f' {key}="{val}"')
    return "".join(parts) + "/>"


def group(children: list[str], **attrs) -> str:
    return el("g", **attrs)[:-2] + ">" + "".join(children) + "</g>"


def svg(width: int, height: int, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">' + "".join(body) + "</svg>\n"
    )


def mix(a: str, b: str, t: float) -> str:
    """Blend colour a towards b by t (0..1)."""
    ca = [int(a[i : i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(ca, cb))


def poly(points) -> str:
    return d(*[v for i, (x, y) in enumerate(points) for v in (("M" if i == 0 else "L"), x, y)]) + "z"


def line_path(points) -> str:
    return d(*[v for i, (x, y) in enumerate(points) for v in (("M" if i == 0 else "L"), x, y)])


def dots(points) -> str:
    """Round dots as zero-length segments (use stroke-linecap=round)."""
    return "".join(d("M", x, y, "h0") for x, y in points)


def rrect(x, y, w, h, rx, **attrs) -> str:
    return el("rect", x=x, y=y, width=w, height=h, rx=rx or None, **attrs)


def bars(segments) -> str:
    """Horizontal bars (x, y, length) as one path; use stroke-linecap=round."""
    return "".join(d("M", x, y, "h", length) for x, y, length in segments)


# ---------------------------------------------------------------- palettes


class Palette:
    def __init__(self, bg, bg2, mid, mid2, accent, light):
        self.bg, self.bg2, self.mid, self.mid2 = bg, bg2, mid, mid2
        self.accent, self.light = accent, light


PALETTES = [
    Palette("#12203a", "#1c3052", "#35557f", "#5b7fa8", "#e0a43a", "#dfe6ee"),  # navy / amber
    Palette("#10262b", "#183a40", "#2d6169", "#4f8f8f", "#e76f51", "#e3efec"),  # teal / coral
    Palette("#231b33", "#33284a", "#574677", "#8470a8", "#f2c14e", "#e9e3f2"),  # plum / gold
    Palette("#1a2b22", "#243d30", "#3d6450", "#6a9479", "#e9c46a", "#e4ede5"),  # forest / sand
    Palette("#1d1f24", "#2a2d35", "#4a4f5c", "#757b8a", "#d1495b", "#e6e7ea"),  # graphite / red
    Palette("#0e2233", "#15324a", "#2b5d80", "#4c8db5", "#7fd1b9", "#e2eef5"),  # ocean / mint
    Palette("#2a1d1a", "#3d2a25", "#6b4a3e", "#9a7262", "#f2a65a", "#f1e6dc"),  # cocoa / orange
    Palette("#1b1e3c", "#272b55", "#434a8c", "#6d76c2", "#5fd4c4", "#e3e5f7"),  # indigo / aqua
]


def background(r: Rng, p: Palette, o: list[str], blobs: int = 2) -> None:
    o.append(el("rect", width=W, height=H, fill=p.bg))
    for _ in range(blobs):
        o.append(
            el(
                "circle",
                cx=r.uniform(0, W),
                cy=r.uniform(0, H),
                r=r.uniform(200, 340),
                fill=p.bg2,
                opacity=r.choice((0.6, 0.8, 1)),
            )
        )


def mirrored(children: list[str]) -> str:
    return group(children, transform=f"matrix(-1 0 0 1 {W} 0)")


def padlock(o, cx, by, w, body, shackle, hole, cracked=False, r: Rng | None = None, crack=None):
    """A padlock whose body's top edge is at y=by and is w wide."""
    h = w * 0.78
    sw = w * 0.32  # shackle half-width (centre line)
    t = w * 0.13  # shackle thickness
    sh = w * 0.5  # shackle height above the body
    top = by - sh + sw
    if cracked:
        # the shackle snapped on the right and was wrenched up and to the left
        broken = d("M", cx - sw, by + 4, "V", top, "A", sw, sw, 0, 0, 1, cx + sw, top, "V", by - sh * 0.42)
        o.append(
            el(
                "path",
                d=broken,
                fill="none",
                stroke=shackle,
                stroke_width=t,
                transform=f"rotate(-13 {num(cx - sw)} {num(by)})",
            )
        )
        x, ty = cx + sw, by - sh * 0.16
        stub = [(x - t / 2, by + 4), (x - t / 2, ty), (x - t / 6, ty - t * 0.4), (x + t / 6, ty), (x + t / 2, ty - t * 0.3), (x + t / 2, by + 4)]
        o.append(el("path", d=poly(stub), fill=shackle))
        # shards from the break
        bx, bmid = cx + sw + t * 0.9, by - sh * 0.3
        frags = []
        for dx, dy, s in ((t * 0.9, -t * 0.5, t * 0.42), (t * 1.8, t * 0.3, t * 0.3), (t * 1.1, t * 1.1, t * 0.24)):
            x, y = bx + dx, bmid + dy
            frags.append(poly([(x, y - s), (x + s, y + s * 0.4), (x - s * 0.6, y + s * 0.7)]))
        o.append(el("path", d="".join(frags), fill=shackle))
    else:
        o.append(
            el(
                "path",
                d=d("M", cx - sw, by + 4, "V", top, "A", sw, sw, 0, 0, 1, cx + sw, top, "V", by + 4),
                fill="none",
                stroke=shackle,
                stroke_width=t,
            )
        )
    o.append(rrect(cx - w / 2, by, w, h, w * 0.09, fill=body))
    o.append(rrect(cx - w / 2, by, w, h * 0.16, w * 0.09, fill=mix(body, "#ffffff", 0.22)))
    o.append(el("rect", x=cx - w / 2, y=by + h * 0.09, width=w, height=h * 0.07, fill=body))
    kr = w * 0.075
    ky = by + h * 0.47
    o.append(
        el(
            "path",
            d=d("M", cx, ky, "m", -kr, 0, "a", kr, kr, 0, 1, 1, kr * 2, 0, "l", -kr * 0.3, kr * 2.6, "h", -kr * 1.4, "z"),
            fill=hole,
        )
    )
    if cracked:
        x = cx + w * (crack if crack is not None else 0.12)
        pts = [(x, by - 2)]
        y = by
        steps = 5
        for i in range(1, steps + 1):
            y = by + h * i / steps
            x += (w * 0.09) * (1 if i % 2 else -1) + (r.uniform(-w * 0.03, w * 0.03) if r else 0)
            pts.append((x, y + (2 if i == steps else 0)))
        o.append(
            el(
                "path",
                d=line_path(pts),
                fill="none",
                stroke=hole,
                stroke_width=w * 0.028,
                stroke_linejoin="round",
                stroke_linecap="round",
            )
        )
        bx, byy = pts[2]
        o.append(
            el(
                "path",
                d=line_path([(bx, byy), (bx + w * 0.1, byy + h * 0.06), (bx + w * 0.16, byy + h * 0.02)]),
                fill="none",
                stroke=hole,
                stroke_width=w * 0.018,
                stroke_linejoin="round",
                stroke_linecap="round",
            )
        )
        # chips flying off the body's top edge
        sx, sy = pts[0]
        chips = []
        for dx, dy, s in ((-w * 0.05, -h * 0.1, w * 0.03), (w * 0.06, -h * 0.17, w * 0.022), (w * 0.12, -h * 0.07, w * 0.018)):
            cx2, cy2 = sx + dx, sy + dy
            chips.append(poly([(cx2 - s, cy2), (cx2 + s * 0.3, cy2 - s), (cx2 + s, cy2 + s * 0.6)]))
        o.append(el("path", d="".join(chips), fill=body))


def shield_path(cx, cy, s) -> str:
    """Shield outline centred at (cx, cy), s = half height."""
    w = s * 0.82
    return d(
        "M", cx, cy - s,
        "C", cx + w * 0.45, cy - s * 0.72, cx + w * 0.8, cy - s * 0.7, cx + w, cy - s * 0.7,
        "V", cy - s * 0.05,
        "C", cx + w, cy + s * 0.5, cx + w * 0.5, cy + s * 0.82, cx, cy + s,
        "C", cx - w * 0.5, cy + s * 0.82, cx - w, cy + s * 0.5, cx - w, cy - s * 0.05,
        "V", cy - s * 0.7,
        "C", cx - w * 0.8, cy - s * 0.7, cx - w * 0.45, cy - s * 0.72, cx, cy - s,
        "z",
    )  # fmt: skip


def cloud(o, cx, cy, s, fill, **attrs):
    """A flat cloud whose flat bottom is at cy + 0.5 s."""
    parts = [
        rrect(cx - s, cy, s * 2, s * 0.5, s * 0.25),
        el("circle", cx=cx - s * 0.48, cy=cy + s * 0.05, r=s * 0.42),
        el("circle", cx=cx + s * 0.08, cy=cy - s * 0.16, r=s * 0.58),
        el("circle", cx=cx + s * 0.6, cy=cy + s * 0.1, r=s * 0.38),
    ]
    o.append(group(parts, fill=fill, **attrs))


# ---------------------------------------------------------------- heroes


def hero_breach(r: Rng, p: Palette) -> list[str]:
    o: list[str] = []
    background(r, p, o)
    floor = r.uniform(575, 610)
    o.append(el("rect", y=floor, width=W, height=H - floor, fill=p.bg2))
    count = r.randint(4, 5)
    margin = r.uniform(30, 70)
    gap = r.uniform(24, 44)
    rw = (W - 2 * margin - (count - 1) * gap) / count
    unit = r.choice((38, 42, 46))
    rack = mix(p.bg2, p.mid, 0.5)
    slots, handles, leds_hot, leds_ok = [], [], [], []
    for i in range(count):
        x = margin + i * (rw + gap)
        top = r.uniform(60, 160)
        o.append(rrect(x, top, rw, floor - top, 10, fill=rack))
        o.append(rrect(x + rw * 0.3, top - 10, rw * 0.4, 14, 4, fill=rack))
        y = top + 16
        while y + unit <= floor - 12:
            mid = y + (unit - 10) / 2
            slots.append((x + 12, mid, rw - 24))
            handles.append((x + 24, mid, rw * 0.22))
            if r.chance(0.8):
                for j in range(r.randint(1, 2)):
                    pt = (x + rw - 28 - j * 14, mid)
                    (leds_hot if r.chance(0.35) else leds_ok).append(pt)
            y += unit
    o.append(el("path", d=bars(slots), stroke=mix(p.bg, "#000000", 0.2), stroke_width=unit - 10))
    o.append(el("path", d=bars(handles), stroke=p.bg2, stroke_width=6, stroke_linecap="round"))
    o.append(el("path", d=dots(leds_ok), stroke=p.mid2, stroke_width=7, stroke_linecap="round"))
    o.append(el("path", d=dots(leds_hot), stroke=p.accent, stroke_width=7, stroke_linecap="round"))
    o.append(el("rect", width=W, height=H, fill=p.bg, opacity=0.35))
    w = r.uniform(270, 320)
    cx = r.uniform(430, 770)
    by = floor + 24 - w * 0.78
    o.append(el("circle", cx=cx, cy=by + w * 0.2, r=w * 0.95, fill=p.accent, opacity=0.1))
    o.append(el("ellipse", cx=cx, cy=floor + 26, rx=w * 0.62, ry=12, fill="#000000", opacity=0.3))
    padlock(o, cx, by, w, p.accent, p.light, p.bg, cracked=True, r=r, crack=r.uniform(0.08, 0.2))
    return o


def hero_vuln(r: Rng, p: Palette) -> list[str]:
    o: list[str] = []
    o.append(el("rect", width=W, height=H, fill=p.bg))
    gutter = r.uniform(70, 90)
    o.append(el("rect", width=gutter, height=H, fill=p.bg2))
    step = r.choice((34, 36, 38))
    first = r.uniform(48, 64)
    lines = int((H - first - 30) // step) + 1
    bug_x = r.uniform(620, 900)
    bug_y = r.uniform(300, 380)
    hot = min(lines - 1, max(0, round((bug_y + r.choice((-1, 1)) * step * 2 - first) / step)))
    colours = [(p.mid, 5), (p.mid2, 3), (p.accent, 1), (mix(p.light, p.bg, 0.35), 2)]
    total = sum(wt for _, wt in colours)
    segs: dict[str, list] = {c: [] for c, _ in colours}
    nums = []
    indent = 0
    hot_span = None
    for i in range(lines):
        y = first + i * step
        nums.append((gutter * 0.35, y, r.uniform(gutter * 0.15, gutter * 0.3)))
        if i != hot and r.chance(0.1):
            indent = max(0, indent - 1)
            continue
        x = gutter + 50 + indent * 44
        x0 = x
        for _ in range(r.randint(1, 4)):
            length = r.uniform(30, 170)
            if x + length > W - 60:
                break
            pick = r.uniform(0, total)
            for c, wt in colours:
                pick -= wt
                if pick <= 0:
                    break
            segs[c].append((x, y, length))
            x += length + 30
        if i == hot:
            hot_span = (x0, x - 30, y)
        move = r.choice((-1, 0, 0, 1))
        indent = min(4, max(0, indent + move))
    if hot_span:
        x0, x1, y = hot_span
        o.append(el("rect", x=gutter, y=y - step / 2, width=W - gutter, height=step, fill=p.accent, opacity=0.13))
        wave = [(x0 - 7, y + 14)]
        k = 0
        xx = x0 - 7
        while xx < x1 + 7:
            xx += 8
            k += 1
            wave.append((xx, y + (11 if k % 2 else 17)))
        o.append(el("path", d=line_path(wave), fill="none", stroke=p.accent, stroke_width=3, stroke_linejoin="round"))
    o.append(el("path", d=bars(nums), stroke=p.mid, stroke_width=8, stroke_linecap="round", opacity=0.7))
    for c, _ in colours:
        if segs[c]:
            o.append(el("path", d=bars(segs[c]), stroke=c, stroke_width=14, stroke_linecap="round"))
    # target ring behind the bug
    o.append(el("circle", cx=bug_x, cy=bug_y, r=215, fill=p.bg, opacity=0.75))
    o.append(
        el(
            "circle",
            cx=bug_x,
            cy=bug_y,
            r=200,
            fill="none",
            stroke=p.accent,
            stroke_width=4,
            stroke_dasharray="18 14",
            opacity=0.6,
        )
    )
    ticks = []
    for ang in (0, 90, 180, 270):
        a = math.radians(ang)
        ticks.append(
            d("M", bug_x + 185 * math.cos(a), bug_y + 185 * math.sin(a), "L", bug_x + 230 * math.cos(a), bug_y + 230 * math.sin(a))
        )
    o.append(el("path", d="".join(ticks), stroke=p.accent, stroke_width=5, stroke_linecap="round", opacity=0.6))
    # the bug, drawn around (0, 0) pointing up
    dark = mix(p.accent, p.bg, 0.45)
    legs = []
    for side in (-1, 1):
        for k, (y0, kx, ky, fx, fy) in enumerate(((-20, 100, -55, 120, -95), (25, 108, 15, 135, 35), (70, 100, 95, 118, 140))):
            legs.append(line_path([(side * 50, y0), (side * kx, ky), (side * fx, fy)]))
        legs.append(d("M", side * 12, -118, "Q", side * 22, -168, side * 62, -176))
    bug = [
        el("path", d="".join(legs), fill="none", stroke=dark, stroke_width=12, stroke_linecap="round", stroke_linejoin="round"),
        el("circle", cx=-62, cy=-176, r=9, fill=dark),
        el("circle", cx=62, cy=-176, r=9, fill=dark),
        el("circle", cy=-98, r=40, fill=dark),
        el("ellipse", cy=22, rx=76, ry=100, fill=p.accent),
        el("path", d=d("M", 0, -72, "V", 118), stroke=dark, stroke_width=6),
        el(
            "path",
            d=dots([(-36, -10), (36, -10), (-42, 48), (42, 48), (-26, 92), (26, 92)]),
            stroke=dark,
            stroke_width=r.choice((18, 22)),
            stroke_linecap="round",
        ),
        el("ellipse", cx=-40, cy=-40, rx=14, ry=26, fill="#ffffff", opacity=0.18, transform="rotate(30 -40 -40)"),
    ]
    ang = r.uniform(-28, 28)
    o.append(group(bug, transform=f"translate({num(bug_x)} {num(bug_y + 10)}) rotate({num(ang)}) scale(1.1)"))
    return o


# continents as (lon, lat, radius_lon, radius_lat) blobs
LAND = [
    # North America
    (-100, 50, 28, 12), (-98, 38, 22, 10), (-115, 62, 25, 8), (-152, 64, 14, 7), (-78, 60, 13, 10),
    (-78, 41, 8, 7), (-82, 28, 3, 4), (-103, 24, 9, 8), (-90, 16, 6, 4), (-82, 10, 4, 3),
    (-92, 74, 20, 5), (-42, 72, 13, 9),
    # South America
    (-62, -6, 20, 13), (-50, -10, 10, 9), (-63, -24, 11, 11), (-68, -38, 6, 10), (-71, -50, 3, 5),
    (-70, 6, 9, 6),
    # Europe
    (10, 48, 14, 6), (-4, 40, 5, 4), (-2, 53, 3, 5), (15, 62, 7, 8), (28, 63, 6, 6), (12, 43, 3, 3),
    (23, 41, 5, 3), (35, 52, 15, 9), (-19, 65, 4, 2),
    # Africa and the Middle East
    (10, 22, 26, 12), (-6, 11, 10, 6), (22, 3, 14, 10), (27, -12, 12, 12), (24, -26, 8, 8),
    (44, 8, 7, 5), (47, -19, 3, 6), (33, 27, 6, 7), (46, 23, 9, 8), (34, 38, 8, 3), (54, 32, 8, 6),
    # Asia
    (90, 60, 45, 11), (130, 62, 25, 9), (160, 65, 12, 6), (70, 48, 18, 8), (100, 40, 22, 12),
    (112, 28, 10, 8), (78, 22, 8, 10), (78, 10, 3, 5), (100, 16, 6, 7), (106, 12, 4, 5),
    (102, 3, 3, 4), (127, 38, 3, 3), (138, 37, 3, 6), (143, 44, 2, 3), (121, 14, 3, 5),
    # Maritime South-East Asia and Oceania
    (102, -1, 5, 3), (113, -1, 5, 3), (111, -7, 6, 2), (121, -2, 2, 3), (140, -5, 8, 3),
    (134, -25, 17, 10), (146, -33, 6, 5), (145, -16, 4, 5), (147, -42, 2, 2), (172, -41, 3, 5),
]  # fmt: skip

CITIES = [
    (-0.1, 51.5), (-74, 40.7), (-46.6, -23.5), (3.4, 6.5), (36.8, -1.3), (28, -26.2), (31.2, 30),
    (55.3, 25.2), (46.7, 24.7), (34.8, 32), (72.9, 19), (103.8, 1.4), (106.8, -6.2), (139.7, 35.7),
    (127, 37.6), (151.2, -33.9), (37.6, 55.8), (116.4, 39.9), (-122.4, 37.8), (-3.7, 40.4), (121, 14.6),
]  # fmt: skip


def on_land(lon: float, lat: float) -> bool:
    for cx, cy, rx, ry in LAND:
        if ((lon - cx) / rx) ** 2 + ((lat - cy) / ry) ** 2 <= 1:
            return True
    return False


def hero_intel(r: Rng, p: Palette) -> list[str]:
    o: list[str] = []
    background(r, p, o, blobs=1)
    x0, mw = 60, 1080  # lon -170..190
    y0, mh = 70, 540  # lat 80..-58
    step = 12

    def proj(lon, lat):
        return x0 + (lon + 170) / 360 * mw, y0 + (80 - lat) / 138 * mh

    # dotted land: each run of land dots on a grid row is one short line,
    # dashed into dots (a 0.1 dash with round caps), which keeps the file small
    runs = []
    cols = int(mw // step)
    y = y0 + step / 2
    while y < y0 + mh:
        lat = 80 - (y - y0) / mh * 138
        start = None
        for k in range(cols + 1):
            x = x0 + step / 2 + k * step
            land = k < cols and on_land((x - x0) / mw * 360 - 170, lat)
            if land and start is None:
                start = x
            elif not land and start is not None:
                runs.append(d("M", start, y, "H", x - step + 0.1))
                start = None
        y += step
    o.append(
        el(
            "path",
            d="".join(runs),
            stroke=p.mid,
            stroke_width=step * 0.5,
            stroke_linecap="round",
            stroke_dasharray=f"0.1 {num(step - 0.1)}",
        )
    )
    # network of linked cities
    n = r.randint(6, 8)
    nodes = [proj(lon + r.uniform(-2, 2), lat + r.uniform(-2, 2)) for lon, lat in r.sample(CITIES, n)]
    hub = nodes[0]
    links = []
    seen = set()
    for i, a in enumerate(nodes):
        targets = [0] if i else []
        order = sorted(range(n), key=lambda j: (nodes[j][0] - a[0]) ** 2 + (nodes[j][1] - a[1]) ** 2)
        targets.append(order[1])
        for j in targets:
            key = (min(i, j), max(i, j))
            if i == j or key in seen:
                continue
            seen.add(key)
            b = nodes[j]
            mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
            dist = math.hypot(b[0] - a[0], b[1] - a[1])
            links.append(d("M", a[0], a[1], "Q", mx, my - dist * 0.3, b[0], b[1]))
    o.append(el("path", d="".join(links), fill="none", stroke=p.accent, stroke_width=3, opacity=0.85))
    o.append(el("path", d=dots(nodes), stroke=p.bg, stroke_width=26, stroke_linecap="round"))
    o.append(el("path", d=dots(nodes), stroke=p.light, stroke_width=16, stroke_linecap="round"))
    o.append(el("path", d=dots(nodes), stroke=p.accent, stroke_width=9, stroke_linecap="round"))
    for rad, op in ((30, 0.55), (52, 0.3), (78, 0.15)):
        o.append(el("circle", cx=hub[0], cy=hub[1], r=rad, fill="none", stroke=p.accent, stroke_width=3, opacity=op))
    return o


def gauge(o, p, gx, gy, rad, value, width):
    def pt(t):
        a = math.pi * (1 - t)
        return gx + rad * math.cos(a), gy - rad * math.sin(a)

    sx, sy = pt(0)
    ex, ey = pt(1)
    vx, vy = pt(value)
    o.append(el("path", d=d("M", sx, sy, "A", rad, rad, 0, 0, 1, ex, ey), fill="none", stroke=p.bg2, stroke_width=width))
    colour = p.accent if value > 0.7 else p.mid2
    o.append(
        el("path", d=d("M", sx, sy, "A", rad, rad, 0, 0, 1, vx, vy), fill="none", stroke=colour, stroke_width=width)
    )
    nx, ny = gx + (vx - gx) * 0.75, gy + (vy - gy) * 0.75
    o.append(el("path", d=d("M", gx, gy, "L", nx, ny), stroke=p.light, stroke_width=5, stroke_linecap="round"))
    o.append(el("circle", cx=gx, cy=gy, r=8, fill=p.light))


def hero_soc(r: Rng, p: Palette) -> list[str]:
    o: list[str] = []
    background(r, p, o)
    desk = 615
    o.append(el("rect", y=desk, width=W, height=H - desk, fill=p.bg2))
    mx0, my0, mx1, my1 = 90, 40, 1110, 560
    o.append(rrect(560, my1, 80, desk - my1, 0, fill=p.mid))
    o.append(rrect(470, desk - 14, 260, 18, 9, fill=p.mid))
    o.append(rrect(mx0, my0, mx1 - mx0, my1 - my0, 22, fill=p.mid))
    screen = mix(p.bg, "#000000", 0.3)
    sx0, sy0, sx1, sy1 = mx0 + 22, my0 + 22, mx1 - 22, my1 - 22
    o.append(rrect(sx0, sy0, sx1 - sx0, sy1 - sy0, 8, fill=screen))
    tile = mix(screen, p.mid, 0.28)
    # header bar
    o.append(rrect(sx0 + 16, sy0 + 14, sx1 - sx0 - 32, 30, 6, fill=tile))
    o.append(el("path", d=dots([(sx0 + 36, sy0 + 29)]), stroke=p.accent, stroke_width=12, stroke_linecap="round"))
    o.append(
        el(
            "path",
            d=bars([(sx0 + 60, sy0 + 29, 120), (sx1 - 200, sy0 + 29, 50), (sx1 - 120, sy0 + 29, 70)]),
            stroke=p.mid,
            stroke_width=8,
            stroke_linecap="round",
        )
    )
    top0, top1 = sy0 + 58, sy0 + 270
    bot0, bot1 = top1 + 14, sy1 - 16
    left, right = sx0 + 16, sx1 - 16
    split = left + (right - left) * r.uniform(0.55, 0.64)
    wide_first = r.chance(0.5)
    if wide_first:
        line_box = (left, top0, split - 7, top1)
        gauge_box = (split + 7, top0, right, top1)
    else:
        gauge_box = (left, top0, left + (right - split) - 7, top1)
        line_box = (left + (right - split) + 7, top0, right, top1)
    for x0, y0, x1, y1 in (line_box, gauge_box):
        o.append(rrect(x0, y0, x1 - x0, y1 - y0, 8, fill=tile))
    # line chart
    x0, y0, x1, y1 = line_box
    grid = [(x0 + 24, y0 + 40 + k * (y1 - y0 - 70) / 3, x1 - x0 - 48) for k in range(4)]
    o.append(el("path", d=bars(grid), stroke=p.bg2, stroke_width=2))
    npts = 13
    v = r.uniform(0.3, 0.6)
    pts = []
    for k in range(npts):
        v = min(0.95, max(0.08, v + r.uniform(-0.22, 0.22)))
        if k == npts - 4:
            v = r.uniform(0.85, 0.95)
        pts.append((x0 + 24 + k * (x1 - x0 - 48) / (npts - 1), y1 - 30 - v * (y1 - y0 - 70)))
    base = y1 - 30
    o.append(el("path", d=line_path([(pts[0][0], base)] + pts + [(pts[-1][0], base)]) + "z", fill=p.mid2, opacity=0.25))
    o.append(el("path", d=line_path(pts), fill="none", stroke=p.mid2, stroke_width=5, stroke_linejoin="round"))
    peak = pts[npts - 4]
    o.append(el("circle", cx=peak[0], cy=peak[1], r=10, fill=p.accent))
    o.append(el("circle", cx=peak[0], cy=peak[1], r=20, fill="none", stroke=p.accent, stroke_width=3, opacity=0.5))
    # gauges
    x0, y0, x1, y1 = gauge_box
    ng = 2 if x1 - x0 < 420 else 3
    cw = (x1 - x0) / ng
    rad = min(cw * 0.36, 64)
    for k in range(ng):
        gx = x0 + cw * (k + 0.5)
        gauge(o, p, gx, y0 + (y1 - y0) * 0.58, rad, r.uniform(0.2, 0.95), 16)
    o.append(
        el(
            "path",
            d=bars([(x0 + cw * (k + 0.5) - 30, y1 - 36, 60) for k in range(ng)]),
            stroke=p.mid,
            stroke_width=8,
            stroke_linecap="round",
        )
    )
    # bottom row: bars, alert list, donut
    wbar = (right - left) * r.uniform(0.36, 0.44)
    wlist = (right - left) * 0.33
    b_box = (left, bot0, left + wbar, bot1)
    l_box = (left + wbar + 14, bot0, left + wbar + 14 + wlist, bot1)
    d_box = (l_box[2] + 14, bot0, right, bot1)
    if r.chance(0.5):
        b_box, l_box = (right - wbar, bot0, right, bot1), (d_box[2] - wbar - 14 - wlist, bot0, right - wbar - 14, bot1)
        d_box = (left, bot0, l_box[0] - 14, bot1)
    for x0, y0, x1, y1 in (b_box, l_box, d_box):
        o.append(rrect(x0, y0, x1 - x0, y1 - y0, 8, fill=tile))
    x0, y0, x1, y1 = b_box
    nb = r.randint(7, 10)
    bw = (x1 - x0 - 40) / nb
    hot = r.randint(0, nb - 1)
    norm, hi = [], []
    for k in range(nb):
        hgt = r.uniform(0.2, 0.75) * (y1 - y0 - 40) if k != hot else (y1 - y0 - 40) * 0.92
        bx = x0 + 20 + k * bw + bw * 0.15
        (hi if k == hot else norm).append(d("M", bx, y1 - 20, "v", -hgt, "h", bw * 0.7, "v", hgt, "z"))
    o.append(el("path", d="".join(norm), fill=p.mid2))
    o.append(el("path", d="".join(hi), fill=p.accent))
    x0, y0, x1, y1 = l_box
    rows = 4
    rh = (y1 - y0 - 24) / rows
    status = {p.accent: [], p.mid2: [], p.light: []}
    texts = []
    for k in range(rows):
        yy = y0 + 12 + rh * (k + 0.5)
        status[r.choice((p.accent, p.mid2, p.mid2, p.light))].append((x0 + 26, yy))
        texts.append((x0 + 50, yy, r.uniform(0.35, 0.75) * (x1 - x0 - 80)))
    for c, pts2 in status.items():
        if pts2:
            o.append(el("path", d=dots(pts2), stroke=c, stroke_width=14, stroke_linecap="round"))
    o.append(el("path", d=bars(texts), stroke=p.mid, stroke_width=10, stroke_linecap="round"))
    x0, y0, x1, y1 = d_box
    dcx, dcy = (x0 + x1) / 2, (y0 + y1) / 2
    drad = min(x1 - x0, y1 - y0) * 0.3
    share = r.randint(45, 85)
    o.append(el("circle", cx=dcx, cy=dcy, r=drad, fill="none", stroke=p.bg2, stroke_width=drad * 0.45))
    o.append(
        el(
            "circle",
            cx=dcx,
            cy=dcy,
            r=drad,
            fill="none",
            stroke=p.accent,
            stroke_width=drad * 0.45,
            pathLength=100,
            stroke_dasharray=f"{share} 100",
            transform=f"rotate(-90 {num(dcx)} {num(dcy)})",
        )
    )
    return o


def hero_ics(r: Rng, p: Palette) -> list[str]:
    o: list[str] = []
    background(r, p, o, blobs=1)
    o.append(el("circle", cx=r.uniform(100, 700), cy=r.uniform(90, 160), r=r.uniform(40, 60), fill=p.mid, opacity=0.5))
    ground = r.uniform(520, 555)
    s: list[str] = []  # the scene, possibly mirrored
    s.append(el("rect", y=ground, width=W, height=H - ground, fill=p.bg2))
    wall = p.mid
    # chimneys with smoke
    chim = []
    smoke = []
    for k in range(r.randint(2, 3)):
        cx = r.uniform(110, 300) + k * 110
        top = r.uniform(120, 200)
        cw = r.uniform(34, 46)
        chim.append(d("M", cx - cw / 2, ground, "L", cx - cw * 0.38, top, "h", cw * 0.76, "L", cx + cw / 2, ground, "z"))
        s.append(el("rect", x=cx - cw * 0.42, y=top + 18, width=cw * 0.84, height=12, fill=p.accent))
        for j in range(3):
            smoke.append(el("circle", cx=cx + 18 + j * 26, cy=top - 22 - j * 26, r=14 + j * 7))
    s.insert(1, el("path", d="".join(chim), fill=mix(p.mid, p.bg, 0.25)))
    s.insert(1, group(smoke, fill=p.mid2, opacity=0.35))
    # saw-tooth hall
    hx0, hx1 = r.uniform(60, 100), r.uniform(480, 540)
    hy = ground - r.uniform(150, 190)
    teeth = r.randint(3, 5)
    tw = (hx1 - hx0) / teeth
    pts = [(hx0, ground), (hx0, hy)]
    for k in range(teeth):
        pts += [(hx0 + k * tw, hy - 50), (hx0 + (k + 1) * tw, hy)]
    pts.append((hx1, ground))
    s.append(el("path", d=poly(pts), fill=wall))
    glass = [poly([(hx0 + k * tw + 6, hy - 40), (hx0 + k * tw + 6, hy - 6), (hx0 + (k + 1) * tw - 14, hy - 6)]) for k in range(teeth)]
    s.append(el("path", d="".join(glass), fill=p.mid2))
    win = []
    for k in range(int((hx1 - hx0 - 40) // 60)):
        win.append(d("M", hx0 + 30 + k * 60, hy + 30, "h", 36, "v", 50, "h", -36, "z"))
    s.append(el("path", d="".join(win), fill=mix(p.bg, p.accent, 0.25)))
    s.append(rrect(hx0 + (hx1 - hx0) * 0.55, ground - 80, 70, 80, 4, fill=p.bg2))
    # tanks
    px0, px1 = r.uniform(790, 830), r.uniform(1110, 1150)
    tanks = []
    tx = hx1 + r.uniform(40, 60)
    for k in range(3):
        tw2 = r.uniform(75, 100)
        th = r.uniform(130, 220)
        if tanks and tx > px0 - 70:
            break
        tanks.append((tx, tw2, th))
        tx += tw2 + r.uniform(24, 36)
    for x, tw2, th in tanks:
        s.append(rrect(x, ground - th, tw2, th, tw2 * 0.18, fill=p.mid2))
        s.append(el("rect", x=x, y=ground - th * 0.55, width=tw2, height=10, fill=mix(p.mid2, p.bg, 0.3)))
    # pipes linking hall and tanks
    pipes = []
    py = ground - r.uniform(40, 70)
    pipes.append(line_path([(hx1 - 10, py), (tanks[-1][0] + tanks[-1][1] / 2, py)]))
    hy2 = hy - r.uniform(10, 40)
    for x, tw2, th in tanks:
        top = ground - th
        pipes.append(line_path([(x + tw2 * 0.5, top + 4), (x + tw2 * 0.5, min(top - 30, hy2)), (hx1 - 60, min(top - 30, hy2)), (hx1 - 60, hy + 10)]))
    s.append(
        el(
            "path",
            d="".join(pipes),
            fill="none",
            stroke=p.light,
            stroke_width=14,
            stroke_linejoin="round",
            opacity=0.85,
        )
    )
    s.append(
        el(
            "path",
            d=dots([(x + tw2 * 0.5, ground - th - 4) for x, tw2, th in tanks] + [(hx1 - 10, py)]),
            stroke=p.accent,
            stroke_width=24,
            stroke_linecap="round",
        )
    )
    # control panel in the foreground
    ptop = r.uniform(250, 300)
    desk = ground + 60
    body = mix(p.bg2, p.mid, 0.4)
    s.append(rrect(px0, ptop, px1 - px0, desk - ptop, 14, fill=body))
    s.append(el("path", d=poly([(px0 - 30, desk - 70), (px1 + 30, desk - 70), (px1 + 10, desk), (px0 - 10, desk)]), fill=p.mid))
    s.append(el("rect", x=px0 + 20, y=desk, width=24, height=H - desk, fill=p.mid))
    s.append(el("rect", x=px1 - 44, y=desk, width=24, height=H - desk, fill=p.mid))
    scr = (px0 + 24, ptop + 24, px1 - px0 - 48, (desk - ptop) * 0.38)
    s.append(rrect(*scr, 6, fill=mix(p.bg, "#000000", 0.3)))
    trend = []
    v = r.uniform(0.3, 0.6)
    for k in range(9):
        v = min(0.9, max(0.1, v + r.uniform(-0.25, 0.25)))
        trend.append((scr[0] + 16 + k * (scr[2] - 32) / 8, scr[1] + scr[3] - 14 - v * (scr[3] - 28)))
    s.append(el("path", d=line_path(trend), fill="none", stroke=p.accent, stroke_width=4, stroke_linejoin="round"))
    ky = scr[1] + scr[3] + 40
    knobs = []
    for k in range(3):
        kx = px0 + 50 + k * (px1 - px0 - 100) / 2
        knobs.append(el("circle", cx=kx, cy=ky, r=18, fill=p.bg2))
        a = math.radians(r.uniform(-140, 140) - 90)
        knobs.append(
            el("path", d=d("M", kx, ky, "L", kx + 13 * math.cos(a), ky + 13 * math.sin(a)), stroke=p.light, stroke_width=4, stroke_linecap="round")
        )
    s.extend(knobs)
    bcols = {p.accent: [], p.mid2: [], p.light: []}
    for k in range(6):
        bx = px0 + 40 + k * (px1 - px0 - 80) / 5
        bcols[r.choice((p.accent, p.mid2, p.mid2, p.light))].append((bx, ky + 44))
    for c, pts2 in bcols.items():
        if pts2:
            s.append(el("path", d=dots(pts2), stroke=c, stroke_width=16, stroke_linecap="round"))
    sl = []
    for k in range(3):
        sy = ky + 74 + k * 18
        if sy > desk - 84:
            break
        sl.append((px0 + 40, sy, px1 - px0 - 80))
    if sl:
        s.append(el("path", d=bars(sl), stroke=p.bg2, stroke_width=6, stroke_linecap="round"))
        s.append(el("path", d=dots([(x + r.uniform(0.1, 0.9) * ln, y) for x, y, ln in sl]), stroke=p.light, stroke_width=14, stroke_linecap="round"))
    s.append(el("path", d=dots([(px1 - 40, ptop - 14)]), stroke=p.accent, stroke_width=22, stroke_linecap="round"))
    s.append(el("rect", x=px1 - 44, y=ptop - 12, width=8, height=12, fill=p.mid))
    o.append(mirrored(s) if r.chance(0.5) else "".join(s))
    return o


def hero_policy(r: Rng, p: Palette) -> list[str]:
    o: list[str] = []
    background(r, p, o)
    s: list[str] = []
    doc_left = r.chance(0.5)
    # network globe on one side
    gx, gy = (r.uniform(800, 880) if doc_left else r.uniform(320, 400)), r.uniform(320, 360)
    gr = r.uniform(190, 220)
    s.append(el("circle", cx=gx, cy=gy, r=gr + 30, fill=p.mid, opacity=0.25))
    s.append(el("circle", cx=gx, cy=gy, r=gr, fill=p.bg2, stroke=p.mid2, stroke_width=4))
    grid = []
    for k in (0.45, 0.8):
        grid.append(el("ellipse", cx=gx, cy=gy, rx=gr * k, ry=gr))
    grid.append(el("path", d=d("M", gx, gy - gr, "V", gy + gr)))
    chords = []
    for k in (-0.6, -0.3, 0, 0.3, 0.6):
        yy = gy + gr * k
        half = math.sqrt(gr * gr - (gr * k) ** 2)
        chords.append(d("M", gx - half, yy, "H", gx + half))
    grid.append(el("path", d="".join(chords)))
    tilt = r.uniform(-18, 18)
    s.append(group(grid, fill="none", stroke=p.mid, stroke_width=3, transform=f"rotate({num(tilt)} {num(gx)} {num(gy)})"))
    nodes = []
    for _ in range(r.randint(6, 8)):
        a = r.uniform(0, 2 * math.pi)
        rad = gr * math.sqrt(r.uniform(0.05, 0.8))
        nodes.append((gx + rad * math.cos(a), gy + rad * math.sin(a)))
    for _ in range(2):
        a = r.uniform(-2.6, -0.5)
        nodes.append((gx + (gr + 60) * math.cos(a), gy + (gr + 60) * math.sin(a)))
    links = []
    seen = set()
    for i, a in enumerate(nodes):
        order = sorted(range(len(nodes)), key=lambda j: (nodes[j][0] - a[0]) ** 2 + (nodes[j][1] - a[1]) ** 2)
        for j in order[1:3]:
            key = (min(i, j), max(i, j))
            if key not in seen:
                seen.add(key)
                links.append(line_path([a, nodes[j]]))
    s.append(el("path", d="".join(links), stroke=p.light, stroke_width=3, opacity=0.7))
    s.append(el("path", d=dots(nodes), stroke=p.light, stroke_width=18, stroke_linecap="round"))
    s.append(el("path", d=dots(nodes[::3]), stroke=p.accent, stroke_width=10, stroke_linecap="round"))
    # the document, tilted, in front on the left
    dw, dh = 330, 430
    dx, dy = (r.uniform(200, 290) if doc_left else r.uniform(580, 670)), r.uniform(105, 140)
    fold = 60
    paper = p.light
    doc = [
        el("path", d=d("M", dx + 14, dy + 18, "h", dw - fold, "l", fold, fold, "v", dh - fold, "h", -dw, "z"), fill="#000000", opacity=0.25),
        el("path", d=d("M", dx, dy, "h", dw - fold, "l", fold, fold, "v", dh - fold, "h", -dw, "z"), fill=paper),
        el("path", d=d("M", dx + dw - fold, dy, "v", fold, "h", fold, "z"), fill=mix(paper, p.mid, 0.4)),
        rrect(dx + 40, dy + 50, dw * 0.45, 20, 10, fill=p.bg2),
    ]
    lines = []
    y = dy + 110
    para = 0
    while y < dy + dh - 130:
        length = (dw - 80) * (r.uniform(0.45, 0.75) if para == 3 else r.uniform(0.85, 1))
        lines.append((dx + 40, y, length))
        para += 1
        y += 26
        if para == 4:
            para = 0
            y += 16
    doc.append(el("path", d=bars(lines), stroke=mix(paper, p.mid, 0.55), stroke_width=10, stroke_linecap="round"))
    sig_y = dy + dh - 70
    sig = d("M", dx + 44, sig_y)
    for k in range(r.randint(6, 9)):
        sig += d("q", 8, (-1 if k % 2 == 0 else 1) * r.uniform(10, 26), 16, r.uniform(-3, 3))
    sig += d("M", dx + 36, sig_y + 18, "q", 80, -8, 170, -3)
    doc.append(el("path", d=sig, fill="none", stroke=p.bg2, stroke_width=4, stroke_linecap="round", stroke_linejoin="round"))
    # the seal, with ribbons, over the bottom-right corner
    sx, sy = dx + dw - 70, dy + dh - 80
    ribbon = mix(p.accent, p.bg, 0.3)
    doc.append(el("path", d=poly([(sx - 40, sy), (sx - 62, sy + 110), (sx - 38, sy + 94), (sx - 20, sy + 116), (sx, sy)]), fill=ribbon))
    doc.append(el("path", d=poly([(sx + 40, sy), (sx + 62, sy + 110), (sx + 38, sy + 94), (sx + 20, sy + 116), (sx, sy)]), fill=ribbon))
    star = []
    for k in range(40):
        a = math.pi * 2 * k / 40
        rad = 72 if k % 2 == 0 else 62
        star.append((sx + rad * math.cos(a), sy + rad * math.sin(a)))
    doc.append(el("path", d=poly(star), fill=p.accent))
    doc.append(el("circle", cx=sx, cy=sy, r=48, fill="none", stroke=mix(p.accent, "#ffffff", 0.45), stroke_width=4))
    # a small civic building in the seal
    c = mix(p.accent, p.bg, 0.55)
    doc.append(
        el(
            "path",
            d=poly([(sx - 28, sy - 10), (sx, sy - 30), (sx + 28, sy - 10)])
            + d("M", sx - 28, sy + 22, "h", 56, "v", 8, "h", -56, "z")
            + "".join(d("M", sx + k, sy - 6, "h", 8, "v", 26, "h", -8, "z") for k in (-24, -4, 16)),
            fill=c,
        )
    )
    rot = r.uniform(-6, 4)
    s.append(group(doc, transform=f"rotate({num(rot)} {num(dx + dw / 2)} {num(dy + dh / 2)})"))
    o.extend(s)
    return o


def hero_appsec(r: Rng, p: Palette) -> list[str]:
    o: list[str] = []
    background(r, p, o)
    s: list[str] = []
    shield_right = r.chance(0.5)
    bw, bh = r.uniform(740, 800), r.uniform(470, 510)
    bx, by = r.uniform(70, 130), r.uniform(70, 100)
    if not shield_right:
        bx = W - bw - bx
    win = mix(p.bg2, p.mid, 0.35)
    s.append(rrect(bx + 16, by + 20, bw, bh, 18, fill="#000000", opacity=0.25))
    s.append(rrect(bx, by, bw, bh, 18, fill=win))
    s.append(el("path", d=d("M", bx, by + 60, "V", by + 18, "a", 18, 18, 0, 0, 1, 18, -18, "h", bw - 36, "a", 18, 18, 0, 0, 1, 18, 18, "v", 42, "z"), fill=p.mid))
    s.append(el("path", d=dots([(bx + 32, by + 30)]), stroke=p.accent, stroke_width=16, stroke_linecap="round"))
    s.append(el("path", d=dots([(bx + 58, by + 30), (bx + 84, by + 30)]), stroke=p.mid2, stroke_width=16, stroke_linecap="round"))
    s.append(el("path", d=bars([(bx + 140, by + 30, bw - 220)]), stroke=p.bg2, stroke_width=26, stroke_linecap="round"))
    s.append(el("path", d=bars([(bx + 170, by + 30, r.uniform(140, 260))]), stroke=p.mid, stroke_width=8, stroke_linecap="round"))
    # page content
    cx0, cy0 = bx + 40, by + 100
    layout = r.randint(0, 1)
    if layout == 0:
        s.append(rrect(cx0, cy0, bw - 80, 140, 10, fill=p.mid))
        m = [(cx0, cy0 + 140), (cx0 + 160, cy0 + 50), (cx0 + 260, cy0 + 110), (cx0 + 380, cy0 + 30), (cx0 + 520, cy0 + 140)]
        s.append(el("path", d=poly(m), fill=p.mid2, opacity=0.6))
        s.append(el("circle", cx=cx0 + 470, cy=cy0 + 40, r=22, fill=p.accent, opacity=0.8))
        ty = cy0 + 180
        col_w = (bw - 110) / 2
        text = []
        for col in range(2):
            for k in range(5):
                text.append((cx0 + col * (col_w + 30), ty + k * 28, col_w * (r.uniform(0.6, 0.95) if k < 4 else 0.5)))
        s.append(el("path", d=bars(text), stroke=p.mid, stroke_width=10, stroke_linecap="round"))
    else:
        side = 180
        s.append(rrect(cx0, cy0, side, bh - 140, 10, fill=p.mid, opacity=0.7))
        s.append(el("path", d=bars([(cx0 + 24, cy0 + 30 + k * 34, side * r.uniform(0.4, 0.7)) for k in range(6)]), stroke=p.mid2, stroke_width=10, stroke_linecap="round"))
        # code block with angle brackets
        kx, ky = cx0 + side + 40, cy0
        s.append(rrect(kx, ky, bw - side - 120, bh - 140, 10, fill=mix(p.bg, "#000000", 0.2)))
        s.append(
            el(
                "path",
                d=line_path([(kx + 60, ky + 40), (kx + 36, ky + 62), (kx + 60, ky + 84)])
                + line_path([(kx + 92, ky + 40), (kx + 116, ky + 62), (kx + 92, ky + 84)])
                + line_path([(kx + 84, ky + 36), (kx + 68, ky + 88)]),
                fill="none",
                stroke=p.accent,
                stroke_width=7,
                stroke_linecap="round",
                stroke_linejoin="round",
            )
        )
        code = []
        for k in range(8):
            code.append((kx + 40 + (k % 3) * 30, ky + 130 + k * 30, r.uniform(80, 240)))
        s.append(el("path", d=bars(code), stroke=p.mid2, stroke_width=10, stroke_linecap="round"))
    # shield in front, overlapping one of the window's edges
    sx, sy = (bx + bw + r.uniform(-10, 30) if shield_right else bx - r.uniform(-10, 30)), by + bh * r.uniform(0.52, 0.62)
    ss = r.uniform(165, 190)
    s.append(el("circle", cx=sx, cy=sy, r=ss * 1.25, fill=p.accent, opacity=0.12))
    s.append(el("path", d=shield_path(sx + 12, sy + 16, ss), fill="#000000", opacity=0.3))
    s.append(el("path", d=shield_path(sx, sy, ss), fill=p.accent))
    s.append(el("path", d=shield_path(sx, sy, ss * 0.8), fill="none", stroke=mix(p.accent, "#ffffff", 0.4), stroke_width=6))
    if r.chance(0.6):
        s.append(
            el(
                "path",
                d=line_path([(sx - ss * 0.3, sy + ss * 0.02), (sx - ss * 0.06, sy + ss * 0.26), (sx + ss * 0.34, sy - ss * 0.2)]),
                fill="none",
                stroke=p.bg,
                stroke_width=ss * 0.12,
                stroke_linecap="round",
                stroke_linejoin="round",
            )
        )
    else:
        kr = ss * 0.12
        s.append(
            el(
                "path",
                d=d("M", sx, sy - ss * 0.1, "m", -kr, 0, "a", kr, kr, 0, 1, 1, kr * 2, 0, "l", -kr * 0.3, kr * 2.6, "h", -kr * 1.4, "z"),
                fill=p.bg,
            )
        )
    o.extend(s)
    return o


def hero_cloud(r: Rng, p: Palette) -> list[str]:
    o: list[str] = []
    background(r, p, o)
    lx = r.uniform(520, 680)
    lw = r.uniform(190, 220)
    lby = r.uniform(430, 455)
    lmid = lby + lw * 0.78 * 0.5
    bus = lby - lw * 0.5 - r.uniform(50, 70)
    ntop = r.randint(3, 4)
    clouds = []  # (x, y, size, where the link leaves it)
    span = (W - 360) / (ntop - 1)
    for k in range(ntop):
        sz = r.uniform(85, 120) if ntop == 3 else r.uniform(75, 100)
        x = 180 + k * span + r.uniform(-40, 40)
        y = r.uniform(118, max(118, bus - sz * 0.5 - 45))
        clouds.append((x, y, sz, (x + sz * 0.08, y + sz * 0.5)))
    for side in (-1, 1):
        if r.chance(0.4):
            sz = r.uniform(70, 95)
            x = lx + side * r.uniform(360, 440)
            x = min(W - sz - 30, max(sz + 30, x))
            clouds.append((x, lmid - sz * 0.25, sz, (x - side * sz, lmid)))
    links, joints, packets = [], [], []
    xs = [c[3][0] for c in clouds if c[1] < bus] + [lx]
    links.append(d("M", min(xs), bus, "H", max(xs)))
    links.append(d("M", lx, bus, "V", lby - lw * 0.5 - lw * 0.065))
    joints.append((lx, bus))
    for x, y, sz, (ax, ay) in clouds:
        if y < bus:
            links.append(d("M", ax, ay, "V", bus))
            joints.append((ax, bus))
            packets.append((ax, ay + (bus - ay) * r.uniform(0.35, 0.65)))
        else:
            end = lx - lw / 2 if ax < lx else lx + lw / 2
            links.append(d("M", ax, ay, "H", end))
            packets.append((ax + (end - ax) * r.uniform(0.3, 0.6), ay))
    o.append(
        el(
            "path",
            d="".join(links),
            fill="none",
            stroke=p.mid2,
            stroke_width=5,
            stroke_dasharray="2 14" if r.chance(0.5) else None,
            stroke_linecap="round",
        )
    )
    o.append(el("path", d=dots(joints), stroke=p.mid2, stroke_width=14, stroke_linecap="round"))
    o.append(el("path", d=dots(packets), stroke=p.accent, stroke_width=16, stroke_linecap="round"))
    for i, (x, y, sz, _) in enumerate(clouds):
        cloud(o, x + 10, y + 12, sz, "#000000", opacity=0.25)
        cloud(o, x, y, sz, p.light if i % 2 == 0 else mix(p.light, p.mid2, 0.35))
    o.append(el("circle", cx=lx, cy=lby + lw * 0.3, r=lw * 1.05, fill=p.accent, opacity=0.12))
    padlock(o, lx, lby, lw, p.accent, p.light, p.bg)
    return o


def hero_generic(r: Rng, p: Palette) -> list[str]:
    o: list[str] = []
    background(r, p, o)
    pts = []
    cols, rows = 7, 4
    for i in range(cols):
        for j in range(rows):
            pts.append((80 + i * 1040 / (cols - 1) + r.uniform(-60, 60), 90 + j * 495 / (rows - 1) + r.uniform(-50, 50)))
    links = []
    seen = set()
    for i, a in enumerate(pts):
        order = sorted(range(len(pts)), key=lambda j: (pts[j][0] - a[0]) ** 2 + (pts[j][1] - a[1]) ** 2)
        for j in order[1:4]:
            key = (min(i, j), max(i, j))
            if key not in seen:
                seen.add(key)
                links.append(line_path([a, pts[j]]))
    o.append(el("path", d="".join(links), stroke=p.mid, stroke_width=3))
    big = r.sample(range(len(pts)), 5)
    o.append(el("path", d=dots(pts), stroke=p.mid2, stroke_width=16, stroke_linecap="round"))
    o.append(el("path", d=dots([pts[i] for i in big]), stroke=p.accent, stroke_width=30, stroke_linecap="round"))
    o.append(el("path", d=dots([pts[i] for i in big]), stroke=p.bg, stroke_width=12, stroke_linecap="round"))
    return o


SECTIONS = {
    "cyberattacks-data-breaches": hero_breach,
    "vulnerabilities-threats": hero_vuln,
    "threat-intelligence": hero_intel,
    "cybersecurity-operations": hero_soc,
    "ics-ot-security": hero_ics,
    "policy": hero_policy,
    "application-security": hero_appsec,
    "cloud-security": hero_cloud,
}


def draw_hero(slug: str, section: str) -> str:
    r = Rng("hero:" + slug)
    p = r.choice(PALETTES)
    return svg(W, H, SECTIONS.get(section, hero_generic)(r, p))


# ---------------------------------------------------------------- portraits

SKIN = ["#f3d2b8", "#e8b894", "#d49c74", "#b97d56", "#8f5b3b", "#6b432b", "#f0c8a0", "#c68a62"]
HAIR = ["#1f1a17", "#2f221b", "#4a3325", "#6e4a2f", "#a8703c", "#c9a15e", "#8d8a86", "#3b2a2a", "#d8d4cc"]
PORTRAIT_BG = ["#2c4a6e", "#3d5a4c", "#5a3d5c", "#6e4a3a", "#34495e", "#4a4f5c", "#2d6169", "#574677", "#7a5c2e", "#35557f"]
SHIRT = ["#c9d6e3", "#e3e5f7", "#b3261e", "#1d1f24", "#e9c46a", "#4c8db5", "#e76f51", "#dfe6ee", "#6a9479", "#8470a8"]


def distance(a: str, b: str) -> float:
    return math.dist([int(a[i : i + 2], 16) for i in (1, 3, 5)], [int(b[i : i + 2], 16) for i in (1, 3, 5)])


def draw_portrait(slug: str) -> str:
    r = Rng("portrait:" + slug)
    bg = r.choice(PORTRAIT_BG)
    skin = r.choice(SKIN)
    hair = r.choice([h for h in HAIR if distance(h, skin) > 80])
    shirt = r.choice([c for c in SHIRT if c != bg])
    o: list[str] = [el("rect", width=160, height=160, fill=bg)]
    o.append(el("circle", cx=r.uniform(20, 140), cy=r.uniform(10, 60), r=r.uniform(40, 70), fill=mix(bg, "#ffffff", 0.1)))
    hx, hy = 80, r.uniform(64, 70)
    hrx, hry = r.uniform(25, 29), r.uniform(30, 33)
    style = r.randint(0, 5)
    sw = r.uniform(54, 62)  # shoulder half-width
    # long hair sits behind everything else
    if style == 1:
        o.append(el("path", d=d("M", hx - hrx - 6, hy, "C", hx - hrx - 8, hy - hry * 1.5, hx + hrx + 8, hy - hry * 1.5, hx + hrx + 6, hy, "L", hx + hrx + 10, hy + 56, "H", hx - hrx - 10, "z"), fill=hair))
    neck_dark = mix(skin, "#000000", 0.15)
    o.append(el("rect", x=hx - 12, y=hy + hry - 10, width=24, height=30, fill=neck_dark))
    top = hy + hry + 14
    o.append(el("path", d=d("M", hx - sw - 14, 160, "C", hx - sw - 10, top + 6, hx - 30, top, hx, top, "S", hx + sw + 10, top + 6, hx + sw + 14, 160, "z"), fill=shirt))
    collar = r.randint(0, 2)
    if collar == 0:
        o.append(el("path", d=poly([(hx - 14, top - 1), (hx, top + 22), (hx + 14, top - 1)]), fill=neck_dark))
    elif collar == 1:
        o.append(el("path", d=poly([(hx - 16, top - 2), (hx - 2, top + 16), (hx - 24, top + 8)]) + poly([(hx + 16, top - 2), (hx + 2, top + 16), (hx + 24, top + 8)]), fill=mix(shirt, "#ffffff", 0.55)))
        o.append(el("path", d=poly([(hx - 5, top + 10), (hx + 5, top + 10), (hx + 7, 160), (hx - 7, 160)]), fill=mix(shirt, "#000000", 0.35)))
    else:
        o.append(el("path", d=d("M", hx - 14, top - 1, "Q", hx, top + 14, hx + 14, top - 1, "z"), fill=neck_dark))
    o.append(el("ellipse", cx=hx - hrx, cy=hy + 4, rx=6, ry=8, fill=skin))
    o.append(el("ellipse", cx=hx + hrx, cy=hy + 4, rx=6, ry=8, fill=skin))
    o.append(el("ellipse", cx=hx, cy=hy, rx=hrx, ry=hry, fill=skin))
    part = r.uniform(-0.5, 0.5)
    volume = r.uniform(1.75, 1.95)
    cap = d(
        "M", hx - hrx - 3, hy + 6,
        "C", hx - hrx - 5, hy - hry * volume, hx + hrx + 5, hy - hry * volume, hx + hrx + 3, hy + 6,
        "C", hx + hrx - 2, hy - hry * 0.3, hx + hrx * part + 8, hy - hry * 0.3, hx + hrx * part, hy - hry * 0.5,
        "C", hx + hrx * part - 10, hy - hry * 0.3, hx - hrx + 2, hy - hry * 0.35, hx - hrx - 3, hy + 6,
        "z",
    )  # fmt: skip
    if style in (0, 1, 5):
        o.append(el("path", d=cap, fill=hair))
    elif style == 2:
        o.append(el("circle", cx=hx + r.uniform(-8, 8), cy=hy - hry - 6, r=14, fill=hair))
        o.append(el("path", d=cap, fill=hair))
    elif style == 3:
        o.append(el("path", d=d("M", hx - hrx, hy - 2, "C", hx - hrx, hy - hry * 1.62, hx + hrx, hy - hry * 1.62, hx + hrx, hy - 2, "C", hx + hrx * 0.6, hy - hry * 0.62, hx - hrx * 0.6, hy - hry * 0.62, hx - hrx, hy - 2, "z"), fill=hair, opacity=0.85))
    else:
        curls = []
        for k in range(9):
            a = math.pi * (1.05 + k * 0.9 / 8)
            curls.append((hx + (hrx + 2) * math.cos(a), hy - 6 + (hry + 4) * math.sin(a)))
        curls += [(hx - 10, hy - hry + 2), (hx + 10, hy - hry + 2), (hx, hy - hry - 4)]
        o.append(el("path", d=dots(curls), stroke=hair, stroke_width=22, stroke_linecap="round"))
    if style in (0, 3, 5) and r.chance(0.35):
        o.append(el("path", d=d("M", hx - hrx + 2, hy + 8, "C", hx - hrx + 3, hy + hry + 18, hx + hrx - 3, hy + hry + 18, hx + hrx - 2, hy + 8, "C", hx + 12, hy + hry * 0.75, hx - 12, hy + hry * 0.75, hx - hrx + 2, hy + 8, "z"), fill=hair))
    if r.chance(0.3):
        gy = hy + 2
        o.append(
            el(
                "path",
                d=d("M", hx - 4, gy, "m", -16, 0, "a", 8, 8, 0, 1, 0, 16, 0, "a", 8, 8, 0, 1, 0, -16, 0)
                + d("M", hx + 4, gy, "a", 8, 8, 0, 1, 0, 16, 0, "a", 8, 8, 0, 1, 0, -16, 0, "M", hx - 4, gy, "h", 8),
                fill="none",
                stroke=r.choice(("#1f1a17", "#5a3d2e", "#8d8a86")),
                stroke_width=3,
            )
        )
    return svg(160, 160, o)


# ---------------------------------------------------------------- logo


def draw_logo() -> str:
    red = "#b3261e"
    o = [el("rect", width=512, height=512, rx=112, fill=red)]
    # a bold D: a stem plus a half-round bowl, with a counter cut out
    x0, top, bot = 164, 112, 400
    cy, rr = (top + bot) / 2, (bot - top) / 2
    stem = 70
    inner = rr - stem
    outer = d("M", x0, top, "H", x0 + 100, "A", rr, rr, 0, 0, 1, x0 + 100, bot, "H", x0, "z")
    counter = d("M", x0 + stem, top + stem, "V", bot - stem, "H", x0 + 100, "A", inner, inner, 0, 0, 0, x0 + 100, top + stem, "z")
    o.append(el("path", d=outer + counter, fill="#ffffff"))
    # dispatch "speed" cuts through the stem
    o.append(el("path", d=d("M", x0 - 2, cy - 28, "h", 46, "v", 16, "h", -46, "z", "M", x0 - 2, cy + 12, "h", 30, "v", 16, "h", -30, "z"), fill=red))
    o.append(el("path", d=bars([(108, cy - 20, 26), (120, cy + 20, 14)]), stroke="#ffffff", stroke_width=16, stroke_linecap="round"))
    return svg(512, 512, o)


# ---------------------------------------------------------------- main


def warn(msg: str) -> None:
    print(f"draw.py: warning: {msg}", file=sys.stderr)


def front_matter(path: Path) -> dict | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        warn(f"{path.name}: cannot read ({e}); skipped")
        return None
    lines = text.lstrip("\ufeff").split("\n")
    fences = [i for i, line in enumerate(lines) if line.rstrip("\r") == "+++"]
    if len(fences) < 2:
        warn(f"{path.name}: no +++ front matter yet; skipped")
        return None
    try:
        return tomllib.loads("\n".join(line.rstrip("\r") for line in lines[fences[0] + 1 : fences[1]]))
    except tomllib.TOMLDecodeError as e:
        warn(f"{path.name}: front matter does not parse ({e}); skipped")
        return None


def write(path: Path, content: str) -> None:
    data = content.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def remove_stale(folder: Path, keep: set[str]) -> None:
    for old in sorted(folder.glob("*.svg")):
        if old.stem not in keep:
            old.unlink()


def main() -> int:
    HEROES.mkdir(parents=True, exist_ok=True)
    PORTRAITS.mkdir(parents=True, exist_ok=True)

    heroes = 0
    articles = sorted(ARTICLES.glob("*.md")) if ARTICLES.is_dir() else []
    drawn = []
    for path in articles:
        meta = front_matter(path)
        if meta is None:
            continue
        section = meta.get("section")
        if not isinstance(section, str) or not section:
            warn(f"{path.name}: no `section` in front matter yet; skipped")
            continue
        hero = meta.get("hero")
        if isinstance(hero, dict) and not str(hero.get("src", "")).startswith("/content/images/heroes/"):
            continue  # a photograph (content/images/photos, `cargo xtask sample-photos`)
        if section not in SECTIONS:
            warn(f"{path.name}: unknown section `{section}`; drawing a generic pattern")
        write(HEROES / f"{path.stem}.svg", draw_hero(path.stem, section))
        drawn.append(path)
        heroes += 1

    portraits = 0
    authors = sorted(AUTHORS.glob("*.toml")) if AUTHORS.is_dir() else []
    for path in authors:
        try:
            meta = tomllib.loads(path.read_text(encoding="utf-8").lstrip("\ufeff"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
            warn(f"{path.name}: does not parse ({e}); skipped")
            continue
        if not isinstance(meta.get("name"), str) or not meta["name"].strip():
            warn(f"{path.name}: no `name` yet; skipped")
            continue
        write(PORTRAITS / f"{path.stem}.svg", draw_portrait(path.stem))
        portraits += 1

    write(IMAGES / "site-logo.svg", draw_logo())

    # an article or author that exists but does not parse yet keeps its image;
    # a missing folder is more likely a mistake than "everything was deleted"
    for folder, images, sources in ((ARTICLES, HEROES, drawn), (AUTHORS, PORTRAITS, authors)):
        if folder.is_dir():
            remove_stale(images, {p.stem for p in sources})
        else:
            warn(f"{folder.relative_to(ROOT)} does not exist; no stale images removed from it")

    print(f"drew {heroes} heroes, {portraits} portraits")
    return 0


if __name__ == "__main__":
    sys.exit(main())
