#!/usr/bin/env bash
# GDAL OAPIF check (`npm run check:gdal`): GDAL's OAPIF driver, which QGIS uses too, must list every collection of
# our OGC API – Features and read its features, because that is how users take the city's data into other tools.
#
# Starts the real server (embedded engine in a fresh temporary DATA_DIR, or the PostGIS server named by
# DATABASE_URL), runs ogrinfo and ogr2ogr against it, and exits non-zero on the first mismatch.
# GDAL signs in with HTTP Basic, as GIS tools do: as `admin` with a password this script gives the server's first
# start (ADMIN_PASSWORD), which only a fresh database takes. For a database that has its admin already, or for
# GDAL_CHECK_URL=http://host:port (a server that is already running), set GDAL_CHECK_USER and GDAL_CHECK_PASSWORD.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in ogrinfo ogr2ogr node; do
  command -v "$tool" >/dev/null || { echo "gdal-check: $tool is missing (apt-get install gdal-bin)" >&2; exit 1; }
done

WORK="$(mktemp -d -t gdal-check.XXXXXX)"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    # The server runs in its own process group (setsid): npx, tsx and node stop together.
    kill -TERM -- "-$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
# Turn a stop (CI's timeout, Ctrl-C) into an exit, so that the EXIT trap stops the server.
trap 'exit 130' INT
trap 'exit 143' TERM

CHECK_USER="${GDAL_CHECK_USER:-admin}"
CHECK_PASSWORD="${GDAL_CHECK_PASSWORD:-gdal-check-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')}"
# GDAL's HTTP layer reads these: every OAPIF request carries the credentials.
export GDAL_HTTP_AUTH=BASIC
export GDAL_HTTP_USERPWD="$CHECK_USER:$CHECK_PASSWORD"

fail() {
  echo "gdal-check: FAIL: $*" >&2
  exit 1
}

# GET a URL (signed in with HTTP Basic) and print the body; non-zero on a network error or a non-2xx status.
http_get() {
  node -e 'fetch(process.argv[1], { headers: { Authorization: "Basic " + Buffer.from(process.env.GDAL_HTTP_USERPWD).toString("base64") } }).then(async (r) => { if (!r.ok) { console.error(`${r.status} ${await r.text()}`); process.exit(1); } process.stdout.write(await r.text()); }, (e) => { console.error(String(e.cause ?? e)); process.exit(1); })' "$1"
}

# Evaluates a JavaScript expression over the JSON on stdin (bound to `j`) and prints the result.
json() {
  node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => { const j = JSON.parse(s); const v = eval(process.argv[1]); console.log(Array.isArray(v) ? v.join("\n") : v); });' "$1"
}

start_server() {
  local port
  port="$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')"
  if [[ -n "${DATABASE_URL:-}" ]]; then
    echo "Starting the server on the PostGIS server engine (DATABASE_URL) at port $port"
  else
    export DATA_DIR="$WORK/data"
    echo "Starting the server on the embedded engine (DATA_DIR=$DATA_DIR) at port $port; the first start loads the sample city"
  fi
  PORT="$port" ADMIN_PASSWORD="$CHECK_PASSWORD" setsid npx tsx server/src/server.ts >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  BASE="http://127.0.0.1:$port"
  local deadline=$((SECONDS + ${GDAL_CHECK_START_TIMEOUT:-600}))
  until node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$BASE/api/health"; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      cat "$WORK/server.log" >&2
      fail "the server exited before it was ready"
    fi
    if ((SECONDS > deadline)); then
      cat "$WORK/server.log" >&2
      fail "the server was not ready within ${GDAL_CHECK_START_TIMEOUT:-600} s"
    fi
    sleep 1
  done
  echo "Server ready after ${SECONDS} s"
}

# Runs a GDAL command with HTTP debugging into $WORK/gdal.log; GDAL reports some HTTP failures only as
# "ERROR n:" lines and still exits 0, so those fail the check too, showing the requests GDAL made.
gdal() {
  local out="$WORK/gdal.out"
  if ! "$@" --debug on >"$out" 2>"$WORK/gdal.log" || grep -q '^ERROR' "$WORK/gdal.log" "$out"; then
    grep -E '^(ERROR|HTTP: Fetch)' "$WORK/gdal.log" "$out" >&2 || true
    fail "$* reported an error"
  fi
  cat "$out"
}

if [[ -n "${GDAL_CHECK_URL:-}" ]]; then
  BASE="${GDAL_CHECK_URL%/}"
else
  start_server
fi
OAPIF="OAPIF:$BASE/ogc"
echo "GDAL: $(ogrinfo --version)"

echo "1. ogrinfo lists every collection of /ogc/collections"
mapfile -t COLLECTIONS < <(http_get "$BASE/ogc/collections" | json 'j.collections.map((c) => c.id)')
((${#COLLECTIONS[@]} > 0)) || fail "/ogc/collections lists no collection"
listing="$(gdal ogrinfo -ro -so "$OAPIF")"
for id in "${COLLECTIONS[@]}"; do
  grep -Eq "^[0-9]+: $id( |\$)" <<<"$listing" || { echo "$listing" >&2; fail "ogrinfo does not list the collection $id"; }
done
echo "   ok: ${#COLLECTIONS[@]} collections (${COLLECTIONS[*]})"

echo "2. ogrinfo reads the cameras layer: its feature count and every published property as a field"
matched="$(http_get "$BASE/ogc/collections/cameras/items?limit=1" | json 'j.numberMatched')"
((matched > 0)) || fail "the server has no cameras to read (numberMatched=$matched)"
summary="$(gdal ogrinfo -ro -so "$OAPIF" cameras)"
count="$(sed -n 's/^Feature Count: //p' <<<"$summary")"
[[ "$count" == "$matched" ]] || { echo "$summary" >&2; fail "ogrinfo counts $count cameras, the server matches $matched"; }
grep -q '^Geometry: Point' <<<"$summary" || { echo "$summary" >&2; fail "ogrinfo does not see cameras as points"; }
mapfile -t PROPERTIES < <(http_get "$BASE/ogc/collections/cameras/schema" | json 'Object.entries(j.properties).filter(([, v]) => !String(v.format ?? "").startsWith("geometry")).map(([k]) => k)')
for p in "${PROPERTIES[@]}"; do
  grep -Eq "^$p: " <<<"$summary" || { echo "$summary" >&2; fail "ogrinfo shows no field $p on cameras"; }
done
echo "   ok: $count cameras, fields ${PROPERTIES[*]}"

echo "3. ogrinfo reads one camera's attributes and geometry"
first="$(gdal ogrinfo -ro -q "$OAPIF" cameras -fid 1)"
id="$(sed -n 's/^  id (String) = //p' <<<"$first")"
[[ "$id" =~ ^[0-9a-f-]{36}$ ]] || { echo "$first" >&2; fail "the first camera read by GDAL has no uuid id"; }
grep -Eq '^  POINT \(10[78]\.[0-9]+ 1[56]\.[0-9]+\)' <<<"$first" || { echo "$first" >&2; fail "camera $id has no point in Đà Nẵng (lon, lat)"; }
server_status="$(http_get "$BASE/ogc/collections/cameras/items/$id" | json 'j.properties.status')"
grep -q "^  status (String) = $server_status\$" <<<"$first" || { echo "$first" >&2; fail "GDAL and the server disagree on camera $id's status ($server_status)"; }
echo "   ok: camera $id, status $server_status"

echo "4. ogr2ogr copies every camera to GeoJSON, paging through the items"
gdal ogr2ogr -f GeoJSON "$WORK/cameras.geojson" "$OAPIF" cameras >/dev/null
copied="$(json 'new Set(j.features.map((f) => f.properties.id)).size' <"$WORK/cameras.geojson")"
[[ "$copied" == "$matched" ]] || fail "ogr2ogr copied $copied distinct cameras, the server matches $matched"
echo "   ok: $copied cameras in $(grep -c 'HTTP: Fetch(.*cameras/items' "$WORK/gdal.log") requests"

echo "5. a bbox filter (-spat) is answered by the server"
in_core="$(http_get "$BASE/ogc/collections/cameras/items?limit=1&bbox=108.20,16.04,108.24,16.08" | json 'j.numberMatched')"
spat="$(gdal ogrinfo -ro -so "$OAPIF" cameras -spat 108.20 16.04 108.24 16.08)"
spat_count="$(sed -n 's/^Feature Count: //p' <<<"$spat")"
[[ "$spat_count" == "$in_core" ]] || fail "ogrinfo -spat counts $spat_count cameras in the core, the server matches $in_core"
grep -q 'bbox=' "$WORK/gdal.log" || fail "GDAL did not send the bbox to the server"
echo "   ok: $spat_count cameras in the urban core"

echo "6. an attribute filter (-where) is sent to the server, not applied after reading every page"
faulty="$(http_get "$BASE/ogc/collections/cameras/items?limit=1&status=faulty" | json 'j.numberMatched')"
where="$(gdal ogrinfo -ro -so "$OAPIF" cameras -where "status = 'faulty'")"
where_count="$(sed -n 's/^Feature Count: //p' <<<"$where")"
[[ "$where_count" == "$faulty" ]] || fail "ogrinfo -where counts $where_count faulty cameras, the server matches $faulty"
grep -q 'status=faulty' "$WORK/gdal.log" || fail "GDAL filtered locally instead of sending status=faulty (see /ogc/api)"
echo "   ok: $where_count faulty cameras, filtered by the server"

echo "gdal-check: all OAPIF checks passed"
