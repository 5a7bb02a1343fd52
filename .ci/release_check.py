#!/usr/bin/env python3
"""Release checks that need no build (`poms`) and those that compare two builds (`checksums`, `compare`).

  release_check.py poms               every POM carries the license header; the parent declares the
                                      Apache License 2.0 and Central's metadata; the BOM lists every
                                      published module at the parent's version; LICENSE and NOTICE exist
  release_check.py manifests          every built module jar names its Automatic-Module-Name
  release_check.py checksums FILE     writes the SHA-256 of every built artifact to FILE
  release_check.py compare FILE       the artifacts built now are byte-identical to FILE's
  release_check.py attached           each published module has its sources and Javadoc jars
"""
import hashlib
import re
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NS = {"m": "http://maven.apache.org/POM/4.0.0"}
HEADER = 'Licensed under the Apache License, Version 2.0 (the "License")'


def fail(message):
    print("release-check: " + message, file=sys.stderr)
    sys.exit(1)


def pom(path):
    return ET.parse(path).getroot()


def text(node, path):
    found = node.find(path, NS)
    return None if found is None else (found.text or "").strip()


def modules():
    return [m.text.strip() for m in pom(ROOT / "pom.xml").findall("m:modules/m:module", NS)]


def published():
    """Modules that are deployed: not the BOM itself, not those that set maven.deploy.skip."""
    out = []
    for m in modules():
        p = pom(ROOT / m / "pom.xml")
        if m == "bom" or text(p, "m:properties/m:maven.deploy.skip") == "true":
            continue
        out.append(text(p, "m:artifactId"))
    return out


def check_poms():
    poms = [ROOT / "pom.xml"] + [ROOT / m / "pom.xml" for m in modules()]
    for path in poms:
        if HEADER not in path.read_text(encoding="utf-8"):
            fail(f"{path.relative_to(ROOT)} has no Apache License header comment")
    parent = pom(ROOT / "pom.xml")
    if text(parent, "m:licenses/m:license/m:name") != "Apache License, Version 2.0":
        fail("the parent POM does not declare the Apache License, Version 2.0")
    for element in ["m:url", "m:scm/m:url", "m:scm/m:connection", "m:developers/m:developer/m:name",
                    "m:issueManagement/m:url", "m:description", "m:name"]:
        if not text(parent, element):
            fail(f"the parent POM has no {element.replace('m:', '')}")
    for m in modules():
        if not text(pom(ROOT / m / "pom.xml"), "m:description"):
            fail(f"{m}/pom.xml has no description")
    bom = pom(ROOT / "bom" / "pom.xml")
    version = text(parent, "m:version")
    if text(bom, "m:parent/m:version") != version:
        fail(f"the BOM's parent version is not {version}")
    listed = [text(d, "m:artifactId") for d in bom.findall("m:dependencyManagement/m:dependencies/m:dependency", NS)]
    if sorted(listed) != sorted(published()):
        fail(f"the BOM lists {sorted(listed)}, the published modules are {sorted(published())}")
    for name in ["LICENSE", "NOTICE"]:
        if not (ROOT / name).is_file():
            fail(f"{name} is missing")
    if "Apache License" not in (ROOT / "LICENSE").read_text(encoding="utf-8"):
        fail("LICENSE is not the Apache License")
    print(f"release-check: {len(poms)} POMs with license headers; BOM lists the {len(listed)} published modules")


def module_jars():
    jars = []
    for m in modules():
        if not (ROOT / m / "src" / "main").is_dir():
            continue  # tests only: an empty jar, never published
        artifact = text(pom(ROOT / m / "pom.xml"), "m:artifactId")
        jars += [j for j in (ROOT / m / "target").glob(f"{artifact}-*.jar")
                 if not re.search(r"-(sources|javadoc|tests)\.jar$", j.name)]
    return jars


def check_manifests():
    jars = module_jars()
    if not jars:
        fail("no module jar was built")
    for jar in jars:
        with zipfile.ZipFile(jar) as z:
            manifest = z.read("META-INF/MANIFEST.MF").decode("utf-8")
        if "Automatic-Module-Name: org.sqlite3j." not in manifest:
            fail(f"{jar.relative_to(ROOT)} has no Automatic-Module-Name")
    print(f"release-check: {len(jars)} module jars name their Automatic-Module-Name")


def artifacts():
    found = module_jars()
    found += list((ROOT / "cli" / "target").glob("sqlite3j.jar"))
    found += list((ROOT / "cli" / "target").glob("sqlite3j-*.zip"))
    found += list((ROOT / "cli" / "target").glob("sqlite3j-*.tar.gz"))
    return sorted(found)


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_checksums(file):
    lines = [f"{digest(a)}  {a.relative_to(ROOT)}" for a in artifacts()]
    Path(file).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"release-check: {len(lines)} artifacts hashed")


def compare(file):
    before = dict(reversed(line.split("  ", 1)) for line in Path(file).read_text(encoding="utf-8").splitlines() if line)
    now = {str(a.relative_to(ROOT)): digest(a) for a in artifacts()}
    if set(before) != set(now):
        fail(f"the two builds made different artifacts: {sorted(set(before) ^ set(now))}")
    differ = [name for name in now if now[name] != before[name]]
    if differ:
        fail(f"not reproducible, these differ between two builds of the same commit: {differ}")
    print(f"release-check: {len(now)} artifacts byte-identical in two builds (reproducible)")


def check_attached():
    for artifact in published():
        module = next(m for m in modules() if text(pom(ROOT / m / "pom.xml"), "m:artifactId") == artifact)
        target = ROOT / module / "target"
        for kind in ["sources", "javadoc"]:
            if not list(target.glob(f"{artifact}-*-{kind}.jar")):
                fail(f"{module}: no {kind} jar")
    print(f"release-check: sources and Javadoc jars (doclint on) for the {len(published())} published modules")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "poms":
        check_poms()
    elif command == "manifests":
        check_manifests()
    elif command == "checksums" and len(sys.argv) == 3:
        write_checksums(sys.argv[2])
    elif command == "compare" and len(sys.argv) == 3:
        compare(sys.argv[2])
    elif command == "attached":
        check_attached()
    else:
        fail(__doc__)
