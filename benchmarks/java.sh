# A JDK 21 or newer for the benchmark scripts, sourced by compare.sh and faults.sh (they define die and MIN_JAVA).

java_version() {
  local v
  v="$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1)" || true
  case "$v" in 1.*) echo "${v#1.}" | cut -d. -f1 ;; [0-9]*) echo "$v" | cut -d. -f1 ;; esac
}

# A java of version 21 or newer: JAVA_HOME if good, else java on PATH, else the newest under /usr/lib/jvm.
find_java() {
  local v candidate best="" best_v=0
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    v="$(java_version "$JAVA_HOME/bin/java")"
    if [[ -n "$v" && "$v" -ge $MIN_JAVA ]]; then echo "$JAVA_HOME/bin/java"; return; fi
  fi
  if command -v java >/dev/null 2>&1; then
    v="$(java_version "$(command -v java)")"
    if [[ -n "$v" && "$v" -ge $MIN_JAVA ]]; then command -v java; return; fi
  fi
  for candidate in /usr/lib/jvm/*/bin/java; do
    [[ -x "$candidate" ]] || continue
    v="$(java_version "$candidate")"
    if [[ -n "$v" && "$v" -ge $MIN_JAVA && "$v" -gt $best_v ]]; then best="$candidate"; best_v="$v"; fi
  done
  [[ -n "$best" ]] || die "needs a JDK $MIN_JAVA or newer: set JAVA_HOME"
  echo "$best"
}
