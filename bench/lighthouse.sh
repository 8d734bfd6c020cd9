#!/usr/bin/env bash
# Lighthouse (mobile) on the catalogue, course home, lesson, quiz and handout pages: prints the four category
# scores per page, the median of RUNS runs (VERBOSE=1: each run, and every audit below full
# marks). On demand only (`make lighthouse`), never part of `make test`.
#
# Serves this checkout the way `make run` does (gunicorn, the course in modules/) from a scratch
# instance folder on PORT (default 5180), unless BASE_URL names a server already running.
# Lighthouse itself is installed with npm into LIGHTHOUSE_DIR (default /tmp/lh), outside the
# repository, and drives Debian's Chromium (CHROME_PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-5180}"
RUNS="${RUNS:-3}"  # runs per page; the median is printed
BASE_URL="${BASE_URL:-}"
LIGHTHOUSE_DIR="${LIGHTHOUSE_DIR:-/tmp/lh}"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
CHROME_FLAGS="--headless=new --no-sandbox --disable-gpu --disable-background-networking \
--disable-component-update --disable-sync --no-first-run --disable-quic"
COURSE=/courses/restraint-and-seclusion
# The catalogue, a course's home, a lesson, a quiz and a handout.
PAGES=(/ "$COURSE/" "$COURSE/lessons/first-24-hours" "$COURSE/modules/if-it-happens/quiz"
  "$COURSE/resources/if-it-happened-today")
REPORTS="$(mktemp -d)"
lighthouse="$LIGHTHOUSE_DIR/node_modules/.bin/lighthouse"

if [[ ! -x "$lighthouse" ]]; then
  mkdir -p "$LIGHTHOUSE_DIR"
  (cd "$LIGHTHOUSE_DIR" && { [[ -f package.json ]] || npm init -y >/dev/null; } \
    && npm install --no-audit --no-fund lighthouse >/dev/null)
fi

server=""
cleanup() {
  [[ -n "$server" ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$REPORTS"
}
trap cleanup EXIT

if [[ -z "$BASE_URL" ]]; then
  BASE_URL="http://127.0.0.1:$PORT"
  export FLASK_APP=lms LMS_INSTANCE_PATH="$REPORTS/instance" PUBLIC_BASE_URL="$BASE_URL"
  .venv/bin/flask db upgrade >"$REPORTS/migrate.log" 2>&1 || { cat "$REPORTS/migrate.log" >&2; exit 1; }
  .venv/bin/flask content import --if-empty >/dev/null
  .venv/bin/gunicorn --bind "127.0.0.1:$PORT" --worker-class gthread --workers 1 --threads 4 \
    "lms:create_app()" 2>"$REPORTS/server.log" &
  server=$!
  for _ in $(seq 50); do curl -fs -o /dev/null "$BASE_URL/" && break; sleep 0.2; done
fi

measure() {
  "$lighthouse" "$BASE_URL$1" --quiet --output=json --output-path="$2" \
    --only-categories=performance,accessibility,best-practices,seo \
    --chrome-flags="$CHROME_FLAGS" >/dev/null 2>"$REPORTS/lighthouse.log"
}

printf '%-62s %12s %14s %15s %6s\n' page performance accessibility best-practices seo
for page in "${PAGES[@]}"; do
  reports=()
  for run in $(seq "$RUNS"); do
    report="$REPORTS/report-$run.json"
    # A second try on failure: on a busy machine Chromium's trace is now and then cut short.
    measure "$page" "$report" || measure "$page" "$report" \
      || { cat "$REPORTS/lighthouse.log" >&2; exit 1; }
    reports+=("$report")
  done
  # The median of the runs, per category: the timings move with the machine's other work.
  node -e '
    const [page, ...files] = process.argv.slice(1);
    const runs = files.map(file => require(file));
    const median = values => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const score = key => String(median(runs.map(r => Math.round(r.categories[key].score * 100))));
    console.log(page.padEnd(62), score("performance").padStart(12),
      score("accessibility").padStart(14), score("best-practices").padStart(15),
      score("seo").padStart(6));
    if (process.env.VERBOSE) runs.forEach((r, i) => {
      const below = Object.values(r.categories).flatMap(category => category.auditRefs)
        .filter(ref => ref.weight > 0 && r.audits[ref.id].score !== null && r.audits[ref.id].score < 1)
        .map(ref => `${ref.id} (${r.audits[ref.id].displayValue || r.audits[ref.id].score})`);
      const scores = Object.values(r.categories).map(c => Math.round(c.score * 100)).join(" ");
      console.log(`   run ${i + 1}: ${scores}` + (below.length ? `; below full marks: ${[...new Set(below)].join(", ")}` : ""));
    });
  ' "$page" "${reports[@]}"
done
