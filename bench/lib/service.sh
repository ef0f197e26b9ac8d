# Sourced by the load scripts (bench/tail, bench/cost, bench/warmup, bench/cpu-profile): the Release build, one
# service at a time on an empty experiment store, its settling load, and a stop that waits for the shutdown drain.
# A store kept across runs grows by every run's exposures and its writer then competes for the cores; a service
# not waited for drains its exposures while the next run measures.

dotnet build -c Release src/MmoeService.Api -v quiet -nologo >&2
dotnet build -c Release bench/MmoeService.LoadGen -v quiet -nologo >&2
api=src/MmoeService.Api/bin/Release/net10.0/linux-x64/MmoeService.Api.dll
loadgen="$(ls bench/MmoeService.LoadGen/bin/Release/net10.0/*/MmoeService.LoadGen.dll | head -n 1)"
service_pid=""

# "taskset -c CPUS" when CPUS is set, nothing otherwise.
pin() { if [ -n "$1" ]; then echo taskset -c "$1"; fi; }

# service_start URL DATA_DIR CPUS [VAR=value ...]: batching off, the tiered JIT's call-counting delay off as in the
# images (Dockerfile), the store in DATA_DIR, pinned to CPUS if set; returns once /health/ready answers.
service_start() {
  local url="$1" data="$2" cpus="$3"
  shift 3
  rm -rf "$data"
  env Batching__Enabled=false DOTNET_TC_CallCountingDelayMs=0 ASPNETCORE_URLS="$url" Storage__DataDirectory="$data" "$@" \
    $(pin "$cpus") dotnet "$api" > "$data.log" 2>&1 &
  service_pid=$!
  until curl -sf "$url/health/ready" > /dev/null; do
    if ! kill -0 "$service_pid" 2>/dev/null; then echo "service exited; see its log:" >&2; tail -n 30 "$data.log" >&2; return 1; fi
    sleep 0.5
  done
}

# service_settle URL SECONDS [CPUS]: unmeasured closed-loop load (100 candidates, 16 connections), the tiered
# JIT's warm-up (bench/warmup shows how long a fresh service takes to reach its steady rate).
service_settle() {
  $(pin "${3:-}") dotnet "$loadgen" --url "$1" --candidates 100 --concurrency 16 --duration "$2" --warmup 0 > /dev/null
}

# service_stop: SIGTERM, then wait until the service has drained and exited.
service_stop() {
  if [ -n "$service_pid" ]; then
    kill -TERM "$service_pid" 2>/dev/null || true
    wait "$service_pid" 2>/dev/null || true
    service_pid=""
  fi
}
