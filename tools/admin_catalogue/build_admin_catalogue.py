#!/usr/bin/env python3
"""Build the project's Vietnamese catalogues for the Wagtail admin.

Wagtail's own Vietnamese catalogues only cover a small fraction of the admin.
This tool:

1. reads the English template catalogues shipped inside the installed
   ``wagtail`` package (``wagtail/**/locale/en/LC_MESSAGES/{django,djangojs}.po``
   -- they are msgstr-empty templates, i.e. the full list of msgids) for the
   apps the editors use (``ADMIN_APPS`` below);
2. reads Wagtail's existing Vietnamese catalogues for the same apps;
3. reads our hand-written translations from ``tools/translations/*.tsv``;
4. writes ``portal/locale/vi/LC_MESSAGES/{django,djangojs}.po`` and compiles
   them with ``msgfmt --check`` to ``.mo``.

Translation sources (``translations/*.tsv``) are authored by hand, one entry
per line::

    <key><TAB><Vietnamese translation>

where ``<key>`` is :func:`entry_key` of the msgid (shown by the ``todo``
command).  ``\\n``, ``\\t`` and ``\\\\`` escapes are understood.  Lines
starting with ``#`` are comments.  For plural entries a single translation is
given (Vietnamese has ``nplurals=1``) and it goes to ``msgstr[0]``.  A
translation overrides Wagtail's own Vietnamese string for the same msgid.

Commands (run from the repository root)::

    python tools/admin_catalogue/build_admin_catalogue.py todo   # list untranslated msgids
    python tools/admin_catalogue/build_admin_catalogue.py build  # write .po + .mo
    python tools/admin_catalogue/build_admin_catalogue.py stats  # coverage per app

Only the standard library and GNU gettext's ``msgfmt`` are needed.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

TOOLS_DIR = Path(__file__).resolve().parent
LOCALE_DIR = TOOLS_DIR.parents[1] / "portal" / "locale"
TRANSLATIONS_DIR = TOOLS_DIR / "translations"
TODO_DIR = TOOLS_DIR / "todo"
OUTPUT_DIR = LOCALE_DIR / "vi" / "LC_MESSAGES"

# (label, path of the app relative to the wagtail package), in priority order.
# These are the apps behind the screens reporters, editors and approvers use.
ADMIN_APPS: list[tuple[str, str]] = [
    ("wagtail.admin", "admin"),
    ("wagtail", "."),
    ("wagtail.images", "images"),
    ("wagtail.documents", "documents"),
    ("wagtail.snippets", "snippets"),
    ("wagtail.users", "users"),
    ("wagtail.contrib.settings", "contrib/settings"),
    ("wagtail.search", "search"),
    ("wagtail.sites", "sites"),
    ("wagtail.contrib.forms", "contrib/forms"),
    ("wagtail.contrib.redirects", "contrib/redirects"),
]
DOMAINS = ("django", "djangojs")

# A few Django strings shown all over the Wagtail admin ("5 phút trước") that
# Django's own, outdated Vietnamese catalogue lacks (it still has "%d year").
# They are added to our django.po but are not part of the Wagtail coverage.
EXTRA_DJANGO_MSGIDS = {
    "%(num)d year",
    "%(num)d month",
    "%(num)d week",
    "%(num)d day",
    "%(num)d hour",
    "%(num)d minute",
}

HEADER = {
    "Project-Id-Version": "Dancu portal (Wagtail admin, Vietnamese)",
    "Report-Msgid-Bugs-To": "",
    "PO-Revision-Date": "2026-05-01 00:00+0700",
    "Last-Translator": "Dancu portal team",
    "Language-Team": "Vietnamese",
    "Language": "vi",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=1; plural=0;",
}


# --------------------------------------------------------------------------
# Minimal .po parser / writer
# --------------------------------------------------------------------------


@dataclass
class Entry:
    msgid: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    obsolete: bool = False

    @property
    def key(self) -> str:
        return entry_key(self.msgctxt, self.msgid)

    @property
    def translated(self) -> bool:
        if "fuzzy" in self.flags or self.obsolete:
            return False
        if self.msgid_plural is not None:
            return bool(self.msgstr_plural) and all(self.msgstr_plural.values())
        return bool(self.msgstr)

    @property
    def translation(self) -> str:
        if self.msgid_plural is not None:
            return self.msgstr_plural.get(0, "")
        return self.msgstr


def entry_key(msgctxt: str | None, msgid: str) -> str:
    raw = (msgctxt + "\x04" if msgctxt is not None else "") + msgid
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:7]


def _unquote(s: str) -> str:
    s = s.strip()
    if not (s.startswith('"') and s.endswith('"')):
        raise ValueError(f"bad po string: {s!r}")
    # po escapes are a subset of Python's
    return ast.literal_eval(s)


def parse_po(path: Path) -> list[Entry]:
    entries: list[Entry] = []
    cur: dict = {}
    last: tuple | None = None

    def flush():
        nonlocal cur, last
        if "msgid" in cur:
            e = Entry(
                msgid=cur["msgid"],
                msgctxt=cur.get("msgctxt"),
                msgid_plural=cur.get("msgid_plural"),
                msgstr=cur.get("msgstr", ""),
                msgstr_plural=cur.get("msgstr_plural", {}),
                flags=cur.get("flags", []),
                references=cur.get("references", []),
                obsolete=cur.get("obsolete", False),
            )
            entries.append(e)
        cur = {}
        last = None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip("\n")
        obsolete = False
        if line.startswith("#~"):
            obsolete = True
            line = line[2:].lstrip()
            if not line:
                continue
        if not line.strip():
            flush()
            continue
        if line.startswith("#,"):
            if "msgid" in cur:
                flush()
            cur.setdefault("flags", []).extend(f.strip() for f in line[2:].split(","))
            continue
        if line.startswith("#:"):
            if "msgid" in cur:
                flush()
            cur.setdefault("references", []).extend(line[2:].split())
            continue
        if line.startswith("#"):
            if "msgid" in cur:
                flush()
            continue
        if obsolete:
            cur["obsolete"] = True
        m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$', line)
        if m:
            kw, idx, val = m.group(1), m.group(2), _unquote(m.group(3))
            if kw in ("msgctxt",) and "msgid" in cur:
                flush()
            if kw == "msgid" and "msgid" in cur:
                flush()
            if idx is not None:
                cur.setdefault("msgstr_plural", {})[int(idx)] = val
                last = ("msgstr_plural", int(idx))
            else:
                cur[kw] = val
                last = (kw,)
            continue
        if line.startswith('"') and last is not None:
            val = _unquote(line)
            if last[0] == "msgstr_plural":
                cur["msgstr_plural"][last[1]] += val
            else:
                cur[last[0]] += val
            continue
        raise ValueError(f"{path}: cannot parse line {raw!r}")
    flush()
    return entries


def _quote(s: str) -> str:
    s = s.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")
    if "\n" in s[:-1]:
        parts = s.split("\n")
        lines = [p + "\\n" for p in parts[:-1]]
        if parts[-1]:
            lines.append(parts[-1])
        return '""\n' + "\n".join(f'"{ln}"' for ln in lines)
    return '"' + s.replace("\n", "\\n") + '"'


def write_po(path: Path, entries: list[Entry], comment: str) -> None:
    out = [f"# {line}".rstrip() for line in comment.splitlines()]
    out.append('msgid ""')
    out.append('msgstr ""')
    out.extend(f'"{k}: {v}\\n"' for k, v in HEADER.items())
    out.append("")
    for e in entries:
        if e.references:
            out.append("#: " + " ".join(e.references[:3]))
        flags = [f for f in e.flags if f != "fuzzy"]
        if flags:
            out.append("#, " + ", ".join(flags))
        if e.msgctxt is not None:
            out.append("msgctxt " + _quote(e.msgctxt))
        out.append("msgid " + _quote(e.msgid))
        if e.msgid_plural is not None:
            out.append("msgid_plural " + _quote(e.msgid_plural))
            out.append("msgstr[0] " + _quote(e.msgstr_plural.get(0, "")))
        else:
            out.append("msgstr " + _quote(e.msgstr))
        out.append("")
    path.write_text("\n".join(out), encoding="utf-8")


# --------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------


def wagtail_dir() -> Path:
    import wagtail

    return Path(wagtail.__file__).resolve().parent


def source_entries(domain: str) -> list[tuple[str, Entry]]:
    """(app label, entry) for every msgid of ADMIN_APPS, deduplicated by key."""
    base = wagtail_dir()
    seen: set[str] = set()
    result = []
    for label, rel in ADMIN_APPS:
        po = base / rel / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
        if not po.exists():
            continue
        for e in parse_po(po):
            if not e.msgid or e.obsolete or e.key in seen:
                continue
            seen.add(e.key)
            result.append((label, e))
    return result


def extra_entries(domain: str) -> list[tuple[str, Entry]]:
    """Django's own msgids listed in EXTRA_DJANGO_MSGIDS (django domain only)."""
    if domain != "django":
        return []
    import django

    po = Path(django.__file__).resolve().parent / "conf/locale/en/LC_MESSAGES/django.po"
    return [("django", e) for e in parse_po(po) if e.msgid in EXTRA_DJANGO_MSGIDS]


def wagtail_vi(domain: str) -> dict[str, Entry]:
    base = wagtail_dir()
    found: dict[str, Entry] = {}
    for _label, rel in ADMIN_APPS:
        po = base / rel / "locale" / "vi" / "LC_MESSAGES" / f"{domain}.po"
        if not po.exists():
            continue
        for e in parse_po(po):
            if e.msgid and e.translated:
                found.setdefault(e.key, e)
    return found


def _unescape(s: str) -> str:
    return re.sub(
        r"\\(.)", lambda m: {"n": "\n", "t": "\t", "\\": "\\"}.get(m.group(1), m.group(0)), s
    )


def our_translations() -> dict[str, tuple[str, str]]:
    """key -> (translation, source file:line)."""
    found: dict[str, tuple[str, str]] = {}
    for tsv in sorted(TRANSLATIONS_DIR.glob("*.tsv")):
        for n, line in enumerate(tsv.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            key, sep, text = line.partition("\t")
            if not sep:
                key, sep, text = line.partition(" ")
            key = key.strip()
            if not re.fullmatch(r"[0-9a-f]{7}", key):
                raise SystemExit(f"{tsv.name}:{n}: bad key {key!r}")
            found[key] = (_unescape(text), f"{tsv.name}:{n}")
    return found


# --------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------

PLACEHOLDER_RE = re.compile(
    r"%\([A-Za-z0-9_]+\)[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGcu%]"  # %(name)s
    r"|%[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGcu]"  # %s %d
    r"|\{[A-Za-z0-9_.]*(?:![rsa])?(?::[^{}]*)?\}"  # {name} {0} {}
    r"|</?[A-Za-z][^<>]*>"  # HTML tags
)


def placeholders(s: str) -> list[str]:
    found = PLACEHOLDER_RE.findall(s)
    # normalise HTML tags' attribute text away only if identical; keep as is
    return sorted(found)


def check(entry: Entry, text: str) -> list[str]:
    problems = []
    src = entry.msgid_plural if entry.msgid_plural is not None else entry.msgid
    want = placeholders(src)
    got = placeholders(text)
    if entry.msgid_plural is not None:
        # a singular msgid may use a different set; accept either's set
        if got != want and got != placeholders(entry.msgid):
            # plural forms may legitimately drop e.g. %(count)s only if the
            # singular also lacks it
            problems.append(f"placeholders {got} != {want}")
    elif got != want:
        problems.append(f"placeholders {got} != {want}")
    for a, b, what in (
        (src[: len(src) - len(src.lstrip())], text[: len(text) - len(text.lstrip())], "leading"),
        (src[len(src.rstrip()) :], text[len(text.rstrip()) :], "trailing"),
    ):
        if a != b:
            problems.append(f"{what} whitespace {a!r} != {b!r}")
    if not text.strip() and src.strip():
        problems.append("empty")
    return problems


# --------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------


def cmd_todo(args) -> int:
    ours = our_translations()
    TODO_DIR.mkdir(exist_ok=True)
    total = 0
    for domain in DOMAINS:
        have = wagtail_vi(domain)
        by_app: dict[str, list[Entry]] = {}
        for label, e in source_entries(domain):
            if e.key in ours or (e.key in have and not args.all):
                continue
            by_app.setdefault(label, []).append(e)
        for label, entries in by_app.items():
            path = TODO_DIR / f"{domain}-{label}.txt"
            lines = []
            for e in entries:
                s = e.msgid.replace("\n", "\\n")
                extra = ""
                if e.msgctxt is not None:
                    extra += f" [ctx={e.msgctxt}]"
                if e.msgid_plural is not None:
                    extra += f" [plural={e.msgid_plural.replace(chr(10), chr(92) + 'n')}]"
                lines.append(f"{e.key}\t{s}{extra}")
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            print(f"{path.relative_to(LOCALE_DIR)}: {len(entries)}")
            total += len(entries)
    print(f"total untranslated: {total}")
    return 0


def cmd_stats(args) -> int:
    ours = our_translations()
    grand = [0, 0]
    for domain in DOMAINS:
        have = wagtail_vi(domain)
        per: dict[str, list[int]] = {}
        for label, e in source_entries(domain):
            c = per.setdefault(label, [0, 0, 0])
            c[0] += 1
            if e.key in ours:
                c[1] += 1
            elif e.key in have:
                c[2] += 1
        for label, (n, mine, theirs) in per.items():
            print(
                f"{domain:9} {label:28} {n:5} msgids, {mine:5} ours, {theirs:4} wagtail's, "
                f"{100 * (mine + theirs) / n:5.1f}%"
            )
            grand[0] += n
            grand[1] += mine + theirs
    print(f"overall: {grand[1]}/{grand[0]} = {100 * grand[1] / grand[0]:.1f}%")
    return 0


GENERATED_REF_PREFIXES = tuple(f"{label}:" for label, _ in ADMIN_APPS) + ("django:",)


def project_entries(po: Path, generated: set[str]) -> list[Entry]:
    """Entries of an existing output catalogue that this tool did not generate.

    If someone runs ``makemessages -l vi`` for the project's own strings, they
    land in the same file; keep them (translated ones only) across rebuilds.
    """
    if not po.exists():
        return []
    kept = []
    for e in parse_po(po):
        if not e.msgid or e.obsolete or e.key in generated or not e.translated:
            continue
        if e.references and all(r.startswith(GENERATED_REF_PREFIXES) for r in e.references):
            continue
        kept.append(e)
    return kept


def cmd_build(args) -> int:
    ours = our_translations()
    used: set[str] = set()
    errors = 0
    for domain in DOMAINS:
        have = wagtail_vi(domain)
        out: list[Entry] = []
        for _label, e in source_entries(domain) + extra_entries(domain):
            text = None
            if e.key in ours:
                text, where = ours[e.key]
                used.add(e.key)
                problems = check(e, text)
                if problems:
                    errors += 1
                    print(f"{where}: {e.msgid[:60]!r}: {'; '.join(problems)}", file=sys.stderr)
                    text = None
            if text is None and e.key in have:
                text = have[e.key].translation
            if not text:
                continue
            new = Entry(
                msgid=e.msgid,
                msgctxt=e.msgctxt,
                msgid_plural=e.msgid_plural,
                flags=list(e.flags),
                references=[f"{_label}:{r}" for r in e.references[:1]],
            )
            if e.msgid_plural is not None:
                new.msgstr_plural = {0: text}
            else:
                new.msgstr = text
            out.append(new)
        po = OUTPUT_DIR / f"{domain}.po"
        OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
        out.extend(project_entries(po, {e.key for e in out}))
        write_po(
            po,
            out,
            "Vietnamese translations of the Wagtail admin for the Dancu portal.\n"
            "GENERATED by tools/admin_catalogue/build_admin_catalogue.py build -- do not edit;\n"
            "edit tools/admin_catalogue/translations/*.tsv instead.\n",
        )
        mo = po.with_suffix(".mo")
        res = subprocess.run(["msgfmt", "--check", "--statistics", "-o", str(mo), str(po)])
        if res.returncode:
            print(f"msgfmt --check failed for {po}", file=sys.stderr)
            errors += 1
            continue
        print(f"wrote {po.relative_to(TOOLS_DIR.parents[1])} ({len(out)} entries) and .mo")
    unused = set(ours) - used
    for key in sorted(unused):
        print(f"{ours[key][1]}: key {key} matches no msgid", file=sys.stderr)
    if errors or unused:
        print(f"{errors} invalid, {len(unused)} unmatched translations", file=sys.stderr)
        return 1
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("todo", help="write todo/<domain>-<app>.txt with untranslated msgids")
    p.add_argument("--all", action="store_true", help="also list msgids Wagtail already translates")
    sub.add_parser("stats", help="coverage per app")
    sub.add_parser("build", help="write and compile portal/locale/vi/LC_MESSAGES/*.po")
    args = parser.parse_args(argv)
    return {"todo": cmd_todo, "stats": cmd_stats, "build": cmd_build}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
