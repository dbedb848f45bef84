#!/bin/bash
# Checks a built newsmon .deb without installing it (installing would change
# this machine): control fields, file list, conffiles, then extracts it and
# runs the packaged binary's check-config on the packaged config, and
# systemd-analyze on the packaged unit.
#
#   cmake -S . -B build && cmake --build build -j2 && (cd build && cpack -G DEB)
#   deploy/check-package.sh build/newsmon_*_amd64.deb
set -euo pipefail

deb=${1:?usage: $0 path/to/newsmon_VERSION_ARCH.deb}
[ -f "$deb" ] || { echo "no such file: $deb" >&2; exit 2; }

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok:   $*"; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Control fields.
[ "$(dpkg-deb -f "$deb" Package)" = newsmon ] && pass "Package: newsmon" || fail "Package is not newsmon"
depends=$(dpkg-deb -f "$deb" Depends)
[ -n "$depends" ] && pass "Depends: $depends" || fail "empty Depends (CPACK_DEBIAN_PACKAGE_SHLIBDEPS)"
for lib in libc6 librdkafka1; do
  grep -q "$lib" <<<"$depends" && pass "Depends names $lib" || fail "Depends lacks $lib"
done
[ -n "$(dpkg-deb -f "$deb" Maintainer)" ] && pass "Maintainer set" || fail "no Maintainer"

# Files.
listing=$(dpkg -c "$deb" | awk '{print $NF}' | sed 's#^\./#/#')
for path in /usr/bin/newsmon /lib/systemd/system/newsmon.service /etc/newsmon/newsmon.yaml \
            /etc/newsmon/leaders.yaml /usr/share/doc/newsmon/ops.md \
            /usr/share/newsmon/proto/newsmon/v1/events.proto /usr/share/newsmon/prometheus/newsmon-alerts.yml \
            /usr/share/newsmon/grafana/newsmon-dashboard.json /usr/share/man/man1/newsmon.1.gz \
            /usr/share/doc/newsmon/examples/consume_events.py; do
  grep -qx "$path" <<<"$listing" && pass "contains $path" || fail "missing $path"
done

# Every file under /etc is a conffile, so dpkg keeps local edits on upgrade.
dpkg-deb -e "$deb" "$work/control"
for path in $(grep '^/etc/.*[^/]$' <<<"$listing"); do
  grep -qx "$path" "$work/control/conffiles" && pass "conffile $path" || fail "$path is not a conffile"
done
for script in postinst prerm postrm; do
  if [ -x "$work/control/$script" ]; then
    sh -n "$work/control/$script" && pass "$script parses" || fail "$script has syntax errors"
  else
    fail "no executable $script"
  fi
done

# The packaged binary accepts the packaged config (includes resolve next to it).
dpkg-deb -x "$deb" "$work/root"
if out=$("$work/root/usr/bin/newsmon" check-config "$work/root/etc/newsmon/newsmon.yaml" 2>&1); then
  pass "check-config: $out"
else
  fail "check-config rejected the packaged config: $out"
fi

# The packaged unit, pointed at the extracted binary (verify needs it to exist).
if command -v systemd-analyze >/dev/null; then
  mkdir -p "$work/unit"
  sed "s#^ExecStart=/usr/bin/newsmon #ExecStart=$work/root/usr/bin/newsmon #" \
    "$work/root/lib/systemd/system/newsmon.service" >"$work/unit/newsmon.service"
  if out=$(systemd-analyze verify "$work/unit/newsmon.service" 2>&1) && [ -z "$out" ]; then
    pass "systemd-analyze verify"
  else
    fail "systemd-analyze verify: $out"
  fi
  exposure=$(systemd-analyze security --offline=yes "$work/unit/newsmon.service" 2>&1 |
    sed -n 's/.*Overall exposure level for newsmon.service: \([0-9.]*\).*/\1/p')
  if [ -n "$exposure" ] && awk "BEGIN { exit !($exposure <= 2.0) }"; then
    pass "exposure $exposure <= 2.0"
  else
    fail "exposure '${exposure}' above 2.0"
  fi
fi

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "package OK: $deb"
