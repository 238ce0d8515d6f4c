#!/bin/sh
# The HTML report in a real browser: headless Chromium loads the sample
# report (a deadlock with its wait-for cycle, data races, a lost wakeup, a
# load that read an older store, benchmarks, and a scenario of hostile
# strings) from disk and
#   - the rendered DOM has the summary rows, the SVG lanes, the highlighted
#     steps and the replay commands, and the page's script ran;
#   - no injected markup ran (the hostile scenario tries to set data-pwned);
#   - the page made no network request (net log; a probe page proves the
#     check can see one);
#   - a screenshot is taken (kept in OUT_DIR for people to look at).
# usage: browser_test.sh SAMPLE_WRITER OUT_DIR   (exit 77: skipped, no chromium)
set -eu
writer=$1
out=$2

browser=""
for candidate in chromium chromium-browser google-chrome; do
  if command -v "$candidate" >/dev/null 2>&1; then browser=$(command -v "$candidate"); break; fi
done
if [ -z "$browser" ]; then
  echo "SKIPPED: no chromium (Debian: apt-get install -y chromium)"
  exit 77
fi
python=/usr/bin/python3
[ -x "$python" ] || python=python3

rm -rf "$out"
mkdir -p "$out"
"$writer" "$out"
page="$out/report.html"

# One headless run: chromium ARGS... with a fresh profile each time.
run_chromium() {
  profile=$(mktemp -d "$out/profile.XXXXXX")
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --disable-extensions \
    --user-data-dir="$profile" --host-resolver-rules="MAP * ~NOTFOUND" "$@" 2>>"$out/chromium.log"
  rm -rf "$profile"
}

fail() { echo "FAIL: $*"; exit 1; }

# 1. The DOM after the page's script ran.
run_chromium --virtual-time-budget=3000 --dump-dom "file://$page" >"$out/dom.html" || fail "chromium --dump-dom failed (see $out/chromium.log)"
"$python" - "$out/dom.html" <<'PY' || exit 1
import re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
checks = [
    ("11 summary rows", len(re.findall(r'<tr class="row', dom)) == 11),
    ("the page's script ran (filter count)", "showing 11 of 11 scenarios" in dom),
    ("SVG lanes for 6 findings", len(re.findall(r'<svg class="lanes"', dom)) == 6),
    ("an arrow from the store a load read", len(re.findall(r'<g class="rf"><title>read an older store \(1 newer\)', dom)) == 1),
    ("3 thread lanes in the deadlock", 'data-threads="3" data-events="8"' in dom),
    ("a lane per thread", '<g class="lane" data-thread="2">' in dom),
    ("highlighted cycle steps", len(re.findall(r'<g class="ev sync hl"', dom)) >= 4),
    ("wait-for cycle listed", "wait-for cycle: thread 1 -&gt; mutex#1 (held by thread 2)" in dom),
    ("deadlock replay command", "weft replay bank/transfer_unordered 'p2.s7.0011010'" in dom),
    ("race replay command", "weft replay counter/unsafe 'r1.s3.101'" in dom),
    ("benchmark rows", len(re.findall(r'<tr class="bench-row"', dom)) == 5),
    ("regressed benchmark bar", '<rect class="cur regressed"' in dom),
    ("one history timeline", len(re.findall(r'<svg class="history"', dom)) == 1),
    ("a timeline row per thread", 'data-threads="4" data-operations="4"' in dom
        and all('<g class="hrow" data-thread="%d">' % t in dom for t in range(4))),
    ("the operation that cannot be placed highlighted", len(re.findall(r'<g class="op stuck" data-thread="1">', dom)) == 1),
    ("the prefix numbered", len(re.findall(r'<g class="op placed"', dom)) == 2),
    ("no injected script ran", not re.search(r'<body[^>]*data-pwned', dom)),
    ("no injected element", "<img" not in dom and dom.count("<script") == 1),
]
bad = [name for name, ok in checks if not ok]
for name, ok in checks:
    print(("ok   " if ok else "FAIL ") + name)
sys.exit(1 if bad else 0)
PY

# 2. No request leaves the page. Chromium's own background services log
#    requests with initiator "not an origin"; a page on disk has the opaque
#    origin "null". Any request naming a host from the page also fails.
netlog_check() {
  "$python" - "$1" "$2" <<'PY'
import json, sys
log = json.load(open(sys.argv[1], encoding="utf-8"))
mode = sys.argv[2]
types = {v: k for k, v in log["constants"]["logEventTypes"].items()}
page_requests = []
for e in log["events"]:
    p = e.get("params", {})
    if types.get(e["type"]) != "URL_REQUEST_START_JOB":
        continue
    url = p.get("url", "")
    if not url.startswith(("http:", "https:", "ws:", "wss:", "ftp:")):
        continue
    if p.get("initiator") != "not an origin" or "evil.example" in url or "weft-probe" in url:
        page_requests.append(url)
if mode == "probe":
    sys.exit(0 if any("weft-probe" in u for u in page_requests) else 1)
for u in page_requests:
    print("request from the page:", u)
sys.exit(1 if page_requests else 0)
PY
}
cat >"$out/probe.html" <<'HTML'
<!DOCTYPE html><html><body><img src="http://weft-probe.invalid/x.png"><script>fetch('https://weft-probe.invalid/y').catch(function(){})</script></body></html>
HTML
run_chromium --virtual-time-budget=2000 --log-net-log="$out/probe-netlog.json" --dump-dom "file://$out/probe.html" >/dev/null || true
netlog_check "$out/probe-netlog.json" probe || fail "the net-log check cannot see a page's requests (probe page not seen)"
run_chromium --virtual-time-budget=3000 --log-net-log="$out/netlog.json" --dump-dom "file://$page" >/dev/null || fail "chromium failed"
netlog_check "$out/netlog.json" page || fail "the report made network requests"
echo "ok   no network request from the page"

# 3. The timeline as laid out (geometry the browser computed, read back by a
#    probe script added to a copy of the page): every bar inside its
#    thread's row, and where the clock puts it — t1's stuck pop [3, 5] starts
#    inside t2's pop [2, 4] and ends after it, after main's push [0, 1].
"$python" - "$page" "$out/timeline.html" <<'PY'
import sys
page = open(sys.argv[1], encoding="utf-8").read()
probe = """<script>document.addEventListener('DOMContentLoaded',function(){
var svg=document.querySelector('svg.history'),rows={},out=[];
svg.querySelectorAll('g.hrow').forEach(function(g){var b=g.querySelector('rect').getBBox();rows[g.dataset.thread]=[b.y,b.y+b.height];});
svg.querySelectorAll('g.op').forEach(function(g){var b=g.querySelector('rect').getBBox(),r=rows[g.dataset.thread];
out.push(g.getAttribute('class').replace(' ','-')+':'+g.dataset.thread+':'+(b.y>=r[0]&&b.y+b.height<=r[1]?'in-row':'out-of-row')+':'+Math.round(b.x)+':'+Math.round(b.width));});
document.body.setAttribute('data-timeline',out.join(' '));});</script>"""
# The probe is the test's, not the report's: it is added to a copy, with a CSP that lets it run.
page = page.replace("</body>", probe + "</body>", 1)
open(sys.argv[2], "w", encoding="utf-8").write(page)
PY
run_chromium --virtual-time-budget=3000 --dump-dom "file://$out/timeline.html" >"$out/timeline-dom.html" || fail "chromium failed on the timeline probe"
"$python" - "$out/timeline-dom.html" <<'PY' || exit 1
import re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'data-timeline="([^"]*)"', dom)
if not m:
    print("FAIL timeline geometry not measured"); sys.exit(1)
bars = [b.split(":") for b in m.group(1).split()]  # class:thread:in-row:x:width
ok = len(bars) == 4 and all(b[2] == "in-row" and int(b[4]) > 0 for b in bars)
span = {b[1]: (int(b[3]), int(b[3]) + int(b[4])) for b in bars}
stuck = [b for b in bars if b[0] == "op-stuck"]
ok = ok and len(stuck) == 1 and stuck[0][1] == "1"
ok = ok and span["0"][1] < span["2"][0] < span["1"][0] < span["2"][1] < span["1"][1]
print(("ok   " if ok else "FAIL ") + "every bar inside its thread's row, one stuck bar: " + m.group(1))
sys.exit(0 if ok else 1)
PY

# 4. A screenshot for people.
run_chromium --hide-scrollbars --window-size=1280,2000 --screenshot="$out/weft-report.png" "file://$page" >/dev/null 2>&1 ||
  fail "chromium --screenshot failed"
[ -s "$out/weft-report.png" ] || fail "no screenshot"
echo "ok   screenshot $out/weft-report.png"
echo "PASS browser test"
