#!/usr/bin/env python3
"""Builds the bad-input corpus of tests/corrupt/: one input per case, each paired with <name>.expected.

The outputs are committed, so the tests never need python; re-run this script after changing a case:
    python3 tests/corrupt/make_corrupt.py
Every output is deterministic (fixed zip timestamps), so re-running it without changes gives the same bytes.

<name>.expected format, one item per line ('#' starts a comment):
    exit: N            exit code of `framer validate <input>` (0 sound, 1 errors/unreadable, 3 with --strict)
    strict-exit: N     exit code of `framer validate --strict <input>` (when it differs from exit)
    contains: TEXT     a fragment the message must contain (file name, element, line:column, reason); each
                       fragment is checked in the CLI output and in the library's message (refi::Error::what()
                       or the formatted findings of read_project + validate)
    finding: ID        a finding id validate must report (for inputs the reader accepts)
    reader: throws     read_project must refuse the input with refi::Error
    reader: reads      read_project must accept it (the problem is reported by validate)
    max-xml-bytes: N   read with this ReadOptions::max_xml_bytes (the zip-bomb guard), in the library test
    library-contains: TEXT   a fragment checked in the library's message only (e.g. under max-xml-bytes)
    mayfail: WHY       the reader does not give the right message yet; the test runs under Catch2 [!mayfail]
"""

import io
import os
import struct
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
STAMP = (2024, 1, 1, 0, 0, 0)
NS = 'xmlns="urn:QDA-XML:project:1.0"'

USER = "A1B2C3D4-0000-4000-8000-000000000001"
CODE = "A1B2C3D4-0000-4000-8000-000000000002"
SOURCE = "A1B2C3D4-0000-4000-8000-000000000003"
SELECTION = "A1B2C3D4-0000-4000-8000-000000000004"
CODING = "A1B2C3D4-0000-4000-8000-000000000005"
TEXT_FILE = "A1B2C3D4-0000-4000-8000-0000000000AA.txt"
UNKNOWN = "A1B2C3D4-0000-4000-8000-00000000FFFF"


def project(codes, sources="", extra=""):
    """A small project.qde; each element on its own line so the expected line numbers are easy to read."""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'  # line 1
        f'<Project {NS} name="corrupt case" origin="Framer test corpus">\n'  # line 2
        f'<Users>\n<User guid="{USER}" name="Ana"/>\n</Users>\n'  # lines 3-5
        f"<CodeBook>\n<Codes>\n{codes}</Codes>\n</CodeBook>\n"  # codes start at line 8
        + (f"<Sources>\n{sources}</Sources>\n" if sources else "")
        + extra
        + "</Project>\n"
    )


def code(guid=CODE, name="Waiting", extra=""):
    return f'<Code guid="{guid}" name="{name}" isCodable="true"{extra}/>\n'


def text_source(start=0, end=5, code_ref=CODE, path=f"internal://{TEXT_FILE}", content=None):
    attrs = f'guid="{SOURCE}" name="Interview"' + (f' plainTextPath="{path}"' if path else "")
    body = f"<PlainTextContent>{content}</PlainTextContent>\n" if content is not None else ""
    return (
        f"<TextSource {attrs}>\n"
        + body
        + f'<PlainTextSelection guid="{SELECTION}" startPosition="{start}" endPosition="{end}">\n'
        f'<Coding guid="{CODING}">\n<CodeRef targetGUID="{code_ref}"/>\n</Coding>\n'
        "</PlainTextSelection>\n</TextSource>\n"
    )


def zip_bytes(entries):
    """entries: list of (name, bytes). Fixed timestamps, deflate."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, STAMP)  # ZipInfo keeps '..' and a leading '/' as given
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return buf.getvalue()


def write_expected(name, expected):
    with open(os.path.join(HERE, name + ".expected"), "w", encoding="utf-8", newline="\n") as f:
        f.write(expected.strip() + "\n")


def write(name, data, expected):
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(os.path.join(HERE, name), mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": "\n"})) as f:
        f.write(data)
    write_expected(name, expected)


def spaces_bomb(name, total, declared=None, wrong_crc=False):
    """A .qdpx whose project.qde is `total` spaces, deflated while streaming (never held in memory).
    With `declared`, the headers lie: they give that uncompressed size instead (a bomb that hides its size)."""
    chunk = b" " * (1 << 20)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = io.BytesIO()
    crc = 0
    left = total
    while left:
        part = chunk[: min(left, len(chunk))]
        crc = zlib.crc32(part, crc)
        data.write(comp.compress(part))
        left -= len(part)
    data.write(comp.flush())
    deflated = data.getvalue()
    size = total if declared is None else declared
    if wrong_crc:
        crc ^= 0x5A5A5A5A
    fname = b"project.qde"
    zip64 = size >= 0xFFFFFFFF or len(deflated) >= 0xFFFFFFFF
    dos_time, dos_date = 0, (2024 - 1980) << 9 | 1 << 5 | 1
    if zip64:
        extra_local = struct.pack("<HHQQ", 1, 16, size, len(deflated))
        local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 8, dos_time, dos_date, crc, 0xFFFFFFFF, 0xFFFFFFFF,
                            len(fname), len(extra_local)) + fname + extra_local
        extra_central = struct.pack("<HHQQ", 1, 16, size, len(deflated))
        central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, 8, dos_time, dos_date, crc, 0xFFFFFFFF,
                              0xFFFFFFFF, len(fname), len(extra_central), 0, 0, 0, 0o644 << 16, 0) + fname + extra_central
    else:
        local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, dos_time, dos_date, crc, len(deflated), size,
                            len(fname), 0) + fname
        central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, dos_time, dos_date, crc, len(deflated),
                              size, len(fname), 0, 0, 0, 0, 0o644 << 16, 0) + fname
    cd_offset = len(local) + len(deflated)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), cd_offset, 0)
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(local + deflated + central + end)


def main():
    good_text = "Hello".encode("utf-8")
    good_qde = project(code(), text_source(0, 5))
    good = zip_bytes([("project.qde", good_qde.encode()), ("sources/" + TEXT_FILE, good_text)])

    write("not-a-zip.qdpx", b"This is a text file, not a zip archive.\n" * 4, """
exit: 1
reader: throws
contains: not-a-zip.qdpx
contains: not a zip
""")

    write("truncated.qdpx", good[: len(good) // 2], """
# cut in half: the central directory is gone. libzip says "not a zip"; the reader says truncated.
exit: 1
reader: throws
contains: truncated.qdpx
contains: truncated or corrupt
""")

    # The central directory is intact but project.qde's deflated bytes are garbage: refused while inflating.
    local_end = 30 + len("project.qde")
    garbled = bytearray(good)
    for i in range(local_end + 8, local_end + 40):
        garbled[i] = 0xFF
    write("corrupt-data.qdpx", bytes(garbled), """
exit: 1
reader: throws
contains: corrupt-data.qdpx:project.qde
contains: corrupt
""")

    write("no-qde.qdpx", zip_bytes([("sources/" + TEXT_FILE, good_text), ("readme.txt", b"no project here")]), """
exit: 1
reader: throws
contains: no-qde.qdpx
contains: no project.qde
""")

    # Unclosed <Code>: pugixml reports the mismatched end tag; the message must name the file and line:col.
    bad_xml = project('<Code guid="%s" name="Waiting" isCodable="true">\n' % CODE)
    write("malformed-xml.qdpx", zip_bytes([("project.qde", bad_xml.encode())]), """
exit: 1
reader: throws
contains: malformed-xml.qdpx:project.qde:9:
contains: malformed XML
""")

    bad_xml_attr = project(code()).replace('name="Waiting"', 'name="Waiting', 1)
    write("malformed-attribute.qde", bad_xml_attr, """
# the unterminated attribute value is in the first <Code>, line 8
exit: 1
reader: throws
contains: malformed-attribute.qde:8:
contains: malformed XML
""")

    write("dotdot-entry.qdpx", zip_bytes([("project.qde", good_qde.encode()), ("sources/../../evil.txt", b"evil")]), """
exit: 1
reader: throws
contains: dotdot-entry.qdpx
contains: sources/../../evil.txt
contains: '..'
""")

    write("absolute-entry.qdpx", zip_bytes([("project.qde", good_qde.encode()), ("/tmp/framer-evil.txt", b"evil")]), """
exit: 1
reader: throws
contains: absolute-entry.qdpx
contains: /tmp/framer-evil.txt
contains: absolute
""")

    # The zip bomb: 3 GiB of spaces, declared honestly in the headers (zip64). ~3 MB on disk.
    spaces_bomb("bomb-3gib-spaces.qdpx", 3 << 30)
    write_expected("bomb-3gib-spaces.qdpx", """
exit: 1
reader: throws
contains: bomb-3gib-spaces.qdpx
contains: project.qde
contains: limit
""")

    # A bomb that lies: the headers say 1000 bytes, the data inflates to 64 MiB. Read with a 16 MiB cap, it must
    # be refused while inflating (the declared size cannot be trusted).
    spaces_bomb("bomb-lying-size.qdpx", 64 << 20, declared=1000)
    write_expected("bomb-lying-size.qdpx", """
exit: 1
reader: throws
max-xml-bytes: 16777216
contains: bomb-lying-size.qdpx
library-contains: more than its declared size
""")

    # Entries of 1 MiB and more are inflated in one step (libdeflate) into a buffer of the declared size:
    # the same lies must be caught on that path too.
    spaces_bomb("bomb-lying-size-large.qdpx", 8 << 20, declared=2 << 20)
    write_expected("bomb-lying-size-large.qdpx", """
exit: 1
reader: throws
contains: bomb-lying-size-large.qdpx:project.qde
library-contains: more than its declared size of 2097152 bytes
""")
    spaces_bomb("crc-mismatch-large.qdpx", 2 << 20, wrong_crc=True)
    write_expected("crc-mismatch-large.qdpx", """
exit: 1
reader: throws
contains: crc-mismatch-large.qdpx:project.qde
contains: CRC
""")

    latin1 = "Été à Paris".encode("latin-1")
    write("non-utf8-text.qdpx", zip_bytes([("project.qde", project(code(), text_source(0, 5)).encode()),
                                           ("sources/" + TEXT_FILE, latin1)]), f"""
exit: 1
finding: invalid-utf8
contains: {TEXT_FILE}
contains: UTF-8
""")

    write("dangling-coderef.qdpx", zip_bytes([("project.qde", project(code(), text_source(0, 5, UNKNOWN)).encode()),
                                              ("sources/" + TEXT_FILE, good_text)]), f"""
# a warning: the rest of the project still works
exit: 0
strict-exit: 3
reader: reads
finding: dangling-reference
contains: dangling-coderef.qdpx:project.qde:15:
contains: <CodeRef>
contains: {UNKNOWN}
""")

    write("position-beyond-text.qdpx",
          zip_bytes([("project.qde", project(code(), text_source(2, 9)).encode()), ("sources/" + TEXT_FILE, good_text)]),
          """
exit: 1
finding: position-out-of-range
contains: position-beyond-text.qdpx:project.qde:13:
contains: PlainTextSelection
contains: ends at 9
contains: 5 characters
""")

    write("position-negative.qde", project(code(), text_source(-4, 3, path=None, content="Hello")), """
exit: 1
contains: position-negative.qde:14:
contains: PlainTextSelection
contains: -4
""")

    write("position-inverted.qde", project(code(), text_source(4, 1, path=None, content="Hello")), """
exit: 1
contains: position-inverted.qde:14:
contains: PlainTextSelection
""")

    # A plainTextPath that tries to climb out of the archive: never resolved outside it, only reported absent.
    escape = text_source(0, 5, path="internal://../../../../../../etc/hostname")
    write("path-escape.qdpx", zip_bytes([("project.qde", project(code(), escape).encode()),
                                         ("sources/" + TEXT_FILE, good_text)]), """
exit: 0
strict-exit: 3
reader: reads
finding: missing-source-file
contains: path-escape.qdpx:project.qde:12:
contains: etc/hostname
""")

    dup = code() + code(CODE.lower(), "Waiting again")
    write("duplicate-guid.qde", project(dup), f"""
exit: 1
finding: duplicate-guid
contains: duplicate-guid.qde:9:
contains: <Code guid="{CODE.lower()}">
contains: line 8
""")

    write("code-without-guid.qde", project('<Code name="Waiting" isCodable="true"/>\n'), """
exit: 1
contains: code-without-guid.qde:8:
contains: Code
contains: guid
""")

    # Not well-formed XML that pugixml accepts: each is reported (line:column, stable id), not read silently.
    latin1_name = project(code(name="Caf\u00e9")).encode("utf-8").replace("Caf\u00e9".encode("utf-8"), b"Caf\xe9")
    write("invalid-utf8-attribute.qde", latin1_name, """
# a Latin-1 byte in name=: replaced by U+FFFD so nothing written later is invalid UTF-8
exit: 1
reader: reads
finding: invalid-utf8
contains: invalid-utf8-attribute.qde:8:
contains: 0xE9
""")

    write("invalid-utf8-text.qde", project(code(), text_source(0, 3, path=None, content="Hello")).encode("utf-8")
          .replace(b"Hello", b"He\xffllo"), """
exit: 1
reader: reads
finding: invalid-utf8
contains: invalid-utf8-text.qde:13:
contains: 0xFF
""")

    write("second-root.qde", project(code()) + f'<Project {NS} name="second"/>\n', """
exit: 1
reader: reads
finding: second-root-element
contains: second-root.qde:12:1
contains: second root element
""")

    write("duplicate-attribute.qde", project(code(extra=' name="Other"')), """
exit: 1
reader: reads
finding: duplicate-attribute
contains: duplicate-attribute.qde:8:
contains: name= twice
""")

    write("lt-in-attribute.qde", project(code(name="a<Broken attr='>b")), """
# validate used to call this sound: pugixml takes the '<' as text
exit: 1
reader: reads
finding: lt-in-attribute
contains: lt-in-attribute.qde:8:
contains: '<'
""")

    write("bare-ampersand.qde", project(code(name="Tom & Jerry")), """
exit: 1
reader: reads
finding: bare-ampersand
contains: bare-ampersand.qde:8:
contains: &amp;
""")

    with_doctype = project(code()).replace("<Project", '<!DOCTYPE Project [<!ENTITY e "x">]>\n<Project', 1)
    write("doctype.qde", with_doctype, """
# the DOCTYPE is never processed (no entity expanded) and was dropped silently on write
exit: 1
reader: reads
finding: doctype
contains: doctype.qde:2:1
contains: DOCTYPE
""")

    write("utf16-project.qde", project(code()).encode("utf-16"), """
# pugixml said "Could not determine tag type"; the message names the encoding
exit: 1
reader: throws
contains: utf16-project.qde
contains: UTF-16
contains: UTF-8
""")

    # ATLAS.ti counts CRLF as one position: converting a position near INT64_MAX used to overflow (undefined
    # behaviour) into a "negative position"; it is now out of range, and said so.
    atlas = project(code(), text_source(0, 9223372036854775807, path=None, content="ab\r\ncd")).replace(
        'origin="Framer test corpus"', 'origin="ATLAS.ti 23"')
    write("position-int64-max.qde", atlas, """
exit: 1
finding: position-out-of-range
contains: position-int64-max.qde:15:
contains: 9223372036854775807
""")

    # A Unix symbolic link stored in the archive: was copied into outputs as a link to /etc/passwd.
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("project.qde", STAMP), good_qde.encode())
        link = zipfile.ZipInfo("sources/" + TEXT_FILE, STAMP)
        link.create_system = 3  # Unix
        link.external_attr = 0o120777 << 16  # S_IFLNK
        z.writestr(link, b"/etc/passwd")
    write("symlink-entry.qdpx", buf.getvalue(), f"""
exit: 1
reader: throws
contains: symlink-entry.qdpx
contains: sources/{TEXT_FILE}
contains: symbolic link
""")

    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name: that is the case
        dup_entries = zip_bytes([("project.qde", good_qde.encode()), ("sources/" + TEXT_FILE, good_text),
                                 ("sources/" + TEXT_FILE, b"Other")])
    write("duplicate-entry.qdpx", dup_entries, f"""
# libzip's "File already exists" hid this
exit: 1
reader: throws
contains: duplicate-entry.qdpx
contains: two entries with the same name
""")


if __name__ == "__main__":
    main()
