#!/usr/bin/env python3
"""examples.hello_py: reads its parameters as one JSON document on stdin and prints a JSON result."""
import json
import os
import sys


def read_parameters():
    """The parameters from stdin (a JSON object), falling back to ATTUNE_PARAM_* variables."""
    try:
        data = json.load(sys.stdin)
        if isinstance(data, dict):
            return data
    except ValueError:
        pass
    return {
        "name": os.environ.get("ATTUNE_PARAM_NAME", "world"),
        "shout": os.environ.get("ATTUNE_PARAM_SHOUT", "false").lower() == "true",
    }


def main():
    parameters = read_parameters()
    name = parameters.get("name") or "world"
    greeting = "Hello, {}!".format(name)
    if parameters.get("shout"):
        greeting = greeting.upper()
    print(json.dumps({"greeting": greeting, "length": len(greeting)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
