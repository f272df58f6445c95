#!/usr/bin/env bash
# examples.greet: prints "Hello, <name>!" <times> times.
# Parameters arrive as environment variables ATTUNE_PARAM_<NAME> (and as JSON on stdin, unused here).
set -euo pipefail

name="${ATTUNE_PARAM_NAME:?the name parameter is required}"
times="${ATTUNE_PARAM_TIMES:-1}"
if [[ ! "${times}" =~ ^[0-9]+$ ]]; then
  echo "times must be a whole number, got '${times}'" >&2
  exit 2
fi

for ((i = 1; i <= times; i++)); do
  printf 'Hello, %s!\n' "${name}"
done
