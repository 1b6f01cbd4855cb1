#!/usr/bin/env bash
# Runs the commands that README.md and docs/guide/*.md mark as cheap, as written, and fails with the
# file and line of every command that exits non-zero. First it checks that README.md has at most 150
# lines and bench/README.md at most 100, and that every relative Markdown link in README.md, docs/
# and bench/ resolves (file, and heading for #anchors).
#
# A command is marked by its block: a fenced ```sh block whose opening line comes right after a line
# `<!-- check -->`. Every line of such a block runs on its own (`bash -e -o pipefail -c LINE`), in
# file order, README.md first, then docs/guide/*.md by name; comment lines and blank lines are
# skipped, and a line ending in `\` continues on the next. All of them run in one new temporary
# folder, so a line can use what an earlier line wrote (e.g. `report` on an `experiment`'s folder);
# in it `../shared/data/eeg` is the EEG data ($ONE_NEURON_EEG_DATA, else ../shared/data/eeg beside
# the repository), and .build/release comes first on PATH, so `one-neuron` is the release build.
#
#   bash scripts/check-docs.sh                 # after swift build -c release --product one-neuron
#   CHECK_DOCS_VERBOSE=1 bash scripts/check-docs.sh   # also print every command's output
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
started=$SECONDS

say() { echo "check-docs: $*"; }
fail() { echo "check-docs: FAILED: $*" >&2; exit 1; }

# The two front pages stay short: README.md at most 150 lines, bench/README.md at most 100.
[ "$(wc -l < README.md)" -le 150 ] || fail "README.md has $(wc -l < README.md) lines; keep it at most 150 (move detail to docs/)"
[ "$(wc -l < bench/README.md)" -le 100 ] || fail "bench/README.md has $(wc -l < bench/README.md) lines; keep it at most 100 (dated figures go to bench/results/)"

export PATH="$repo/.build/release:$PATH"
command -v one-neuron >/dev/null \
  || fail "one-neuron not found in $repo/.build/release or on PATH (swift build -c release --product one-neuron)"
eeg="${ONE_NEURON_EEG_DATA:-../shared/data/eeg}"
[ -f "$eeg/ML101_KS.csv" ] || fail "EEG recordings not found in $eeg (set ONE_NEURON_EEG_DATA)"
eeg="$(cd "$eeg" && pwd)"
export ONE_NEURON_EEG_DATA="$eeg"

work="$(mktemp -d /tmp/one-neuron-check-docs.XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/shared/data" "$work/run"
ln -s "$eeg" "$work/shared/data/eeg"

# One record per command: FILE:LINE, a tab, the command (continuation lines joined).
extract() {
  awk -v file="$1" '
    inblock && /^```[[:space:]]*$/ { inblock = 0; prev = $0; next }
    inblock {
      line = $0
      if (pending == "") {
        if (line ~ /^[[:space:]]*(#|$)/) { prev = $0; next }
        start = FNR
      }
      if (line ~ /\\$/) { sub(/\\$/, "", line); pending = pending line; prev = $0; next }
      printf "%s:%d\t%s\n", file, start, pending line
      pending = ""
      prev = $0
      next
    }
    /^```sh[[:space:]]*$/ && prev == "<!-- check -->" { inblock = 1; pending = ""; prev = $0; next }
    { prev = $0 }
    END { if (inblock) printf "%s:%d\t%s\n", file, FNR, "false # unclosed ```sh block" }
  ' "$1"
}

# Every relative Markdown link in README.md, docs/ and bench/ must name a file that exists and, with
# #anchor, a heading of that file (GitHub's anchors: lower case, punctuation dropped, spaces -> -).
anchors() {
  sed -n 's/^#\{1,6\} \{1,\}//p' "$1" | tr '[:upper:]' '[:lower:]' | sed 's/[^a-z0-9 _-]//g; s/ /-/g'
}
broken=()
while IFS= read -r md; do
  dir="$(dirname "$md")"
  while IFS= read -r target; do
    case "$target" in http://*|https://*|mailto:*) continue ;; esac
    path="${target%%#*}" anchor=""
    [[ "$target" == *"#"* ]] && anchor="${target#*#}"
    file="$md"
    [ -n "$path" ] && file="$dir/$path"
    if [ ! -e "$file" ]; then broken+=("$md: $target (no such file)"); continue; fi
    if [ -n "$anchor" ] && [ -f "$file" ] && ! anchors "$file" | grep -qxF -- "$anchor"; then
      broken+=("$md: $target (no such heading)")
    fi
  done < <(grep -o '](\([^)]*\))' "$md" | sed 's/^](\(.*\))$/\1/')
done < <(find README.md docs bench -name '*.md' -not -path '*/.venv/*' | sort)
if [ ${#broken[@]} -gt 0 ]; then
  printf 'check-docs: broken link: %s\n' "${broken[@]}" >&2
  fail "${#broken[@]} broken Markdown links"
fi
say "Markdown links resolve"

commands="$work/commands.tsv"
: > "$commands"
for file in README.md docs/guide/*.md; do
  extract "$file" >> "$commands"
done
total=$(wc -l < "$commands")
[ "$total" -gt 0 ] || fail "no command marked <!-- check --> in README.md or docs/guide/*.md"

failures=()
n=0
while IFS=$'\t' read -r where command; do
  n=$((n + 1))
  log="$work/log.$n"
  t0=$SECONDS
  if (cd "$work/run" && bash -e -o pipefail -c "$command") > "$log" 2>&1 < /dev/null; then
    say "ok   $where ($((SECONDS - t0)) s): $command"
    [ -n "${CHECK_DOCS_VERBOSE:-}" ] && sed 's/^/    /' "$log"
  else
    status=$?
    echo "check-docs: FAIL $where (exit $status): $command" >&2
    tail -n 15 "$log" | sed 's/^/    /' >&2
    failures+=("$where")
  fi
done < "$commands"

if [ ${#failures[@]} -gt 0 ]; then
  fail "${#failures[@]} of $total documented commands exited non-zero: ${failures[*]}"
fi
say "all $total documented commands ran ($((SECONDS - started)) s)"
