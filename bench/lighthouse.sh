#!/usr/bin/env bash
# Lighthouse (mobile) on the home, lesson, quiz and handout pages: prints the four category
# scores per page. On demand only (`make lighthouse`), never part of `make test`.
#
# Serves this checkout the way `make run` does (gunicorn, the course in modules/) from a scratch
# instance folder on PORT (default 5180), unless BASE_URL names a server already running.
# Lighthouse itself is installed with npm into LIGHTHOUSE_DIR (default /tmp/lh), outside the
# repository, and drives Debian's Chromium (CHROME_PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-5180}"
BASE_URL="${BASE_URL:-}"
LIGHTHOUSE_DIR="${LIGHTHOUSE_DIR:-/tmp/lh}"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
CHROME_FLAGS="--headless=new --no-sandbox --disable-gpu --disable-background-networking \
--disable-component-update --disable-sync --no-first-run --disable-quic"
PAGES=(/ /lessons/first-24-hours /modules/if-it-happens/quiz /resources/if-it-happened-today)
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

printf '%-40s %12s %14s %15s %6s\n' page performance accessibility best-practices seo
for page in "${PAGES[@]}"; do
  report="$REPORTS/report.json"
  "$lighthouse" "$BASE_URL$page" --quiet --output=json --output-path="$report" \
    --only-categories=performance,accessibility,best-practices,seo \
    --chrome-flags="$CHROME_FLAGS" >/dev/null 2>"$REPORTS/lighthouse.log" \
    || { cat "$REPORTS/lighthouse.log" >&2; exit 1; }
  node -e '
    const r = require(process.argv[1]);
    const c = r.categories;
    const s = k => String(Math.round(c[k].score * 100));
    const failed = Object.values(c).flatMap(cat => cat.auditRefs)
      .filter(ref => ref.weight > 0 && r.audits[ref.id].score !== null && r.audits[ref.id].score < 1)
      .map(ref => `${ref.id} (${r.audits[ref.id].displayValue || r.audits[ref.id].score})`);
    console.log(process.argv[2].padEnd(40), s("performance").padStart(12),
      s("accessibility").padStart(14), s("best-practices").padStart(15), s("seo").padStart(6));
    if (process.env.VERBOSE && failed.length) console.log("   below full marks:", [...new Set(failed)].join(", "));
  ' "$report" "$page"
done
