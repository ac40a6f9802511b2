#!/usr/bin/env python3
"""Checks a War Room evidence bundle with nothing but Python 3's standard library.

    python3 verify_bundle.py              checks the bag in the current folder
    python3 verify_bundle.py BAG_FOLDER   checks the bag in BAG_FOLDER

It checks, in this order, and stops at the first problem:
  1. bagit.txt declares BagIt 1.0 with UTF-8 tag files;
  2. every file in tagmanifest-sha256.txt is there with that SHA-256;
  3. every file in manifest-sha256.txt is there with that SHA-256;
  4. no file is in the bag that neither manifest lists;
  5. bag-info.txt's Payload-Oxum matches the payload;
  6. data/incident.json is readable, and bag-info.txt names the same incident
     and the same chain heads;
  7. every hash chain in data/journal.jsonl recomputes (see README.txt for the
     exact hash input), has no gap, is in order, and ends at its recorded head;
  8. every evidence file is the one its journal entry registered.

Exit status: 0 and one line starting "OK:" when every check passes; 1 and one
line "FAILED: WHERE: KIND: DETAIL" naming the first problem; 2 when the folder
cannot be checked at all (not a folder, unreadable, wrong arguments).
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


class Problem(Exception):
    """The first thing wrong with the bag: where, what kind, and the detail."""

    def __init__(self, where, kind, detail):
        Exception.__init__(self, detail)
        self.where = where
        self.kind = kind
        self.detail = detail

    def line(self):
        return "FAILED: {}: {}: {}".format(self.where, self.kind, self.detail)


class UsageError(Exception):
    pass


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


def check_payload_oxum(bag, info, payload):
    oxum = single_value(info, "Payload-Oxum", BAG_INFO_FILE)
    if not OXUM.fullmatch(oxum):
        raise Problem(BAG_INFO_FILE, "malformed",
                      "Payload-Oxum must be BYTES.FILES, not {}".format(oxum))
    size = sum(bag.status(path).st_size for path, _ in payload)
    actual = "{}.{}".format(size, len(payload))
    if oxum != actual:
        raise Problem(BAG_INFO_FILE, "altered",
                      "Payload-Oxum is {}, but the payload holds {}"
                      .format(oxum, actual))
    return size


# --- data/incident.json -------------------------------------------------------

def is_integer(value):
    return isinstance(value, int) and not isinstance(value, bool)


def is_hex64(value):
    return isinstance(value, str) and HEX64.fullmatch(value) is not None


def incident_problem(detail):
    return Problem(INCIDENT_FILE, "malformed", detail)


def read_incident(bag):
    text = read_required_text(bag, INCIDENT_FILE)
    try:
        document = json.loads(text, parse_constant=reject_constant)
    except ValueError:
        raise incident_problem("the file is not valid JSON")
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


def read_evidence_index(items):
    if not isinstance(items, list):
        raise incident_problem("evidence is not a list")
    checked = []
    for index, item in enumerate(items):
        if not (isinstance(item, dict) and isinstance(item.get("id"), str)
                and isinstance(item.get("bagPath"), str)
                and isinstance(item.get("entryId"), str)
                and is_hex64(item.get("sha256"))):
            raise incident_problem(
                "evidence[{}] is not an {{id, bagPath, sha256, entryId}} object"
                .format(index))
        checked.append(item)
    return checked


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

def reject_constant(name):
    raise ValueError("{} is not JSON".format(name))


def has_lone_surrogate(value):
    if isinstance(value, str):
        return any(0xD800 <= ord(character) <= 0xDFFF for character in value)
    if isinstance(value, list):
        return any(has_lone_surrogate(item) for item in value)
    if isinstance(value, dict):
        return any(has_lone_surrogate(key) or has_lone_surrogate(item)
                   for key, item in value.items())
    return False


def parse_json_line(text):
    """Parses one line, or returns the reason it is refused. Numbers are
    looked at as written: a fraction or exponent has no single canonical
    form across languages, so it is refused rather than rounded."""
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
        return None, "the line is not valid JSON"
    if seen["float"]:
        return None, ("the line holds a number with a fraction or exponent; "
                      "journal numbers are integers")
    if seen["unsafe"]:
        return None, "the line holds an integer beyond 2^53 - 1"
    return value, None


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
        value, problem = parse_json_line(raw)
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


# --- evidence -----------------------------------------------------------------

def check_evidence(incident, payload, lines):
    hashes = dict(payload)
    entries = {}
    for line in lines:
        entries.setdefault(line["entry"]["id"], line["entry"])
    indexed = set()
    for item in incident["evidence"]:
        path = item["bagPath"]
        indexed.add(path)
        if path not in hashes:
            raise Problem(path, "missing",
                          "evidence item {} is not listed in {}"
                          .format(item["id"], MANIFEST_FILE))
        if hashes[path] != item["sha256"]:
            raise Problem(path, "altered",
                          "its SHA-256 differs from the one {} records for "
                          "evidence item {}".format(INCIDENT_FILE, item["id"]))
        check_registration(path, item, entries.get(item["entryId"]))
    for path, _ in payload:
        if path.startswith(EVIDENCE_PREFIX) and path not in indexed:
            raise Problem(path, "extra",
                          "not the file of any evidence item in {}"
                          .format(INCIDENT_FILE))
    return len(incident["evidence"])


def check_registration(path, item, entry):
    if entry is None:
        raise Problem(path, "missing",
                      "the journal holds no entry {} registering evidence "
                      "item {}".format(item["entryId"], item["id"]))
    registered = entry["payload"]
    if (entry["kind"] != "evidence.added"
            or registered.get("evidenceId") != item["id"]):
        raise Problem(path, "altered",
                      "journal entry {} does not register evidence item {}"
                      .format(entry["id"], item["id"]))
    if registered.get("sha256") != item["sha256"]:
        raise Problem(path, "altered",
                      "its SHA-256 differs from the one registered in "
                      "journal entry {}".format(entry["id"]))


# --- the check ----------------------------------------------------------------

def verify(root):
    """Returns the OK line, or raises the first Problem."""
    bag = Bag(root)
    check_declaration(bag)
    tags = parse_manifest(bag, TAG_MANIFEST_FILE, payload=False)
    check_listed_files(bag, tags, TAG_MANIFEST_FILE)
    payload = parse_manifest(bag, MANIFEST_FILE, payload=True)
    check_listed_files(bag, payload, MANIFEST_FILE)
    check_no_unlisted_files(bag, payload, tags)
    info = parse_tag_file(read_required_text(bag, BAG_INFO_FILE), BAG_INFO_FILE)
    size = check_payload_oxum(bag, info, payload)
    incident = read_incident(bag)
    check_bag_info_matches(info, incident)
    lines = read_journal(bag)
    chains = walk_chains(lines, incident["id"])
    check_heads(chains, incident["heads"])
    evidence = check_evidence(incident, payload, lines)
    return "OK: {} ({}), {}, {} and {} verified".format(
        plural(len(payload), "payload file"), plural(size, "byte"),
        plural(evidence, "evidence file"), plural(len(chains), "chain"),
        plural(len(lines), "journal entry", "journal entries"))


def write_line(stream, text):
    try:
        stream.write(text + "\n")
    except UnicodeEncodeError:
        stream.write(text.encode("ascii", "backslashreplace").decode("ascii")
                     + "\n")


def main(arguments):
    if len(arguments) > 1 or (arguments and arguments[0] in ("-h", "--help")):
        write_line(sys.stderr, "usage: python3 verify_bundle.py [BAG_FOLDER]")
        return 2
    root = arguments[0] if arguments else "."
    if not os.path.isdir(root):
        write_line(sys.stderr, "error: {} is not a directory".format(root))
        return 2
    try:
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
