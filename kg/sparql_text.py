"""SPARQL text read as tokens: the read-only check the CLI (`aseankg sparql`) and the endpoint
share, and whether a query declares its own dataset or names graphs (the stores need to know).

The text is tokenised the way a SPARQL parser does (after the grammar's codepoint escapes
\\uXXXX and \\UXXXXXXXX are undone): IRIs, strings in their four quotings, comments, variables,
prefixed names, blank nodes, numbers and punctuation are tokens of their own, so a keyword can
only be a bare word. A query is refused when a bare word is an update operation (INSERT, DELETE,
LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY, WITH, DATA) or SERVICE (a query may never make the
store reach another endpoint), at any depth. Variables, prefixes, prefixed names and IRIs named
like those words ('?load', 'load:', 'ex:add', '<http://x/service>') are not bare words.
"""

from __future__ import annotations

import re
from functools import lru_cache

UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH", "DATA"}
FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


class ReadOnlyError(ValueError):
    """The text is not a read-only query; str() is one line (`refused` when it would write or
    reach out, otherwise a syntax problem)."""

    def __init__(self, message: str, refused: bool):
        super().__init__(message)
        self.refused = refused


CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")

# one alternative per token kind; order matters (longest forms first)
TOKENS = re.compile(
    r"""
  (?P<ws>\s+)
| (?P<comment>\#[^\n\r]*)
| (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
| (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
| (?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)
| (?P<bnode>_:[A-Za-z0-9_\u00C0-\uFFFF](?:[A-Za-z0-9_.\-\u00B7\u00C0-\uFFFF]*[A-Za-z0-9_\-\u00B7\u00C0-\uFFFF])?)
| (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
| (?P<pname>(?:[A-Za-z\u00C0-\uFFFF](?:[A-Za-z0-9_.\-\u00B7\u00C0-\uFFFF]*[A-Za-z0-9_\-\u00B7\u00C0-\uFFFF])?)?:
            (?:(?:[A-Za-z0-9_:\u00C0-\uFFFF]|%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])
               (?:(?:[A-Za-z0-9_.:\-\u00B7\u00C0-\uFFFF]|%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])*
                  (?:[A-Za-z0-9_:\-\u00B7\u00C0-\uFFFF]|%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]))?)?)
| (?P<number>[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?))
| (?P<word>[A-Za-z_][A-Za-z0-9_]*)
| (?P<punct>\^\^|\|\||&&|!=|<=|>=|[{}()\[\];,.*+/|^!=<>?-])
""",
    re.X,
)


def tokens(text: str):
    """(kind, text) of each token; an unknown character is a syntax problem."""
    text = CODEPOINT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)
    pos = 0
    while pos < len(text):
        m = TOKENS.match(text, pos)
        if not m or m.end() == pos:
            line = text.count("\n", 0, pos) + 1
            raise ReadOnlyError(f"SPARQL syntax error: unexpected {text[pos]!r} at line {line}", refused=False)
        if m.lastgroup not in ("ws", "comment"):
            yield m.lastgroup, m.group(0)
        pos = m.end()


@lru_cache(maxsize=512)
def words(query: str) -> frozenset[str]:
    """The keywords of a query, upper-cased (not its strings, IRIs or comments); empty when it
    does not even tokenise (the store will say why)."""
    try:
        return frozenset(text.upper() for kind, text in tokens(query) if kind == "word")
    except ReadOnlyError:
        return frozenset()


def declares_dataset(query: str) -> bool:
    """FROM or FROM NAMED: the query says which graphs it reads."""
    return "FROM" in words(query)


def without_dataset(query: str) -> str:
    """The query with its FROM and FROM NAMED clauses taken out: what the SPARQL Protocol's
    default-graph-uri/named-graph-uri mean ("override"), done before the text reaches a server
    that would merge them instead (Virtuoso 7)."""
    text = CODEPOINT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), query)
    out, pos, dropping = [], 0, 0
    while pos < len(text):
        m = TOKENS.match(text, pos)
        if not m or m.end() == pos:
            return query  # not even tokens: the server will say why
        kind, tok = m.lastgroup, m.group(0)
        if kind == "word" and tok.upper() == "FROM":
            dropping = 1
        elif dropping and kind == "word" and tok.upper() == "NAMED":
            pass
        elif dropping and kind in ("iri", "pname"):
            dropping = 0
        elif dropping and kind not in ("ws", "comment"):
            return query
        else:
            out.append(tok)
        pos = m.end()
    return "".join(out)


def names_graphs(query: str) -> bool:
    """GRAPH patterns or FROM NAMED: the query reaches into named graphs."""
    return bool(words(query) & {"GRAPH", "NAMED"})


@lru_cache(maxsize=1024)  # an endpoint sees the same queries again and again
def check_read_only(query: str) -> str:
    """The query form (SELECT, ASK, CONSTRUCT, DESCRIBE), or ReadOnlyError before anything runs."""
    form = None
    for kind, tok in tokens(query):
        if kind != "word":
            continue
        word = tok.upper()
        if word == "SERVICE":
            raise ReadOnlyError("SERVICE is refused: queries may not reach other endpoints", refused=True)
        if word in UPDATE_WORDS:
            raise ReadOnlyError(
                f"{word} is refused: this is read-only (SELECT, ASK, CONSTRUCT, DESCRIBE)", refused=True
            )
        if form is None and word in FORMS:
            form = word
    if form is None:
        raise ReadOnlyError("not a query: expected SELECT, ASK, CONSTRUCT or DESCRIBE", refused=False)
    return form
