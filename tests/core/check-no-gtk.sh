#!/bin/sh
# check-no-gtk.sh SOURCE_ROOT BUILD_ROOT — the core never sees GTK
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a file in src/core/ or include/steward/ includes a GTK, GDK,
# libadwaita or libnotify header, or when the compile command of any object
# of the core library (build's compile_commands.json) has GTK's or
# libadwaita's include path, as it would if the core got a GTK dependency.

set -eu

if [ $# -ne 2 ]; then
  echo "usage: $0 SOURCE_ROOT BUILD_ROOT" >&2
  exit 2
fi

source_root=$1
build_root=$2
status=0

for dir in "$source_root/src/core" "$source_root/include/steward"; do
  if [ ! -d "$dir" ]; then
    echo "FAIL: $dir does not exist" >&2
    exit 1
  fi
done

# #include <gtk/…>, "gdk/…", <adwaita.h>, <libadwaita-1/…>, <libnotify/…>
pattern='^[[:space:]]*#[[:space:]]*(include|import)[[:space:]]*[<"](gtk/|gdk/|gsk/|adwaita|libadwaita|libnotify/)'
if hits=$(grep -rnE "$pattern" "$source_root/src/core" "$source_root/include/steward"); then
  echo "FAIL: the core includes GUI headers:" >&2
  echo "$hits" >&2
  status=1
fi

compile_commands="$build_root/compile_commands.json"
if [ ! -f "$compile_commands" ]; then
  echo "FAIL: $compile_commands does not exist" >&2
  exit 1
fi

# JSON is parsed, not grepped: meson needs Python, so it is there.
if ! python3 - "$compile_commands" <<'EOF'
import json
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    entries = json.load(f)

def is_core(entry):
    file = entry["file"].replace("\\", "/")
    output = entry.get("output", "").replace("\\", "/")
    return "/src/core/" in "/" + file or "libsteward-core" in output

core = [e for e in entries if is_core(e)]
if not core:
    print("FAIL: no compile command for src/core in " + sys.argv[1], file=sys.stderr)
    sys.exit(1)

gui_paths = ("gtk-4.0", "libadwaita-1")
bad = []
for e in core:
    command = e.get("command", " ".join(e.get("arguments", [])))
    for path in gui_paths:
        if path in command:
            bad.append(e["file"])
            print("FAIL: " + e["file"] + " is compiled with the include path of " + path,
                  file=sys.stderr)

print("checked the compile commands of %d core files" % len(core))
sys.exit(1 if bad else 0)
EOF
then
  status=1
fi

if [ $status -eq 0 ]; then
  echo "ok: the core neither includes nor is built with GTK"
fi
exit $status
