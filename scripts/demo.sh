#!/usr/bin/env bash
# The main job end to end on the embedded default, with synthetic people only:
# make a register and a council's messy extract, load the register into the embedded DuckDB
# store, look at its data quality, check the NHS Numbers the council holds, trace the extract, and
# print the path of the HTML report.
# Usage: npm run demo [-- OUT_DIR]   (default: ./out/demo)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-out/demo}"
people="${DEMO_PEOPLE:-20000}"
requests="${DEMO_REQUESTS:-2000}"
cli=(node bin/nhs-trace.js)
[ -f dist/cli/main.js ] || npm run build

rm -rf "$out"
mkdir -p "$out/trace"
step() { printf '\n== %s\n' "$*"; }

step "1. A synthetic register of $people people (NHS Numbers from the unallocated 9xx test range)"
"${cli[@]}" generate population --people "$people" --seed 1 --out "$out/register"

step "2. A council's extract of $requests people, with realistic errors, and its ground truth"
"${cli[@]}" generate requests --register "$out/register" --requests "$requests" --seed 2 --out "$out/requests"

step "3. Load the register into the embedded store ($out/register.duckdb)"
"${cli[@]}" register import "$out/register/register.ndjson" --db "$out/register.duckdb"

step "4. The register's data quality"
"${cli[@]}" register stats --db "$out/register.duckdb"

step "5. Check the NHS Numbers the council holds (Modulus 11); invalid ones are listed"
set +e
"${cli[@]}" nhs-number validate --csv "$out/requests/requests.csv" --column NHS_NO --skip-empty --invalid-only
status=$?
set -e
[ "$status" -le 1 ] || exit "$status"

step "6. Trace the extract against the register (PDS MESH response, cleansing files, report)"
"${cli[@]}" trace "$out/requests/requests.csv" --out "$out/trace/response.csv" --db "$out/register.duckdb"

printf '\nDemo files are in %s\n' "$out"
printf 'Response:    %s\nReport JSON: %s\n' "$out/trace/response.csv" "$out/trace/response.report.json"
report="$out/trace/response.report.html"
[ -f "$report" ] || { printf 'the trace wrote no HTML report (%s)\n' "$report" >&2; exit 1; }
printf 'Report:      %s   (open it in a browser: counts only, no patient data)\n' "$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
