#!/usr/bin/env python3
"""Checks a War Room evidence bundle with nothing but Python 3's standard library.

    python3 verify_bundle.py              checks the bag in the current folder
    python3 verify_bundle.py BAG_FOLDER   checks the bag in BAG_FOLDER

It checks, in this order, and stops at the first problem:
  1. bagit.txt declares BagIt 1.0 with UTF-8 tag files;
  2. every file in tagmanifest-sha256.txt is there with that SHA-256;
  3. every file in manifest-sha256.txt is there with that SHA-256;
  4. no file is in the bag that neither manifest lists;
  5. the payload matches bag-info.txt's Payload-Oxum;
  6. data/incident.json is readable, and bag-info.txt names the same incident
     and the same chain heads;
  7. every hash chain in data/journal.jsonl recomputes (see README.txt for the
     exact hash input), has no gap, is in order, and ends at its recorded head;
  8. the journal is the authority on the evidence: each item of
     data/incident.json is one an "evidence.added" entry registered, with the
     same id, name, hashes and size, and its file has that SHA-256 and size;
     each such entry has its item; no other file is in data/evidence/;
  9. each line of data/custody.jsonl is a custody event of the journal, as
     the journal records it, and each custody event has its line.

Exit status: 0 and one line starting "OK:" when every check passes; 1 and one
line "FAILED: WHERE: KIND: DETAIL" naming the first problem; 2 when the folder
cannot be checked at all (missing, not a folder, a zip not yet unpacked, a
folder with no bagit.txt and no manifest, unreadable, wrong arguments).
"""

import hashlib
import json
import os
import re
import stat
import sys

HASH_FORMAT_VERSION = 1
GENESIS_HASH = "0" * 64
MAX_SAFE_INTEGER = 2 ** 53 - 1
CHUNK_BYTES = 1024 * 1024

BAGIT_FILE = "bagit.txt"
BAG_INFO_FILE = "bag-info.txt"
MANIFEST_FILE = "manifest-sha256.txt"
TAG_MANIFEST_FILE = "tagmanifest-sha256.txt"
INCIDENT_FILE = "data/incident.json"
JOURNAL_FILE = "data/journal.jsonl"
CUSTODY_FILE = "data/custody.jsonl"
PAYLOAD_DIR = "data"
EVIDENCE_PREFIX = "data/evidence/"

# The hashed fields in the order README.txt lists them, then the hash.
HASHED_FIELDS = (
    "version", "id", "scope", "deviceId", "chainSeq", "kind", "actor",
    "occurredAt", "occurredOffset", "timeSource", "recordedAt", "payload",
    "prevHash",
)
LINE_FIELDS = HASHED_FIELDS + ("hash",)
STRING_FIELDS = (
    "id", "scope", "deviceId", "kind", "actor", "occurredAt",
    "occurredOffset", "timeSource", "recordedAt",
)

HEX64 = re.compile(r"[0-9a-f]{64}")
MANIFEST_LINE = re.compile(r"([0-9a-fA-F]{64})[ \t]+([^ \t][^\n]*)")
TAG_LINE = re.compile(r"([^:\n]+?)[ \t]*:[ \t]*([^\n]*)")
CHAIN_HEAD_VALUE = re.compile(r"([^ ]+) ([0-9]+) ([0-9a-f]{64})")
OXUM = re.compile(r"[0-9]+\.[0-9]+")
ENCODED_CHARACTER = re.compile(r"%(0A|0D|25)", re.IGNORECASE)
FLOAT_SEEN = object()
# A member a JSON object lacks: unequal to every value, even another MISSING.
MISSING = object()


class Problem(Exception):
    """The first thing wrong with the bag: where, what kind, and the detail."""

    def __init__(self, where, kind, detail):
        Exception.__init__(self, detail)
        self.where = where
        self.kind = kind
        self.detail = detail

    def line(self):
        return "FAILED: {}: {}: {}".format(self.where, self.kind, self.detail)


def plural(count, one, many=None):
    return "{} {}".format(count, one if count == 1 else (many or one + "s"))


# --- RFC 8785 canonical JSON, for the values a journal holds ---------------

ESCAPES = {
    '"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n",
    "\r": "\\r", "\t": "\\t",
}


def canonical_string(text):
    """A string as ECMAScript's JSON.stringify writes it."""
    parts = ['"']
    for character in text:
        if character in ESCAPES:
            parts.append(ESCAPES[character])
        elif ord(character) < 0x20:
            parts.append("\\u{:04x}".format(ord(character)))
        else:
            parts.append(character)
    parts.append('"')
    return "".join(parts)


def utf16_key(text):
    # RFC 8785 sorts member names by their UTF-16 code units; big-endian
    # UTF-16 bytes compare in exactly that order.
    return text.encode("utf-16-be", "surrogatepass")


def canonical_json(value):
    """RFC 8785 canonical JSON of strings, integers, booleans, null,
    arrays and objects (journal values hold nothing else)."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return canonical_string(value)
    if isinstance(value, list):
        return "[" + ",".join(canonical_json(item) for item in value) + "]"
    if isinstance(value, dict):
        members = sorted(value.items(), key=lambda item: utf16_key(item[0]))
        return "{" + ",".join(
            canonical_string(key) + ":" + canonical_json(item)
            for key, item in members
        ) + "}"
    raise ValueError("no canonical form for {!r}".format(value))


def entry_hash(line):
    hashed = dict((field, line[field]) for field in HASHED_FIELDS)
    text = canonical_json(hashed)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- files -------------------------------------------------------------------

class Bag(object):
    def __init__(self, root):
        self.root = root

    def path(self, relative):
        return os.path.join(self.root, *relative.split("/"))

    def status(self, relative):
        try:
            return os.lstat(self.path(relative))
        except FileNotFoundError:
            return None
        except NotADirectoryError:
            return None

    def read_bytes(self, relative):
        with open(self.path(relative), "rb") as handle:
            return handle.read()

    def sha256(self, relative):
        digest = hashlib.sha256()
        with open(self.path(relative), "rb") as handle:
            while True:
                chunk = handle.read(CHUNK_BYTES)
                if not chunk:
                    return digest.hexdigest()
                digest.update(chunk)


def decode_utf8(data, where):
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise Problem(where, "malformed", "the file is not valid UTF-8")


def text_lines(text):
    """Lines split on LF, each without one trailing CR; a final LF ends the
    last line rather than starting an empty one."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def read_required_text(bag, relative):
    status = bag.status(relative)
    if status is None:
        raise Problem(relative, "missing", "the file is not in the bag")
    if not stat.S_ISREG(status.st_mode):
        raise Problem(relative, "malformed", "not a regular file")
    return decode_utf8(bag.read_bytes(relative), relative)


def parse_tag_file(text, relative):
    """`Label: value` lines; a line starting with a space or tab continues
    the value before it. Returns {label: [values]}."""
    labels = {}
    last = None
    for number, line in enumerate(text_lines(text), 1):
        where = "{} line {}".format(relative, number)
        if line[:1] in (" ", "\t") and last is not None:
            values = labels[last]
            values[-1] = (values[-1] + " " + line.strip(" \t")).strip(" \t")
            continue
        match = TAG_LINE.fullmatch(line)
        if not match:
            raise Problem(where, "malformed", 'not a "Label: value" line')
        last = match.group(1)
        labels.setdefault(last, []).append(match.group(2).rstrip(" \t"))
    return labels


def single_value(labels, label, relative):
    values = labels.get(label, [])
    if len(values) != 1:
        raise Problem(relative, "malformed", "{} must appear once".format(label))
    return values[0]


def check_declaration(bag):
    labels = parse_tag_file(read_required_text(bag, BAGIT_FILE), BAGIT_FILE)
    version = single_value(labels, "BagIt-Version", BAGIT_FILE)
    if version != "1.0":
        raise Problem(BAGIT_FILE, "malformed",
                      "BagIt-Version must be 1.0, not {}".format(version))
    encoding = single_value(labels, "Tag-File-Character-Encoding", BAGIT_FILE)
    if encoding != "UTF-8":
        raise Problem(BAGIT_FILE, "malformed",
                      "Tag-File-Character-Encoding must be UTF-8, not {}"
                      .format(encoding))


def safe_relative_path(path):
    segments = path.split("/")
    return "\\" not in path and all(
        segment not in ("", ".", "..") for segment in segments)


def parse_manifest(bag, relative, payload):
    """The (path, sha256) lines of a manifest, in file order."""
    text = read_required_text(bag, relative)
    listed = []
    seen = set()
    for number, line in enumerate(text_lines(text), 1):
        where = "{} line {}".format(relative, number)
        match = MANIFEST_LINE.fullmatch(line)
        if not match:
            raise Problem(where, "malformed", 'not a "SHA-256  path" line')
        path = ENCODED_CHARACTER.sub(
            lambda found: chr(int(found.group(1), 16)), match.group(2))
        in_payload = path.startswith("data/")
        if not safe_relative_path(path) or in_payload != payload:
            place = "inside data/" if payload else "outside data/"
            raise Problem(where, "malformed",
                          "{} is not a relative path {}".format(path, place))
        if path == TAG_MANIFEST_FILE:
            raise Problem(where, "malformed",
                          "the tag manifest cannot list itself")
        if path in seen:
            raise Problem(where, "malformed",
                          "{} is listed twice".format(path))
        seen.add(path)
        listed.append((path, match.group(1).lower()))
    return listed


def check_listed_files(bag, listed, manifest):
    for path, expected in listed:
        status = bag.status(path)
        if status is None:
            raise Problem(path, "missing",
                          "listed in {} but not in the bag".format(manifest))
        if not stat.S_ISREG(status.st_mode):
            raise Problem(path, "malformed", "not a regular file")
        if bag.sha256(path) != expected:
            raise Problem(path, "altered",
                          "its SHA-256 does not match {}".format(manifest))


def utf8_order(path):
    return path.encode("utf-8", "surrogateescape")


def all_files(bag):
    """Every entry that is not a folder, as bag-relative paths with `/`,
    sorted by their UTF-8 bytes. Symbolic links are listed, not followed."""
    found = []
    pending = [""]
    while pending:
        prefix = pending.pop()
        with os.scandir(bag.path(prefix) if prefix else bag.root) as entries:
            for entry in entries:
                relative = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    pending.append(relative + "/")
                else:
                    found.append((relative, entry.is_file(follow_symlinks=False)))
    found.sort(key=lambda item: utf8_order(item[0]))
    return found


def check_no_unlisted_files(bag, payload, tags):
    payload_paths = set(path for path, _ in payload)
    tag_paths = set(path for path, _ in tags)
    for path, regular in all_files(bag):
        if not regular:
            raise Problem(path, "malformed", "not a regular file")
        if path == TAG_MANIFEST_FILE:
            continue
        if path.startswith("data/"):
            if path not in payload_paths:
                raise Problem(path, "extra",
                              "not listed in {}".format(MANIFEST_FILE))
        elif path not in tag_paths:
            raise Problem(path, "extra",
                          "not listed in {}".format(TAG_MANIFEST_FILE))


def payload_files(bag, payload):
    """{path: (sha256, size)} in manifest order, for the later checks."""
    return dict((path, (sha256, bag.status(path).st_size))
                for path, sha256 in payload)


def check_payload_oxum(info, files):
    oxum = single_value(info, "Payload-Oxum", BAG_INFO_FILE)
    if not OXUM.fullmatch(oxum):
        raise Problem(BAG_INFO_FILE, "malformed",
                      "Payload-Oxum must be BYTES.FILES, not {}".format(oxum))
    size = sum(file_size for _, file_size in files.values())
    if oxum != "{}.{}".format(size, len(files)):
        raise Problem(PAYLOAD_DIR + "/", "altered",
                      "the payload no longer matches Payload-Oxum in {}: it "
                      "holds {} in {}, where Payload-Oxum records {}".format(
                          BAG_INFO_FILE, plural(size, "byte"),
                          plural(len(files), "file"), oxum))
    return size


# --- JSON, read alike by both verifiers ---------------------------------------

def is_integer(value):
    return isinstance(value, int) and not isinstance(value, bool)


def is_hex64(value):
    return isinstance(value, str) and HEX64.fullmatch(value) is not None


def reject_constant(name):
    raise ValueError("{} is not JSON".format(name))


def parse_json(text, noun):
    """Parses a line or a file (noun names it in the problem), or returns
    the reason it is refused. Numbers are looked at as written: a fraction
    or exponent has no single canonical form across languages, so it is
    refused rather than rounded; War Room writes neither it nor an integer
    beyond 2^53 - 1."""
    seen = {"float": False, "unsafe": False}

    def on_float(_text):
        seen["float"] = True
        return FLOAT_SEEN

    def on_int(text):
        digits = text.lstrip("-")
        # More than 16 digits is beyond 2^53 - 1 (and may be too long for
        # int() to convert at all).
        if len(digits) > 16 or int(digits) > MAX_SAFE_INTEGER:
            seen["unsafe"] = True
            return 0
        return int(text)

    try:
        value = json.loads(text, parse_float=on_float, parse_int=on_int,
                           parse_constant=reject_constant)
    except ValueError:
        return None, "the {} is not valid JSON".format(noun)
    if seen["float"]:
        return None, ("the {} holds a number with a fraction or exponent; "
                      "War Room writes only integers".format(noun))
    if seen["unsafe"]:
        return None, "the {} holds an integer beyond 2^53 - 1".format(noun)
    return value, None


def same_json(a, b):
    """Whether two parsed values are the same JSON value: equal canonical
    JSON, so 1 is not true and member order does not count."""
    if a is MISSING or b is MISSING:
        return False
    return canonical_json(a) == canonical_json(b)


# --- data/incident.json -------------------------------------------------------

def incident_problem(detail):
    return Problem(INCIDENT_FILE, "malformed", detail)


def read_incident(bag):
    document, problem = parse_json(read_required_text(bag, INCIDENT_FILE),
                                   "file")
    if problem is not None:
        raise incident_problem(problem)
    if not isinstance(document, dict):
        raise incident_problem("the file is not a JSON object")
    incident = document.get("incident")
    if not isinstance(incident, dict) or not isinstance(incident.get("id"), str):
        raise incident_problem("incident.id is missing")
    return {
        "id": incident["id"],
        "heads": read_heads(document.get("chainHeads")),
        "evidence": read_evidence_index(document.get("evidence")),
    }


def read_heads(heads):
    if not isinstance(heads, list):
        raise incident_problem("chainHeads is not a list")
    checked = []
    devices = set()
    for index, head in enumerate(heads):
        if not (isinstance(head, dict) and isinstance(head.get("deviceId"), str)
                and is_integer(head.get("length")) and head["length"] >= 1
                and is_hex64(head.get("headHash"))):
            raise incident_problem(
                "chainHeads[{}] is not a {{deviceId, length, headHash}} object"
                .format(index))
        if head["deviceId"] in devices:
            raise incident_problem("device {} has two chain heads"
                                   .format(head["deviceId"]))
        devices.add(head["deviceId"])
        checked.append((head["deviceId"], head["length"], head["headHash"]))
    return checked


def is_indexed_item(item):
    return (isinstance(item, dict) and isinstance(item.get("id"), str)
            and isinstance(item.get("bagPath"), str)
            and isinstance(item.get("entryId"), str)
            and is_hex64(item.get("sha256")))


def read_evidence_index(items):
    """The evidence index: each item once, each with its own file under
    data/evidence/ (two items of the same content have two files)."""
    if not isinstance(items, list):
        raise incident_problem("evidence is not a list")
    ids = {}
    paths = {}
    for index, item in enumerate(items):
        at = "evidence[{}]".format(index)
        if not is_indexed_item(item):
            raise incident_problem(
                "{} is not an {{id, bagPath, sha256, entryId}} object"
                .format(at))
        if not item["bagPath"].startswith(EVIDENCE_PREFIX):
            raise incident_problem("{}.bagPath is not in {}"
                                   .format(at, EVIDENCE_PREFIX))
        if item["id"] in ids:
            raise incident_problem(
                "{} lists evidence item {} again, after evidence[{}]"
                .format(at, item["id"], ids[item["id"]]))
        if item["bagPath"] in paths:
            raise incident_problem(
                "{} names the file of evidence[{}], {}; each item has its "
                "own file".format(at, paths[item["bagPath"]], item["bagPath"]))
        ids[item["id"]] = index
        paths[item["bagPath"]] = index
    return items


def head_line(head):
    return "{} {} {}".format(*head)


def check_bag_info_matches(info, incident):
    identifier = single_value(info, "External-Identifier", BAG_INFO_FILE)
    if identifier != incident["id"]:
        raise Problem(BAG_INFO_FILE, "altered",
                      "External-Identifier is {}, but {} is incident {}"
                      .format(identifier, INCIDENT_FILE, incident["id"]))
    recorded = sorted(info.get("War-Room-Chain-Head", []))
    expected = sorted(head_line(head) for head in incident["heads"])
    if recorded != expected:
        raise Problem(BAG_INFO_FILE, "altered",
                      "its War-Room-Chain-Head lines do not match the chain "
                      "heads in {}".format(INCIDENT_FILE))


# --- data/journal.jsonl -------------------------------------------------------

def has_lone_surrogate(value):
    if isinstance(value, str):
        return any(0xD800 <= ord(character) <= 0xDFFF for character in value)
    if isinstance(value, list):
        return any(has_lone_surrogate(item) for item in value)
    if isinstance(value, dict):
        return any(has_lone_surrogate(key) or has_lone_surrogate(item)
                   for key, item in value.items())
    return False


def line_shape_problem(value):
    if not isinstance(value, dict):
        return "the line is not a JSON object"
    for field in LINE_FIELDS:
        if field not in value:
            return "the line lacks the field {}".format(field)
    extra = sorted((key for key in value if key not in LINE_FIELDS),
                   key=utf16_key)
    if extra:
        return "the line has the unexpected field {}".format(extra[0])
    if not is_integer(value["version"]) or value["version"] != HASH_FORMAT_VERSION:
        return "version must be {}".format(HASH_FORMAT_VERSION)
    for field in STRING_FIELDS:
        if not isinstance(value[field], str):
            return "{} must be a string".format(field)
    if not is_integer(value["chainSeq"]) or value["chainSeq"] < 1:
        return "chainSeq must be a positive integer"
    if not isinstance(value["payload"], dict):
        return "payload must be an object"
    for field in ("prevHash", "hash"):
        if not is_hex64(value[field]):
            return "{} must be 64 lowercase hex digits".format(field)
    if has_lone_surrogate(value):
        return "the line holds a lone UTF-16 surrogate, which has no canonical form"
    return None


def read_journal(bag):
    text = read_required_text(bag, JOURNAL_FILE)
    lines = []
    for number, raw in enumerate(text_lines(text), 1):
        where = "{} line {}".format(JOURNAL_FILE, number)
        if raw == "":
            lines.append({"where": where, "problem": "the line is empty"})
            continue
        value, problem = parse_json(raw, "line")
        if problem is None:
            problem = line_shape_problem(value)
        if problem is not None:
            lines.append({"where": where, "problem": problem})
            continue
        where += " (entry {})".format(value["id"])
        lines.append({"where": where, "problem": None, "entry": value})
    return lines


def describe_gap(first, last):
    if first == last:
        return "chain position {} is".format(first)
    return "chain positions {} to {} are".format(first, last)


def sequence_problem(lines, index, chain, entry):
    expected = chain["expected"]
    later = set(
        line["entry"]["chainSeq"] for line in lines[index + 1:]
        if line["problem"] is None
        and line["entry"]["deviceId"] == entry["deviceId"]
    )
    if entry["chainSeq"] > expected and expected not in later:
        return Problem(lines[index]["where"], "missing",
                       "{} missing before this entry".format(
                           describe_gap(expected, entry["chainSeq"] - 1)))
    return Problem(lines[index]["where"], "reordered",
                   "the entry for chain position {} stands where position {} "
                   "belongs".format(entry["chainSeq"], expected))


def link_problem(where, chain, entry):
    if chain["expected"] == 1:
        return Problem(where, "altered",
                       "the first entry of a chain must link to 64 zeros")
    return Problem(where, "altered",
                   "the entry links to {}..., but the entry before it in its "
                   "chain hashes to {}...".format(entry["prevHash"][:12],
                                                  chain["prev"][:12]))


def walk_chains(lines, incident_id):
    """Walks every (scope, device) chain in file order; returns the chains
    as {deviceId: state} in order of first appearance."""
    chains = {}
    order = []
    for index, line in enumerate(lines):
        if line["problem"] is not None:
            raise Problem(line["where"], "malformed", line["problem"])
        entry = line["entry"]
        if entry["scope"] != incident_id:
            raise Problem(line["where"], "foreign",
                          "the entry belongs to {}, not to incident {}"
                          .format(entry["scope"], incident_id))
        if entry_hash(entry) != entry["hash"]:
            raise Problem(line["where"], "altered",
                          "the hash does not match the entry's content")
        device = entry["deviceId"]
        if device not in chains:
            chains[device] = {"expected": 1, "prev": GENESIS_HASH}
            order.append(device)
        chain = chains[device]
        if entry["chainSeq"] != chain["expected"]:
            raise sequence_problem(lines, index, chain, entry)
        if entry["prevHash"] != chain["prev"]:
            raise link_problem(line["where"], chain, entry)
        chain["expected"] += 1
        chain["prev"] = entry["hash"]
    return [(device, chains[device]) for device in order]


def check_heads(chains, heads):
    recorded = dict((device, (length, hash_)) for device, length, hash_ in heads)
    for device, chain in chains:
        walked = chain["expected"] - 1
        if device not in recorded:
            raise Problem(JOURNAL_FILE, "extra",
                          "the chain of device {} has no recorded head in {}"
                          .format(device, INCIDENT_FILE))
        length, head_hash = recorded[device]
        if length > walked:
            raise Problem(JOURNAL_FILE, "missing",
                          "the chain of device {} has {} but its recorded "
                          "head has {}; the last ones were removed".format(
                              device, plural(walked, "entry", "entries"),
                              length))
        if length < walked:
            raise Problem(JOURNAL_FILE, "extra",
                          "the chain of device {} has {} but its recorded "
                          "head has {}".format(
                              device, plural(walked, "entry", "entries"),
                              length))
        if head_hash != chain["prev"]:
            raise Problem(JOURNAL_FILE, "altered",
                          "the last entry of the chain of device {} does not "
                          "match its recorded head".format(device))
    walked_devices = set(device for device, _ in chains)
    for device, length, _ in heads:
        if device not in walked_devices:
            raise Problem(JOURNAL_FILE, "missing",
                          "the chain of device {} ({}) has no entries in the "
                          "journal".format(device,
                                           plural(length, "entry", "entries")))


# --- evidence: the journal is the authority -----------------------------------

# The index fields an "evidence.added" entry registers: field, payload key.
REGISTERED_FIELDS = (
    ("id", "evidenceId"), ("name", "name"), ("sha256", "sha256"),
    ("sha1", "sha1"), ("md5", "md5"), ("size", "size"),
)


def entries_by_id(lines):
    """The first line of each entry id, as both verifiers look entries up."""
    by_id = {}
    for line in lines:
        by_id.setdefault(line["entry"]["id"], line)
    return by_id


def registration_of(item, by_id):
    line = by_id.get(item["entryId"])
    if line is None:
        raise Problem(item["bagPath"], "missing",
                      "the journal holds no entry {} registering evidence "
                      "item {}".format(item["entryId"], item["id"]))
    entry = line["entry"]
    if (entry["kind"] != "evidence.added"
            or entry["payload"].get("evidenceId") != item["id"]):
        raise Problem(item["bagPath"], "altered",
                      "journal entry {} does not register evidence item {}"
                      .format(entry["id"], item["id"]))
    return entry


def listed_file_of(item, files):
    """The item's file, listed in the manifest with the index's SHA-256."""
    path = item["bagPath"]
    if path not in files:
        raise Problem(path, "missing",
                      "evidence item {} is not listed in {}"
                      .format(item["id"], MANIFEST_FILE))
    if files[path][0] != item["sha256"]:
        raise Problem(path, "altered",
                      "its SHA-256 differs from the one {} records for "
                      "evidence item {}".format(INCIDENT_FILE, item["id"]))
    return files[path]


def check_registered_content(item, file, registration):
    sha256, size = file
    registered = registration["payload"]
    if not same_json(registered.get("sha256", MISSING), sha256):
        raise Problem(item["bagPath"], "altered",
                      "its SHA-256 differs from the one registered in "
                      "journal entry {}".format(registration["id"]))
    if not same_json(registered.get("size", MISSING), size):
        raise Problem(item["bagPath"], "altered",
                      "it holds {}, not the size registered in journal "
                      "entry {}".format(plural(size, "byte"),
                                        registration["id"]))


def unregistered_field(item, registered):
    """The first index field that differs from its registration, if any."""
    for field, key in REGISTERED_FIELDS:
        indexed = item.get(field, MISSING)
        if not same_json(indexed, registered.get(key, MISSING)):
            return field
    return None


def check_indexed_item(item, files, by_id):
    file = listed_file_of(item, files)
    registration = registration_of(item, by_id)
    check_registered_content(item, file, registration)
    field = unregistered_field(item, registration["payload"])
    if field is not None:
        raise Problem(INCIDENT_FILE, "altered",
                      "the {} of evidence item {} is not the one journal "
                      "entry {} registered".format(field, item["id"],
                                                   registration["id"]))


def evidence_id_of(line):
    """The evidence id an evidence.* entry is about; refused if it has none."""
    evidence_id = line["entry"]["payload"].get("evidenceId")
    if not isinstance(evidence_id, str):
        raise Problem(line["where"], "malformed",
                      "the payload has no evidenceId string")
    return evidence_id


def check_every_registration_indexed(lines, evidence):
    indexed = set(item["entryId"] for item in evidence)
    for line in lines:
        if line["entry"]["kind"] != "evidence.added":
            continue
        evidence_id = evidence_id_of(line)
        if line["entry"]["id"] not in indexed:
            raise Problem(line["where"], "missing",
                          "evidence item {} that this entry registered is not "
                          "in {}".format(evidence_id, INCIDENT_FILE))


def check_evidence(incident, files, lines):
    """Each index item against its file and the entry that registered it,
    each registration against the index, each file in data/evidence/
    against the index. Returns the number of items."""
    by_id = entries_by_id(lines)
    for item in incident["evidence"]:
        check_indexed_item(item, files, by_id)
    check_every_registration_indexed(lines, incident["evidence"])
    indexed = set(item["bagPath"] for item in incident["evidence"])
    for path in files:
        if path.startswith(EVIDENCE_PREFIX) and path not in indexed:
            raise Problem(path, "extra",
                          "not the file of any evidence item in {}"
                          .format(INCIDENT_FILE))
    return len(incident["evidence"])


# --- data/custody.jsonl: the journal's custody events, restated ---------------

CUSTODY_FIELDS = (
    "evidenceId", "name", "bagPath", "sha256", "sha1", "md5", "size",
    "entryId", "action", "occurredAt", "occurredOffset", "recordedBy",
    "handler", "recipient", "location", "storageLocation", "tool", "purpose",
    "notes",
)
# Fields the item's registering entry records, not the event's own entry.
ITEM_FIELDS = ("name", "sha256", "sha1", "md5", "size")
CUSTODY_KINDS = ("evidence.added", "evidence.custody")


def text_of(value):
    return value if isinstance(value, str) else ""


def person(value):
    if not isinstance(value, dict):
        return None
    return {"name": text_of(value.get("name")),
            "role": text_of(value.get("role")),
            "contact": text_of(value.get("contact"))}


def item_values(item, added):
    values = dict((field, added["payload"].get(field, MISSING))
                  for field in ITEM_FIELDS)
    values.update(evidenceId=item["id"], bagPath=item["bagPath"])
    return values


def event_values(entry):
    """The event as its entry records it. A "collected" event (the intake)
    names the registering actor as handler, the vault as storage and the
    intake as tool, as War Room's evidence log shows it."""
    event = entry["payload"]
    collected = entry["kind"] == "evidence.added"
    return {
        "entryId": entry["id"],
        "action": "collected" if collected else event.get("action", MISSING),
        "occurredAt": entry["occurredAt"],
        "occurredOffset": entry["occurredOffset"],
        "recordedBy": entry["actor"],
        "handler": (person({"name": entry["actor"]}) if collected
                    else person(event.get("handler")) or person({})),
        "recipient": person(event.get("recipient")),
        "location": text_of(event.get("location")),
        "storageLocation": ("War Room vault" if collected
                            else text_of(event.get("storageLocation"))),
        "tool": ("War Room intake" if collected
                 else text_of(event.get("tool"))),
        "purpose": text_of(event.get("purpose")),
        "notes": text_of(event.get("description" if collected else "notes")),
    }


def expected_custody(lines, evidence):
    """{entry id: expected line} for each custody event, in journal order."""
    items = dict((item["id"], item) for item in evidence)
    by_id = entries_by_id(lines)
    expected = {}
    for line in lines:
        if line["entry"]["kind"] not in CUSTODY_KINDS:
            continue
        evidence_id = evidence_id_of(line)
        item = items.get(evidence_id)
        if item is None:
            raise Problem(line["where"], "missing",
                          "the entry records custody of evidence item {}, "
                          "which is not in {}".format(evidence_id,
                                                      INCIDENT_FILE))
        added = by_id[item["entryId"]]["entry"]
        values = item_values(item, added)
        values.update(event_values(line["entry"]))
        expected[line["entry"]["id"]] = {
            "line": line, "registration": added["id"], "values": values}
    return expected


def custody_shape_problem(value):
    for field in CUSTODY_FIELDS:
        if field not in value:
            return "the line lacks the field {}".format(field)
    extra = sorted((key for key in value if key not in CUSTODY_FIELDS),
                   key=utf16_key)
    if extra:
        return "the line has the unexpected field {}".format(extra[0])
    if not isinstance(value["entryId"], str):
        return "entryId must be a string"
    return None


def read_custody_line(raw, number):
    at = "{} line {}".format(CUSTODY_FILE, number)
    value, problem = parse_json(raw, "line")
    if problem is not None:
        raise Problem(at, "malformed", problem)
    if not isinstance(value, dict):
        raise Problem(at, "malformed", "the line is not a JSON object")
    where = at
    if isinstance(value.get("entryId"), str):
        where += " (entry {})".format(value["entryId"])
    problem = custody_shape_problem(value)
    if problem is not None:
        raise Problem(where, "malformed", problem)
    return where, value


def source_of(field, event):
    if field == "bagPath":
        return INCIDENT_FILE
    if field in ITEM_FIELDS:
        return "journal entry {}".format(event["registration"])
    return "journal entry {}".format(event["line"]["entry"]["id"])


def check_custody_line(raw, number, expected, seen):
    where, value = read_custody_line(raw, number)
    event = expected.get(value["entryId"])
    if event is None:
        raise Problem(where, "extra",
                      "the journal records no custody event with this entry "
                      "id")
    if value["entryId"] in seen:
        raise Problem(where, "extra",
                      "an earlier line already holds the custody event of "
                      "this entry")
    seen.add(value["entryId"])
    for field in CUSTODY_FIELDS:
        if not same_json(value[field], event["values"][field]):
            raise Problem(where, "altered",
                          "its {} is not the one {} records"
                          .format(field, source_of(field, event)))


def check_custody(bag, incident, lines):
    """Every line is a custody event the journal records, as it records it,
    and every custody event of the journal has its line. Returns the number
    of events."""
    expected = expected_custody(lines, incident["evidence"])
    text = read_required_text(bag, CUSTODY_FILE)
    seen = set()
    for number, raw in enumerate(text_lines(text), 1):
        check_custody_line(raw, number, expected, seen)
    for entry_id, event in expected.items():
        if entry_id not in seen:
            raise Problem(event["line"]["where"], "missing",
                          "{} has no line for this custody event of evidence "
                          "item {}".format(CUSTODY_FILE,
                                           event["values"]["evidenceId"]))
    return len(expected)


# --- the check ----------------------------------------------------------------

def check_manifests(bag):
    check_declaration(bag)
    tags = parse_manifest(bag, TAG_MANIFEST_FILE, payload=False)
    check_listed_files(bag, tags, TAG_MANIFEST_FILE)
    payload = parse_manifest(bag, MANIFEST_FILE, payload=True)
    check_listed_files(bag, payload, MANIFEST_FILE)
    check_no_unlisted_files(bag, payload, tags)
    return payload_files(bag, payload)


def verify(root):
    """Returns the OK line, or raises the first Problem."""
    bag = Bag(root)
    files = check_manifests(bag)
    info = parse_tag_file(read_required_text(bag, BAG_INFO_FILE), BAG_INFO_FILE)
    size = check_payload_oxum(info, files)
    incident = read_incident(bag)
    check_bag_info_matches(info, incident)
    lines = read_journal(bag)
    chains = walk_chains(lines, incident["id"])
    check_heads(chains, incident["heads"])
    evidence = check_evidence(incident, files, lines)
    custody = check_custody(bag, incident, lines)
    return "OK: {} ({}), {}, {}, {} and {} verified".format(
        plural(len(files), "payload file"), plural(size, "byte"),
        plural(evidence, "evidence file"), plural(custody, "custody event"),
        plural(len(chains), "chain"),
        plural(len(lines), "journal entry", "journal entries"))


def write_line(stream, text):
    try:
        stream.write(text + "\n")
    except UnicodeEncodeError:
        stream.write(text.encode("ascii", "backslashreplace").decode("ascii")
                     + "\n")


def not_a_bag_reason(root, name):
    """Why root cannot be checked as a bag at all, or None. A folder holding
    bagit.txt or either manifest is a bag, however damaged, and its check
    names what is wrong; a folder with none of them is not."""
    if not os.path.exists(root):
        return "{} does not exist".format(name)
    if not os.path.isdir(root):
        if root.lower().endswith(".zip"):
            return ("{} is a zip archive; unzip it first and check the folder "
                    "it holds".format(name))
        return "{} is not a directory".format(name)
    for marker in (BAGIT_FILE, MANIFEST_FILE, TAG_MANIFEST_FILE):
        if os.path.lexists(os.path.join(root, marker)):
            return None
    return ("{} is not a War Room bundle (no {}); give the folder that holds "
            "{}".format(name, BAGIT_FILE, BAGIT_FILE))


def main(arguments):
    if len(arguments) > 1 or (arguments and arguments[0] in ("-h", "--help")):
        write_line(sys.stderr, "usage: python3 verify_bundle.py [BAG_FOLDER]")
        return 2
    root = arguments[0] if arguments else "."
    name = (arguments[0] if arguments
            else "the current folder ({})".format(os.getcwd()))
    try:
        refusal = not_a_bag_reason(root, name)
        if refusal is not None:
            write_line(sys.stderr, "error: " + refusal)
            return 2
        write_line(sys.stdout, verify(root))
        return 0
    except Problem as problem:
        write_line(sys.stdout, problem.line())
        return 1
    except OSError as error:
        write_line(sys.stderr, "error: cannot read the bag: {}".format(error))
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
