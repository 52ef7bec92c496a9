#!/usr/bin/env bash
# The Debian package (cmake/BrokerDeskPackaging.cmake), built by cpack from this build tree into
# the test's own temporary directory: its name, its files (both programs, the menu entry, the
# icon, the Chinese catalogue inside the workstation), its declared dependencies, a valid
# desktop entry, and a packaged CLI that still writes a PDF (the CJK font found from /usr).
# Usage: test_deb.sh BUILD_DIR CPACK VERSION [WHY_SKIP]. Exit 77 (skipped) without the Debian
# tools, or with WHY_SKIP given.
# cpack builds nothing here (CMAKE_SKIP_INSTALL_ALL_DEPENDENCY): it packages what is built. Its
# install step does rewrite BUILD_DIR/install_manifest.txt: CMake writes that list beside
# cmake_install.cmake and has no switch to leave it out; no test reads it.
set -euo pipefail
build=$1 cpack=$2 version=$3 why_skip=${4:-}

[ -z "$why_skip" ] || { echo "skipped: $why_skip"; exit 77; }

for tool in dpkg-deb dpkg-shlibdeps; do
  command -v "$tool" >/dev/null || { echo "skipped: $tool is not installed (dpkg-dev)"; exit 77; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The packaged programs (and fontconfig's cache) write nowhere in the user's home.
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache"
status=0
fail() { echo "FAIL: $*"; status=1; }

if ! "$cpack" -G DEB -B "$tmp" --config "$build/CPackConfig.cmake" >"$tmp/cpack.log" 2>&1; then
  cat "$tmp/cpack.log"
  exit 1
fi
deb="$tmp/brokerdesk_${version}_$(dpkg --print-architecture).deb"
[ -f "$deb" ] || { ls "$tmp"; echo "FAIL: no $deb"; exit 1; }
echo "package: $(basename "$deb"), $(stat -c %s "$deb") bytes"

contents=$(dpkg-deb -c "$deb")
for f in usr/bin/brokerdesk usr/bin/brokerdesk-cli usr/share/applications/brokerdesk.desktop \
  usr/share/icons/hicolor/scalable/apps/brokerdesk.svg; do
  grep -q " \./$f\$" <<<"$contents" || fail "the package has no /$f"
done
grep -q -- "-rwxr-xr-x .* \./usr/bin/brokerdesk-cli\$" <<<"$contents" || fail "brokerdesk-cli is not executable"

[ "$(dpkg-deb -f "$deb" Package)" = brokerdesk ] || fail "Package is not brokerdesk"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "Version is not $version"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for dep in libqt6core6 libqt6gui6 libqt6widgets6 libqt6charts6 libqt6printsupport6 libsqlite3-0 libxlsxwriter \
  libspdlog libfmt libstdc++6 fonts-noto-cjk; do
  [[ ", $depends" == *", $dep"* ]] || fail "Depends does not name $dep"
done
grep -q qt6-translations-l10n <<<"$(dpkg-deb -f "$deb" Recommends)" ||
  fail "Recommends does not name qt6-translations-l10n"

root="$tmp/root"
dpkg-deb -x "$deb" "$root"
# The catalogue is compiled into the workstation (resource :/i18n/brokerdesk_zh_CN.qm); rcc
# stores resource names in UTF-16, big-endian.
LC_ALL=C grep -qaP 'b\x00r\x00o\x00k\x00e\x00r\x00d\x00e\x00s\x00k\x00_\x00z\x00h\x00_\x00C\x00N\x00\.\x00q\x00m' \
  "$root/usr/bin/brokerdesk" || fail "the workstation has no Chinese catalogue"

desktop="$root/usr/share/applications/brokerdesk.desktop"
for line in 'Exec=brokerdesk' 'Icon=brokerdesk' 'Categories=Office;Finance;' 'Name[zh_CN]='; do
  grep -qF "$line" "$desktop" || fail "the desktop entry has no $line"
done
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$desktop" || fail "desktop-file-validate rejects the desktop entry"
else
  echo "desktop-file-validate not installed (desktop-file-utils): desktop entry not validated"
fi

# The packaged CLI on a small demo book, down to a PDF review drawn with the system's CJK font.
cli="$root/usr/bin/brokerdesk-cli"
book="$tmp/book.bdbook"
"$cli" demo --db "$book" --clients 40 --seed 3 >/dev/null 2>&1 || fail "packaged demo failed"
"$cli" export clients --db "$book" --out "$tmp/clients.csv" >/dev/null || fail "export clients failed"
client=$(sed -n '2p' "$tmp/clients.csv" | cut -d, -f1)
if ! QT_QPA_PLATFORM=offscreen "$cli" export review --db "$book" --client "$client" --lang zh \
  --out "$tmp/review.pdf" >"$tmp/review.log" 2>&1; then
  cat "$tmp/review.log"
  fail "packaged export review failed"
fi
head -c 5 "$tmp/review.pdf" 2>/dev/null | grep -q '%PDF-' || fail "no PDF from the packaged CLI"
grep -qa 'NotoSansCJK' "$tmp/review.pdf" || fail "the PDF does not embed Noto Sans CJK"
exit $status
