#!/usr/bin/env bash
# Installs the .deb on a fresh Debian 12 (a debootstrap minbase root, nothing else in it) with
# apt, and starts the workstation there as a new user with no book on an Xvfb display: the
# start dialog must appear, and its first choice must make the demo book and open the window.
# Needs root, debootstrap, Xvfb, xdotool, xwd and netpbm on the host, and Debian's mirror.
# Not part of CI (it downloads about 300 MB of packages); run it before a release.
#   bench/deb_fresh_install.sh build/release/brokerdesk_0.1.0_amd64.deb [WORKDIR]
set -euo pipefail
DEB="$(realpath "$1")"
WORK="${2:-$(mktemp -d /var/tmp/bd-deb.XXXXXX)}"
ROOT="$WORK/rootfs"
DISPLAY_NO=":77"
cleanup() {
  [ -n "${XVFB_PID:-}" ] && kill "$XVFB_PID" 2>/dev/null || true
  chroot "$ROOT" pkill -x brokerdesk 2>/dev/null || true
  umount "$ROOT/tmp/.X11-unix" "$ROOT/proc" 2>/dev/null || true
}
trap cleanup EXIT

[ -x "$ROOT/bin/bash" ] || debootstrap --variant=minbase bookworm "$ROOT" http://deb.debian.org/debian
cp /etc/resolv.conf "$ROOT/etc/"
cp "$DEB" "$ROOT/tmp/"
mountpoint -q "$ROOT/proc" || mount --bind /proc "$ROOT/proc"
chroot "$ROOT" bash -c "apt-get update -q && DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -q /tmp/$(basename "$DEB")" > "$WORK/install.log"
echo "installed: $(grep -c '^Setting up' "$WORK/install.log") packages set up"
chroot "$ROOT" bash -c 'command -v brokerdesk brokerdesk-cli && ls /usr/share/applications/*brokerdesk*'

Xvfb "$DISPLAY_NO" -screen 0 1280x800x24 >/dev/null 2>&1 &
XVFB_PID=$!
sleep 1
mkdir -p "$ROOT/tmp/.X11-unix"
mountpoint -q "$ROOT/tmp/.X11-unix" || mount --bind /tmp/.X11-unix "$ROOT/tmp/.X11-unix"
chroot "$ROOT" bash -c 'id broker >/dev/null 2>&1 || useradd -m broker'
chroot "$ROOT" rm -rf /home/broker/.local /home/broker/.config
shot() { DISPLAY="$DISPLAY_NO" xwd -root -silent | xwdtopnm 2>/dev/null | pnmtopng > "$WORK/$1"; }
# As the menu entry starts it: `Exec=brokerdesk`, no arguments.
chroot "$ROOT" su - broker -c "DISPLAY=$DISPLAY_NO LANG=zh_CN.UTF-8 brokerdesk" \
  > "$WORK/brokerdesk.out" 2>&1 &
sleep 6
shot start.png
# The start dialog's first choice, "Create the demo book" (centred dialog on 1280x800).
DISPLAY="$DISPLAY_NO" xdotool mousemove 445 270 click 1
for _ in $(seq 1 60); do
  [ -s "$ROOT/home/broker/.local/share/BrokerDesk/BrokerDesk/demo.bdbook" ] && break
  sleep 1
done
sleep 20
shot window.png
chroot "$ROOT" su - broker -c 'brokerdesk-cli stats --db ~/.local/share/BrokerDesk/BrokerDesk/demo.bdbook' |
  head -5
echo "screenshots: $WORK/start.png $WORK/window.png"
