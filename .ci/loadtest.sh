#!/usr/bin/env bash
# Load benchmark of skim serve, on this machine only (loopback).
#
#   .ci/loadtest.sh            # from the repository root, or from anywhere
#
# 1. Throughput: builds skim and cmd/loadgen, starts `skim serve --cache-size 0`
#    on a free loopback port, and POSTs the seed article as JSON from 32
#    clients for 10 s after a 2 s warm-up.
#    Targets: >= 2500 req/s, p99 <= 25 ms, zero non-2xx.
# 2. Memory: 64 clients each POST 2 different text/plain bodies just under
#    1 MiB (1,048,000 bytes); every answer must be 200 and the server's peak
#    RSS (VmHWM) must stay under 200 MB.
#
# Settings (environment): SEED, CONCURRENCY, DURATION, WARMUP, BIG_CLIENTS,
# BIG_REQUESTS, BIG_SIZE, LOG_LEVEL (server log level; info keeps the access
# log on, as in production), PERF_TARGETS=warn (report a missed throughput or
# p99 target without failing: those two depend on what else the machine
# runs; non-2xx answers and the RSS target always fail). Exits 1 when a
# target is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SEED=${SEED:-$ROOT/../shared/data/seed/nato-vilnius-summit.txt}
CONCURRENCY=${CONCURRENCY:-32}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-2s}
BIG_CLIENTS=${BIG_CLIENTS:-64}
BIG_REQUESTS=${BIG_REQUESTS:-2}
BIG_SIZE=${BIG_SIZE:-1048000}
LOG_LEVEL=${LOG_LEVEL:-info}
PERF_TARGETS=${PERF_TARGETS:-fail}
MIN_RPS=2500
MAX_P99_MS=25
MAX_RSS_MB=200

[ -r "$SEED" ] || { echo "seed article $SEED not found (set SEED=...)" >&2; exit 2; }
WORK=$(mktemp -d)
SERVER_PID=""
SAMPLER_PID=""
cleanup() {
	[ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null || true
	if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
		kill -TERM "$SERVER_PID" 2>/dev/null || true
		wait "$SERVER_PID" 2>/dev/null || true
	fi
	rm -rf "$WORK"
}
trap cleanup EXIT

echo "== build"
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
go build -ldflags "-X main.commit=$commit" -o "$WORK/skim" ./cmd/skim
go build -o "$WORK/loadgen" ./cmd/loadgen

echo "== start skim serve --cache-size 0"
"$WORK/skim" serve --addr 127.0.0.1:0 --cache-size 0 --log-level "$LOG_LEVEL" 2>"$WORK/server.log" &
SERVER_PID=$!
ADDR=""
for _ in $(seq 1 200); do
	ADDR=$(sed -n 's/.*"msg":"listening","addr":"\([^"]*\)".*/\1/p' "$WORK/server.log" | head -1)
	[ -n "$ADDR" ] && break
	kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
	sleep 0.05
done
[ -n "$ADDR" ] || { echo "server did not start" >&2; cat "$WORK/server.log" >&2; exit 1; }
for _ in $(seq 1 100); do
	curl -fsS "http://$ADDR/readyz" >/dev/null 2>&1 && break
	sleep 0.05
done
echo "server pid $SERVER_PID on $ADDR ($("$WORK/skim" version --short), $(nproc) cores)"

fail=0
echo
echo "== throughput: seed article ($(wc -c <"$SEED") bytes) as JSON, $CONCURRENCY clients, $DURATION after $WARMUP warm-up"
echo "\$ loadgen -url http://$ADDR/summarize -file $(basename "$SEED") -format json -concurrency $CONCURRENCY -duration $DURATION -warmup $WARMUP"
"$WORK/loadgen" -url "http://$ADDR/summarize" -file "$SEED" -format json \
	-concurrency "$CONCURRENCY" -duration "$DURATION" -warmup "$WARMUP" | tee "$WORK/throughput.txt" || fail=1
rps=$(awk '/^throughput/ {print $2}' "$WORK/throughput.txt")
p99=$(awk '/^latency/ {for (i = 1; i <= NF; i++) if ($i == "p99") print $(i + 1)}' "$WORK/throughput.txt")
non2xx=$(awk '/^non-2xx/ {print $2}' "$WORK/throughput.txt")

echo
echo "== memory: $BIG_CLIENTS clients x $BIG_REQUESTS different text/plain bodies of $BIG_SIZE bytes"
rss_before=$(awk '/^VmRSS/ {print $2}' "/proc/$SERVER_PID/status")
(
	peak=0
	while kill -0 "$SERVER_PID" 2>/dev/null; do
		kb=$(awk '/^VmRSS/ {print $2}' "/proc/$SERVER_PID/status" 2>/dev/null || echo 0)
		[ "${kb:-0}" -gt "$peak" ] && peak=$kb && echo "$peak" >"$WORK/rss-peak"
		sleep 0.02
	done
) &
SAMPLER_PID=$!
"$WORK/loadgen" -url "http://$ADDR/summarize" -file "$SEED" -format text -unique-size "$BIG_SIZE" \
	-concurrency "$BIG_CLIENTS" -requests "$BIG_REQUESTS" -warmup 0 | tee "$WORK/big.txt" || fail=1
kill "$SAMPLER_PID" 2>/dev/null || true
wait "$SAMPLER_PID" 2>/dev/null || true
SAMPLER_PID=""
hwm_kb=$(awk '/^VmHWM/ {print $2}' "/proc/$SERVER_PID/status")
sampled_kb=$(cat "$WORK/rss-peak" 2>/dev/null || echo 0)
big_statuses=$(awk '/^statuses/ {$1 = ""; sub(/^ +/, ""); print}' "$WORK/big.txt")
big_non2xx=$(awk '/^non-2xx/ {print $2}' "$WORK/big.txt")
echo "server RSS: before ${rss_before} kB; peak sampled every 20 ms ${sampled_kb} kB; VmHWM (peak since start) ${hwm_kb} kB"

echo
echo "== graceful stop"
kill -TERM "$SERVER_PID"
wait "$SERVER_PID" && echo "server exited 0" || { echo "server exited $?"; fail=1; }
SERVER_PID=""

echo
echo "== summary"
check() { # name ok [warn]
	if [ "$2" = 1 ]; then
		echo "PASS  $1"
	elif [ "${3:-}" = warn ]; then
		echo "WARN  $1 (missed; PERF_TARGETS=warn: not failing)"
	else
		echo "FAIL  $1"
		fail=1
	fi
}
perf_mode=""
[ "$PERF_TARGETS" = warn ] && perf_mode=warn
check "throughput ${rps} req/s >= ${MIN_RPS}" "$(awk -v v="$rps" -v t="$MIN_RPS" 'BEGIN {print (v >= t) ? 1 : 0}')" $perf_mode
check "p99 ${p99} ms <= ${MAX_P99_MS} ms" "$(awk -v v="$p99" -v t="$MAX_P99_MS" 'BEGIN {print (v != "" && v <= t) ? 1 : 0}')" $perf_mode
check "non-2xx ${non2xx} == 0" "$([ "$non2xx" = 0 ] && echo 1 || echo 0)"
check "big bodies all answered 200 (${big_statuses}, non-2xx ${big_non2xx})" "$([ "$big_non2xx" = 0 ] && echo 1 || echo 0)"
peak_kb=$((hwm_kb > sampled_kb ? hwm_kb : sampled_kb))
check "peak RSS $((peak_kb * 1024 / 1000000)) MB < ${MAX_RSS_MB} MB" "$([ $((peak_kb * 1024)) -lt $((MAX_RSS_MB * 1000 * 1000)) ] && echo 1 || echo 0)"
exit $fail
