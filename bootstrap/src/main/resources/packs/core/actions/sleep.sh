#!/usr/bin/env bash
# core.sleep: sleeps ATTUNE_PARAM_SECONDS seconds (default 1).
set -euo pipefail

seconds="${ATTUNE_PARAM_SECONDS:-1}"
if [[ ! "${seconds}" =~ ^[0-9]+$ ]]; then
  echo "core.sleep: seconds must be a non-negative integer, got '${seconds}'" >&2
  exit 2
fi
sleep "${seconds}"
echo "slept ${seconds}s"
