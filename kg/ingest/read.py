"""Stage 1, read: bytes of a release -> header fields and body text (offsets count in the body).

A text release may open with a header block of `key: value` lines ended by the first blank
line. HTML is reduced to its main text. Anything else is refused with a one-line reason.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

MAX_BYTES = 5_000_000  # a press release is a few kB; anything this large is not one
HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]{0,40}):[ \t]*(.*)$")


class ReadError(ValueError):
    """The input is not a release we can read; str() is one line naming the reason."""


@dataclass
class Release:
    name: str
    raw: bytes
    sha256: str  # of the bytes as they are
    header: dict = field(default_factory=dict)
    body: str = ""
    kind: str = "text"
    text_sha256: str = ""  # of the text with LF line endings in Unicode NFC: the same text saved differently


def text_digest(text: str) -> str:
    """sha256 of a text once line endings and Unicode are normalised."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()


def _decode(raw: bytes, name: str) -> str:
    if not raw.strip():
        raise ReadError(f"{name}: empty file")
    if len(raw) > MAX_BYTES:
        raise ReadError(f"{name}: {len(raw)} bytes is larger than the {MAX_BYTES}-byte limit for a release")
    if b"\x00" in raw[:8192]:
        raise ReadError(f"{name}: binary file (NUL bytes), not a text or HTML release")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ReadError(f"{name}: not UTF-8 (invalid byte at offset {e.start})") from None
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > 8:
        raise ReadError(f"{name}: binary-looking content ({controls} control characters)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_header(text: str) -> tuple[dict, str]:
    """A header is recognised only when every line before the first blank line is `key: value`."""
    head, sep, rest = text.partition("\n\n")
    lines = head.split("\n")
    if not sep or not lines or not all(HEADER_LINE.match(line) for line in lines if line.strip()):
        return {}, text
    header = {}
    for line in lines:
        m = HEADER_LINE.match(line)
        if m:
            header[m.group(1).lower()] = m.group(2).strip()
    return header, rest


def read_text(raw: bytes, name: str) -> Release:
    text = _decode(raw, name)
    header, body = split_header(text)
    if not body.strip():
        raise ReadError(f"{name}: no body text after the header")
    return Release(name, raw, hashlib.sha256(raw).hexdigest(), header, body, "text", text_digest(text))


class _MainText(HTMLParser):
    """Collects visible text by block, the <title>, and a few <meta> fields."""

    SKIP = frozenset(
        {"script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form", "button"}
    )
    BLOCK = frozenset(
        {
            "p",
            "div",
            "br",
            "li",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "tr",
            "section",
            "article",
            "main",
            "blockquote",
            "dd",
            "dt",
            "table",
            "ul",
            "ol",
            "pre",
            "hr",
        }
    )

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: dict[str, list[str]] = {"article": [], "main": [], "body": []}
        self.depth = {"article": 0, "main": 0}
        self.skip = 0
        self.in_title = False
        self.title = ""
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta":
            key = (a.get("property") or a.get("name") or "").lower()
            if key and a.get("content"):
                self.meta.setdefault(key, a["content"].strip())
        elif tag == "link" and (a.get("rel") or "").lower() == "canonical" and a.get("href"):
            self.meta.setdefault("canonical", a["href"])
        if tag in self.SKIP:
            self.skip += 1
        if tag in self.depth:
            self.depth[tag] += 1
        if tag == "title":
            self.in_title = True
        if tag in self.BLOCK:
            self._emit("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        if self.depth.get(tag):
            self.depth[tag] -= 1
        if tag == "title":
            self.in_title = False
        if tag in self.BLOCK:
            self._emit("\n")

    def handle_data(self, data):
        if self.in_title:
            self.title += data
            return
        if not self.skip:
            self._emit(data)

    def _emit(self, s):
        self.parts["body"].append(s)
        for k, d in self.depth.items():
            if d:
                self.parts[k].append(s)

    def text(self) -> str:
        for k in ("article", "main", "body"):
            t = _tidy("".join(self.parts[k]))
            if len(t) > 40 or k == "body":
                return t
        return ""


def _tidy(s: str) -> str:
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in s.split("\n"))
    return "\n".join(line for line in lines if line)


def read_html(raw: bytes, name: str) -> Release:
    text = _decode(raw, name)
    p = _MainText()
    try:
        p.feed(text)
        p.close()
    except Exception as e:  # html.parser is lenient; guard anyway
        raise ReadError(f"{name}: unreadable HTML ({e})") from None
    body = p.text()
    if len(re.findall(r"\w+", body)) < 5:
        raise ReadError(f"{name}: HTML has no main text")
    header = {
        "title": _tidy(p.meta.get("og:title") or p.title) or None,
        "url": p.meta.get("og:url") or p.meta.get("canonical"),
        "publisher": p.meta.get("og:site_name"),
        "date": (p.meta.get("article:published_time") or p.meta.get("date") or "")[:10] or None,
    }
    return Release(
        name,
        raw,
        hashlib.sha256(raw).hexdigest(),
        {k: v for k, v in header.items() if v},
        body,
        "html",
        text_digest(text),
    )


READERS = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_text,
    "": read_text,
    ".html": read_html,
    ".htm": read_html,
}


def read_bytes(raw: bytes, name: str) -> Release:
    suffix = Path(name).suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        if raw.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
            reader = read_html
        else:
            reader = read_text
    if reader is read_text and raw.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        reader = read_html
    return reader(raw, name)


def read_path(path: str | Path) -> Release:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(f"{path}: {size} bytes is larger than the {MAX_BYTES}-byte limit for a release")
        raw = path.read_bytes()
    except OSError as e:
        raise ReadError(f"{path}: cannot read ({e.strerror})") from None
    return read_bytes(raw, str(path))
