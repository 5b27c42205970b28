#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# update_test.sh: `namescreen update` against a real HTTP server on 127.0.0.1 (tests/httpd.py,
# on a free port, started and killed here): new versions and the atomic switch, 304s, HTTP
# errors, retries, cut and stalled transfers, files that do not parse or lost entities, the lock,
# a kill before the switch, file:// sources, --from-file, --keep and the bundled sources.csv.
# Nothing leaves the machine. Usage: update_test.sh NAMESCREEN PYTHON HTTPD_PY SOURCE_LISTS WORK
set -u
CLI=$1 PY=$2 HTTPD=$3 SRC_LISTS=$4 WORK=$5
rm -rf "$WORK" && mkdir -p "$WORK/srv" "$WORK/local" || exit 1
SRV=$WORK/srv D=$WORK/lists
export NAMESCREEN_RETRY_DELAY_MS=10
unset NAMESCREEN_LISTS NAMESCREEN_TEST_KILL_BEFORE_SWITCH http_proxy https_proxy HTTP_PROXY \
  HTTPS_PROXY ALL_PROXY all_proxy
export no_proxy=127.0.0.1 NO_PROXY=127.0.0.1
failures=0 server= tls_server=
cleanup() {
  for p in $server $tls_server; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
# expect STATUS PATTERN ARGS...: runs update, checks its exit status and that its output
# (stdout and stderr) matches the extended regular expression PATTERN.
expect() {
  local want=$1 pattern=$2
  shift 2
  out=$("$CLI" update "$@" 2>&1)
  local rc=$?
  echo "\$ namescreen update $* -> $rc"
  echo "$out" | sed 's/^/    /'
  [ "$rc" -eq "$want" ] || fail "exit status $rc, expected $want: update $*"
  echo "$out" | grep -Eq -- "$pattern" || fail "output does not match /$pattern/: update $*"
}
current() { cat "$D/$1/current"; }
mval() { grep "^$2," "$D/$1/$(current "$1")/manifest.csv" | head -1 | cut -d, -f2-; }
cval() { grep "^$2," "$D/$1/checked.csv" | cut -d, -f2-; }
# Every file row of the current version's manifest matches the file's size and SHA-256.
intact() {
  local dir=$D/$1/$(current "$1") rows=0
  while read -r name size sha; do
    rows=$((rows + 1))
    [ "$(stat -c %s "$dir/$name")" = "$size" ] || fail "$dir/$name: size differs from manifest"
    [ "$(sha256sum <"$dir/$name" | cut -c1-64)" = "$sha" ] || fail "$dir/$name: SHA-256 differs"
  done < <(grep '^file,' "$dir/manifest.csv" | cut -d, -f2-)
  [ "$rows" -gt 0 ] || fail "$dir/manifest.csv has no file rows"
}
faults() { printf '%s\n' "$@" >"$SRV/.faults"; }
# gen FILE N [CHANGED]: a generic CSV list of N entities; CHANGED renames entity 1.
gen() {
  {
    echo "id,name,alias,type,dob,country,program"
    for i in $(seq 1 "$2"); do
      if [ "$i" = 1 ] && [ -n "${3:-}" ]; then
        echo "$i,Renamed Person One,,person,1970-01-01,DE,TEST"
      else
        echo "$i,Person Number$i Example,Alias$i Example,person,1970-01-01,DE,TEST"
      fi
    done
  } >"$1"
}

# The server: its port is its first line of output (bounded wait).
"$PY" "$HTTPD" "$SRV" --lifetime 120 >"$WORK/port" 2>"$WORK/httpd.err" &
server=$!
for _ in $(seq 1 100); do
  [ -s "$WORK/port" ] && break
  sleep 0.05
done
PORT=$(head -1 "$WORK/port")
[ -n "$PORT" ] || { echo "FAIL: the test server did not start"; cat "$WORK/httpd.err"; exit 1; }
URL=http://127.0.0.1:$PORT
mkdir -p "$D"
cat >"$D/sources.csv" <<EOF
list,format,url,max_drop
mini,csv,$URL/mini.csv,
EOF

echo "== success: a new version, current switched, manifest right"
gen "$SRV/mini.csv" 20
touch -d '2026-11-30 12:00:00 UTC' "$SRV/mini.csv"
sha=$(sha256sum <"$SRV/mini.csv" | cut -c1-64)
expect 1 "^mini: installed 2026-11-30_${sha:0:12} \(20 entities, 40 names\)$" --lists "$D"
[ "$(current mini)" = "2026-11-30_${sha:0:12}" ] || fail "current is $(current mini)"
[ "$(mval mini list)" = mini ] || fail "manifest list"
[ "$(mval mini format)" = csv ] || fail "manifest format"
[ "$(mval mini main)" = mini.csv ] || fail "manifest main"
[ "$(mval mini source)" = "$URL/mini.csv" ] || fail "manifest source"
[ "$(mval mini sha256)" = "$sha" ] || fail "manifest sha256"
[ "$(mval mini entities)" = 20 ] || fail "manifest entities"
[ "$(mval mini names)" = 40 ] || fail "manifest names"
[ "$(mval mini published)" = 2026-11-30 ] || fail "manifest published"
[ "$(mval mini published_from)" = last-modified ] || fail "manifest published_from"
[ "$(mval mini file)" = "mini.csv $(stat -c %s "$SRV/mini.csv") $sha" ] || fail "manifest file"
mval mini fetched | grep -Eq '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$' ||
  fail "manifest fetched"
mval mini tool | grep -q '^namescreen [0-9]' || fail "manifest tool"
[ "$(cval mini status)" = 200 ] || fail "checked status after 200"
intact mini
v1=$(current mini)

echo "== the library loads what update wrote: lists --check, query --lists"
"$CLI" lists --check --lists "$D" >"$WORK/check.out" 2>&1 || fail "lists --check: $(cat "$WORK/check.out")"
grep -q "^ok   mini $v1: 20 entities, 40 names, 1 file$" "$WORK/check.out" ||
  fail "lists --check output: $(cat "$WORK/check.out")"
"$CLI" query --lists "$D" --format csv "Person Number7 Example" >"$WORK/q.out" 2>"$WORK/q.err"
[ $? -eq 1 ] || fail "query --lists after update: $(cat "$WORK/q.err")"
grep -q ',mini,7,person,' "$WORK/q.out" || fail "query --lists found: $(cat "$WORK/q.out")"

echo "== not modified: 304, checked.csv updated, exit 0"
before=$(cval mini checked)
sleep 1
expect 0 "^mini: not modified \(304\), checked [0-9T:Z-]+$" --lists "$D"
[ "$(cval mini status)" = 304 ] || fail "checked status after 304"
[ "$(cval mini checked)" != "$before" ] || fail "checked time not updated"
[ "$(cval mini version)" = "$v1" ] || fail "checked version"
tail -1 "$SRV/.log" | grep -q '^/mini.csv 304 "' || fail "no If-None-Match sent"

echo "== a new version: diff against the old one"
gen "$SRV/mini.csv" 21 changed
touch -d '2026-12-01 12:00:00 UTC' "$SRV/mini.csv"
sha2=$(sha256sum <"$SRV/mini.csv" | cut -c1-64)
v2=2026-12-01_${sha2:0:12}
expect 1 "^mini: updated $v1 -> $v2 \(\+1 added, -0 removed, 1 changed\)$" --lists "$D"
[ "$(current mini)" = "$v2" ] || fail "current not switched to $v2"
[ -d "$D/mini/$v1" ] || fail "old version deleted"

echo "== same SHA-256 without a conditional request: unchanged"
rm "$D/mini/checked.csv"
expect 0 "^mini: unchanged \(same SHA-256\)$" --lists "$D"
[ "$(cval mini status)" = 200 ] || fail "checked after unchanged"

echo "== 404, 500 with retries, 500 twice then 200; one failing list does not stop the others"
gen "$SRV/flaky.csv" 3
cat >>"$D/sources.csv" <<EOF
gone,csv,$URL/gone.csv,
broken,csv,$URL/broken.csv,
flaky,csv,$URL/flaky.csv,
EOF
faults "/gone.csv 404" "/broken.csv 500" "/flaky.csv 500x2"
expect 2 "^gone: FAILED: $URL/gone.csv: HTTP 404 Not Found$" --lists "$D" --retries 3
echo "$out" | grep -q "^mini: not modified (304)" || fail "mini not checked next to failures"
echo "$out" | grep -Eq "^broken: FAILED: $URL/broken.csv: HTTP 500 Internal Server Error \(after 4 attempts\)$" ||
  fail "500 message"
[ "$(grep -c '^/broken.csv 500' "$SRV/.log")" = 4 ] || fail "500 not tried 4 times"
[ "$(grep -c '^/gone.csv 404' "$SRV/.log")" = 1 ] || fail "404 retried"
echo "$out" | grep -q "^flaky: installed " || fail "500 twice then 200 did not succeed"
[ ! -e "$D/gone/current" ] || fail "a failed list got a current version"
ls -a "$D/gone" | grep -q staging && fail "staging left after a failure"
head -2 "$D/sources.csv" >"$D/sources.new" && mv "$D/sources.new" "$D/sources.csv"

echo "== connection cut mid-file: error, current untouched"
gen "$SRV/mini.csv" 22
faults "/mini.csv cut"
size=$(stat -c %s "$SRV/mini.csv")
expect 2 "^mini: FAILED: $URL/mini.csv: connection cut after $((size / 2)) of $size bytes" \
  --lists "$D" --retries 1
[ "$(current mini)" = "$v2" ] || fail "current changed by a cut transfer"
intact mini

echo "== a file that does not parse"
faults "/mini.csv garbage"
expect 2 "^mini: FAILED: $URL/mini.csv: does not parse: " --lists "$D"
[ "$(current mini)" = "$v2" ] || fail "current changed by a corrupt file"

echo "== a file that shrank: refused"
faults
gen "$SRV/mini.csv" 5
expect 2 "^mini: FAILED: $URL/mini.csv: entity count dropped from 21 to 5 \(76%, over max_drop 10%\); current version kept$" \
  --lists "$D"
expect 2 "over --max-drop 50%\); current version kept$" --lists "$D" --max-drop 0.5
[ "$(current mini)" = "$v2" ] || fail "current changed by a shrunken file"

echo "== timeout: a stalled transfer ends after --timeout"
gen "$SRV/mini.csv" 22
faults "/mini.csv stall"
t0=$(date +%s)
expect 2 "^mini: FAILED: $URL/mini.csv: timed out" --lists "$D" --timeout 2 --retries 0
[ $(($(date +%s) - t0)) -le 10 ] || fail "the timeout took too long"
[ "$(current mini)" = "$v2" ] || fail "current changed by a timeout"

echo "== two updates at once: the second exits 2 naming the lock, or waits with --wait"
lines=$(wc -l <"$SRV/.log")
"$CLI" update --lists "$D" --timeout 4 --retries 0 >"$WORK/first.out" 2>&1 &
first=$!
for _ in $(seq 1 100); do
  [ "$(wc -l <"$SRV/.log")" -gt "$lines" ] && break
  sleep 0.05
done
expect 2 "^namescreen: another namescreen update is running on $D \(lock $D/.lock\)$" --lists "$D"
expect 2 "\(lock $D/.lock\); waited 1 s$" --lists "$D" --wait 1
faults
expect 1 "^mini: updated $v2 -> " --lists "$D" --wait 20
wait "$first"
grep -q "^mini: FAILED: .*timed out" "$WORK/first.out" || fail "the lock holder did not time out"
v2=$(current mini)
faults

echo "== killed before the switch: old version current and intact; the next run cleans up"
gen "$SRV/mini.csv" 23
touch -d '2026-12-02 12:00:00 UTC' "$SRV/mini.csv"
NAMESCREEN_TEST_KILL_BEFORE_SWITCH=1 "$CLI" update --lists "$D" >/dev/null 2>&1
rc=$?
[ "$rc" -eq 137 ] || fail "the test hook did not kill update (status $rc)"
[ "$(current mini)" = "$v2" ] || fail "current changed by a killed update"
intact mini
"$CLI" lists --check --lists "$D" >"$WORK/check.out" 2>&1 ||
  fail "lists --check after a killed update: $(cat "$WORK/check.out")"
mkdir "$D/mini/.staging-leftover" && touch "$D/mini/.staging-leftover/x"
expect 1 "^mini: updated $v2 -> 2026-12-02_" --lists "$D"
[ ! -e "$D/mini/.staging-leftover" ] || fail "leftover staging not cleaned"
[ ! -e "$D/mini/current.tmp" ] || fail "current.tmp left"
intact mini
v3=$(current mini)

echo "== file:// source"
gen "$WORK/local/loc.csv" 4
echo "local,csv,file://$WORK/local/loc.csv," >>"$D/sources.csv"
lsha=$(sha256sum <"$WORK/local/loc.csv" | cut -c1-64)
expect 1 "^local: installed undated_${lsha:0:12} \(4 entities" --lists "$D" local
[ "$(cval local status)" = file ] || fail "checked status of a file source"
[ "$(mval local source)" = "file://$WORK/local/loc.csv" ] || fail "file source"
expect 0 "^local: unchanged \(same SHA-256\)$" --lists "$D" local

echo "== --from-file"
gen "$WORK/local/mini-offline.csv" 24
expect 1 "^mini: updated $v3 -> " --lists "$D" --from-file mini "$WORK/local/mini-offline.csv"
[ "$(mval mini source)" = "file://$WORK/local/mini-offline.csv" ] || fail "--from-file source"
[ "$(mval mini main)" = mini-offline.csv ] || fail "--from-file main"
[ "$(cval mini status)" = file ] || fail "--from-file checked status"
intact mini

echo "== --keep: the newest N versions and the current one"
n=$(ls "$D/mini" | grep -c '_')
[ "$n" -ge 3 ] || fail "expected at least 3 versions before --keep, found $n"
gen "$SRV/mini.csv" 25
expect 1 "^mini: updated " --lists "$D" --keep 2 mini
[ "$(ls "$D/mini" | grep -c '_')" = 2 ] || fail "--keep 2 left $(ls "$D/mini" | grep -c '_')"
[ -d "$D/mini/$(current mini)" ] || fail "--keep deleted the current version"

echo "== a mirror's credentials are never printed or written"
cp "$SRV/mini.csv" "$SRV/secret.csv"
echo "secret,csv,http://reader:s3cr3t-pw@127.0.0.1:$PORT/secret.csv," >>"$D/sources.csv"
echo "gone2,csv,http://reader:s3cr3t-pw@127.0.0.1:$PORT/nothing-here.csv," >>"$D/sources.csv"
expect 2 "^gone2: FAILED: http://reader:\*\*\*@127.0.0.1:$PORT/nothing-here.csv: HTTP 404" \
  --lists "$D" --retries 0 secret gone2
[ "$(mval secret source)" = "http://reader:***@127.0.0.1:$PORT/secret.csv" ] ||
  fail "manifest source: $(mval secret source)"
"$CLI" update --lists "$D" --retries 0 secret gone2 2>&1 | grep -q s3cr3t && fail "a password printed"
grep -rq s3cr3t "$D/secret" && fail "a password written into the lists directory"

echo "== companion files (OFAC legacy CSV)"
mkdir -p "$SRV/ofac" && cp "$(dirname "$HTTPD")"/data/ofac/good/*.csv "$SRV/ofac/"
o=$URL/ofac
echo "sdn,ofac,$o/sdn.csv $o/alt.csv $o/add.csv $o/sdn_comments.csv," >>"$D/sources.csv"
expect 1 "^sdn: installed " --lists "$D" sdn
[ "$(grep -c '^file,' "$D/sdn/$(current sdn)/manifest.csv")" = 4 ] || fail "companion files"
intact sdn

echo "== no sources.csv: the bundled one is copied"
expect 2 "no list 'nosuch' in $WORK/fresh/sources.csv" --lists "$WORK/fresh" nosuch
cmp -s "$SRC_LISTS/sources.csv" "$WORK/fresh/sources.csv" || fail "bundled sources.csv not copied"

echo "== --max-bytes"
gen "$SRV/mini.csv" 26
expect 2 "^mini: FAILED: $URL/mini.csv: larger than --max-bytes 100 bytes$" --lists "$D" mini \
  --max-bytes 100 --retries 0

echo "== --proxy: the request goes through the proxy (the test server; 127.0.0.2 is not served)"
echo "viaproxy,csv,http://127.0.0.2:$PORT/mini.csv," >>"$D/sources.csv"
expect 1 "^viaproxy: installed " --lists "$D" --proxy "$URL" --retries 0 viaproxy
grep -q "^http://127.0.0.2:$PORT/mini.csv proxy " "$SRV/.log" || fail "not fetched through --proxy"

echo "== https: the server's certificate is verified; --cacert names a private CA"
if command -v openssl >/dev/null; then
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/key.pem" -out "$WORK/cert.pem" \
    -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1
  "$PY" "$HTTPD" "$SRV" --lifetime 60 --tls "$WORK/cert.pem" "$WORK/key.pem" \
    >"$WORK/tlsport" 2>"$WORK/tls.err" &
  tls_server=$!
  for _ in $(seq 1 100); do
    [ -s "$WORK/tlsport" ] && break
    sleep 0.05
  done
  echo "tls,csv,https://127.0.0.1:$(head -1 "$WORK/tlsport")/mini.csv," >>"$D/sources.csv"
  expect 2 "^tls: FAILED: https://127.0.0.1:[0-9]+/mini.csv: .*(certificate|SSL)" --lists "$D" tls
  [ ! -e "$D/tls/current" ] || fail "an unverified server was accepted"
  expect 1 "^tls: installed " --lists "$D" --cacert "$WORK/cert.pem" tls
  kill "$tls_server" 2>/dev/null
else
  echo "(skipped: no openssl to make a certificate)"
fi

echo "== a format this namescreen does not load: refused before downloading"
echo "bogus,nosuchformat,$URL/mini.csv," >>"$D/sources.csv"
lines=$(wc -l <"$SRV/.log")
expect 2 "^bogus: FAILED: sources.csv names format 'nosuchformat', which this namescreen does not load \(" \
  --lists "$D" bogus
[ "$(wc -l <"$SRV/.log")" = "$lines" ] || fail "an unknown format was downloaded"

echo "== the target directory: NAMESCREEN_LISTS, else XDG_DATA_HOME, else HOME"
NAMESCREEN_LISTS=$WORK/env expect 2 "no list 'nosuch' in $WORK/env/sources.csv" nosuch
XDG_DATA_HOME=$WORK/xdg expect 2 "in $WORK/xdg/namescreen/lists/sources.csv" nosuch
HOME=$WORK/home XDG_DATA_HOME= expect 2 "in $WORK/home/.local/share/namescreen/lists/sources" nosuch

echo "== OFAC advanced XML with original-script names: installed, loaded, matched in its script"
X=$WORK/xml && mkdir -p "$X" &&
  printf 'list,format,url\nofac-sdn,ofac-advanced,%s/SDN_ADVANCED.XML\n' "$URL" >"$X/sources.csv"
cp "$(dirname "$HTTPD")"/data/ofac_xml/sdn_advanced_han.xml "$SRV/SDN_ADVANCED.XML"
D_SAVE=$D D=$X
expect 1 "^ofac-sdn: installed 2020-03-17_[0-9a-f]{12} \(3 entities, 7 names\)$" --lists "$X"
[ "$(mval ofac-sdn format)" = ofac-advanced ] || fail "manifest format of the XML list"
[ "$(mval ofac-sdn published_from)" = file ] || fail "the XML's DateOfIssue is its publication date"
intact ofac-sdn
D=$D_SAVE
"$CLI" query --lists "$X" --format csv 倪高彬 >"$WORK/q.out" 2>"$WORK/q.err"
[ $? -eq 1 ] || fail "query 倪高彬 on the XML list: $(cat "$WORK/q.err")"
grep -q ',ofac-sdn,47818,person,倪高彬,alias,"NI, Gaobin",' "$WORK/q.out" ||
  fail "倪高彬 not matched as its original-script name: $(cat "$WORK/q.out")"

echo "== the help documents the options, not the test hook"
help=$("$CLI" update --help)
for opt in --lists --from-file --timeout --retries --proxy --cacert --max-bytes --max-drop --keep; do
  echo "$help" | grep -q -- "$opt" || fail "help lacks $opt"
done
echo "$help" | grep -q KILL && fail "help names the test hook"

if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "update_test: all passed"
