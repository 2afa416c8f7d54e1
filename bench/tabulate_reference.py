#!/usr/bin/env python3
"""Reference implementation of Framer's participant-per-code table, in plain Python (zipfile + ElementTree).

    python3 tabulate_reference.py PROJECT.qdpx --by VARIABLE

Unit = case (each <Case> with all the sources it references; when the project has no cases, each source with
the variables stored on it). A unit has a code when any coding in any of its sources, or a CodeRef of the case
itself, points at that code or at any code below it. Counts are distinct units. Prints JSON:
{"unit", "by", "groups", "rows": [{"code", "path", "depth", "total", "groups": {group: n}}]}, one row per code in
codebook order. framer-bench times it against `framer tabulate` and checks that both give the same numbers.
"""
import json
import sys
import zipfile
import xml.etree.ElementTree as ET

SOURCE_TAGS = {"TextSource", "PDFSource", "PictureSource", "AudioSource", "VideoSource"}


def local(tag):
    return tag.rsplit("}", 1)[-1]


def norm(guid):
    return (guid or "").strip().strip("{}").upper()


def children(element, name):
    return [c for c in element if local(c.tag) == name]


def read_qde(path):
    if path.lower().endswith(".qde"):
        return ET.parse(path).getroot()
    with zipfile.ZipFile(path) as z:
        names = [n for n in z.namelist() if n.lower() == "project.qde"]
        if not names:
            names = [n for n in z.namelist() if n.lower().endswith(".qde") and "/" not in n]
        with z.open(names[0]) as f:
            return ET.parse(f).getroot()


def variable_value(element, variable_guids):
    for vv in children(element, "VariableValue"):
        ref = children(vv, "VariableRef")
        if ref and norm(ref[0].get("targetGUID")) in variable_guids:
            for value in vv:
                if local(value.tag) != "VariableRef":
                    return (value.text or "").strip()
    return None


def main(argv):
    if len(argv) != 4 or argv[2] != "--by":
        sys.stderr.write(__doc__)
        return 2
    root = read_qde(argv[1])
    by = argv[3]

    # Codebook: path and parent of every code, in codebook order.
    codes, order = {}, []

    def walk(element, parent, path):
        for code in children(element, "Code"):
            guid = norm(code.get("guid"))
            codes[guid] = (path + [code.get("name")], parent)
            order.append(guid)
            walk(code, guid, path + [code.get("name")])

    for book in children(root, "CodeBook"):
        for codes_element in children(book, "Codes"):
            walk(codes_element, None, [])

    variable_guids = {norm(v.get("guid")) for vs in children(root, "Variables") for v in children(vs, "Variable")
                      if v.get("name") == by}
    if not variable_guids:
        sys.stderr.write("unknown variable %r\n" % by)
        return 2

    # Codes used anywhere inside each source (selections, whole-source codings, representations, transcripts).
    sources = {}
    for container in children(root, "Sources"):
        for source in container:
            if local(source.tag) in SOURCE_TAGS:
                used = {norm(ref.get("targetGUID")) for ref in source.iter() if local(ref.tag) == "CodeRef"}
                sources[norm(source.get("guid"))] = (source, used)

    units = []  # (group, set of code guids)
    cases = [c for cs in children(root, "Cases") for c in children(cs, "Case")]
    if cases:
        unit = "case"
        for case in cases:
            held = {norm(r.get("targetGUID")) for r in children(case, "CodeRef")}
            for ref in children(case, "SourceRef"):
                entry = sources.get(norm(ref.get("targetGUID")))
                if entry:
                    held |= entry[1]
            units.append((variable_value(case, variable_guids), held))
    else:
        unit = "source"
        for source, used in sources.values():
            units.append((variable_value(source, variable_guids), used))

    counts = {guid: {} for guid in order}
    totals = {guid: 0 for guid in order}
    groups = set()
    for value, held in units:
        group = value if value else "(no value)"
        groups.add(group)
        closure = set()
        for guid in held:
            while guid in codes and guid not in closure:  # a coding counts for the code and all its ancestors
                closure.add(guid)
                guid = codes[guid][1]
        for guid in closure:
            totals[guid] += 1
            counts[guid][group] = counts[guid].get(group, 0) + 1

    groups = sorted(groups)
    rows = []
    for guid in order:
        path = codes[guid][0]
        rows.append({"code": path[-1], "path": path, "depth": len(path) - 1, "total": totals[guid],
                     "groups": {g: counts[guid].get(g, 0) for g in groups}})
    json.dump({"unit": unit, "by": by, "groups": groups, "rows": rows}, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
