#!/usr/bin/env python3
"""examples.watch_file: emits an examples.alert event each time a file appears or changes.

A sensor writes one JSON object per line on stdout: {"trigger": "<ref>", "payload": {...}}. Its configuration
comes as JSON in ATTUNE_SENSOR_CONFIG ({"path": ..., "poll_interval": ...}); WATCH_FILE_PATH overrides the path.
"""
import json
import os
import socket
import sys
import time

TRIGGER = "examples.alert"
SEVERITIES = ("info", "warning", "critical")


def configuration():
    try:
        config = json.loads(os.environ.get("ATTUNE_SENSOR_CONFIG") or "{}")
    except ValueError:
        config = {}
    if not isinstance(config, dict):
        config = {}
    path = os.environ.get("WATCH_FILE_PATH") or config.get("path") or "/tmp/attune-examples-alert"
    interval = config.get("poll_interval", 5)
    if not isinstance(interval, (int, float)) or interval <= 0:
        interval = 5
    return path, float(interval)


def payload_from(path):
    """The alert's payload: the file's JSON object if it is one, else its text as a critical alert."""
    with open(path, "r", encoding="utf-8", errors="replace") as handle:
        text = handle.read(64 * 1024)
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if isinstance(data, dict):
        host = str(data.get("host") or socket.gethostname())
        severity = data.get("severity") if data.get("severity") in SEVERITIES else "critical"
        payload = {"host": host, "severity": severity}
        if data.get("message") is not None:
            payload["message"] = str(data["message"])
        return payload
    return {"host": socket.gethostname(), "severity": "critical", "message": text.strip() or "file " + path + " appeared"}


def emit(payload):
    sys.stdout.write(json.dumps({"trigger": TRIGGER, "payload": payload}) + "\n")
    sys.stdout.flush()


def main():
    path, interval = configuration()
    print("watching " + path + " every " + str(interval) + "s", file=sys.stderr, flush=True)
    last_seen = None
    while True:
        try:
            stat = os.stat(path)
            seen = (stat.st_mtime_ns, stat.st_size)
        except FileNotFoundError:
            seen = None
        if seen is not None and seen != last_seen:
            try:
                emit(payload_from(path))
            except OSError as error:
                print("cannot read " + path + ": " + str(error), file=sys.stderr, flush=True)
        last_seen = seen
        time.sleep(interval)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(0)
