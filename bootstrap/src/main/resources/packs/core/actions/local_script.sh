#!/usr/bin/env bash
# core.local_script: runs the script text of the `script` parameter with bash.
# Attune passes parameters as ATTUNE_PARAM_<NAME> environment variables and as one JSON document on stdin;
# the environment variable is used when present, otherwise the JSON on stdin is read (with python3).
set -euo pipefail

script="${ATTUNE_PARAM_SCRIPT-}"
if [[ -z "${script}" && ! -t 0 ]]; then
  if command -v python3 >/dev/null 2>&1; then
    script="$(python3 -c '
import json, sys
try:
    value = json.load(sys.stdin).get("script")
except (ValueError, AttributeError):
    value = None
print(value if isinstance(value, str) else "", end="")
')"
  fi
fi
if [[ -z "${script}" ]]; then
  echo "core.local_script: the 'script' parameter is empty" >&2
  exit 2
fi

# The env parameter arrives as a JSON object in ATTUNE_PARAM_ENV; export its entries for the script.
if [[ -n "${ATTUNE_PARAM_ENV-}" ]] && command -v python3 >/dev/null 2>&1; then
  while IFS= read -r -d '' pair; do
    export "${pair}"
  done < <(python3 -c '
import json, os, re, sys
try:
    env = json.loads(os.environ["ATTUNE_PARAM_ENV"])
except ValueError:
    env = {}
for key, value in (env.items() if isinstance(env, dict) else []):
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key) and "\0" not in str(value):
        sys.stdout.write(key + "=" + str(value) + "\0")
')
fi

if [[ -n "${ATTUNE_PARAM_CWD-}" ]]; then
  cd -- "${ATTUNE_PARAM_CWD}"
fi

file="$(mktemp "${TMPDIR:-/tmp}/attune-script.XXXXXX")"
trap 'rm -f -- "${file}"' EXIT
printf '%s\n' "${script}" > "${file}"
# Not exec: the trap must still remove the file. The script's exit code is this action's exit code.
set +e
bash "${file}"
exit $?
