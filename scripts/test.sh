#!/usr/bin/env bash
# Runs every test of the project: the README's test command and what CI runs.
# Installs the Debian packages the tests talk to when they are missing, builds the Linux
# solution filter (never the .nfproj), runs all test projects, then the quick benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDDISABLENODEREUSE=1

# Real peers the tests use: socat (linked pseudo-terminals), mosquitto + openssl (MQTT/TLS), and
# Debian's chromium for the web UI browser tests (Playwright drives it; no browser is downloaded).
# dig (bind9-dnsutils) queries the captive DNS and mDNS responders.
packages=(socat mosquitto openssl chromium bind9-dnsutils)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
export NESMEP_REQUIRE_SOCAT=1

dotnet build NesMep.Linux.slnf -c Release -v q --nologo

log=$(mktemp)
status=0
# One test assembly at a time (-m:1): the end-to-end tests run real processes, ptys and a broker in real time,
# and the guard tests run compilers; side by side on two cores they starved each other into timing faults.
dotnet test NesMep.Linux.slnf -c Release --no-build --nologo -m:1 2>&1 | tee "$log" || status=$?

echo
echo "== benchmark (figures only, nothing asserted) =="
if [ -f bench/NesMep.Benchmarks/NesMep.Benchmarks.csproj ]; then
  dotnet run -c Release --project bench/NesMep.Benchmarks -- --quick || status=1
fi

# One closing line for the whole run, summed over the test assemblies.
awk '
  /(Passed|Failed)!/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") f += $(i + 1) + 0
      if ($i == "Passed:") p += $(i + 1) + 0
      if ($i == "Skipped:") s += $(i + 1) + 0
    }
  }
  END { printf "%d passed, %d failed, %d skipped\n", p, f, s }
' "$log"
if grep -q "Failed!" "$log"; then status=1; fi
rm -f "$log"
exit $status
