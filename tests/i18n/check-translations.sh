#!/usr/bin/env bash
# Every zh_CN and zh_TW catalogue is complete against the current sources:
# no untranslated and no fuzzy message, format strings consistent, and the
# merged desktop file and metainfo carry the translations.
set -eu
srcdir=$1
builddir=$2
cd "$srcdir"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

files=$(grep -v '^\s*#' po/POTFILES.in | sed '/^\s*$/d')
cfiles=$(printf '%s\n' $files | grep -E '\.(c|h)$' || true)
uifiles=$(printf '%s\n' $files | grep -E '\.ui$' || true)
other=$(printf '%s\n' $files | grep -vE '\.(c|h|ui)$' || true)

pots=()
if [ -n "$cfiles" ]; then
  xgettext --from-code=UTF-8 -k_ -kN_ -kC_:1c,2 -kNC_:1c,2 -kg_dngettext:2,3 -kngettext:1,2 \
    --add-comments=Translators -o "$tmp/c.pot" $cfiles
  [ -f "$tmp/c.pot" ] && pots+=("$tmp/c.pot")
fi
if [ -n "$uifiles" ]; then
  xgettext --from-code=UTF-8 -L Glade -o "$tmp/ui.pot" $uifiles
  [ -f "$tmp/ui.pot" ] && pots+=("$tmp/ui.pot")
fi
i=0
for f in $other; do
  i=$((i + 1))
  xgettext --from-code=UTF-8 -o "$tmp/o$i.pot" "$f"
  [ -f "$tmp/o$i.pot" ] && pots+=("$tmp/o$i.pot")
done
msgcat --use-first -o "$tmp/all.pot" "${pots[@]}"

# Files with translatable strings that POTFILES.in forgot.
fail=0
for f in $(grep -rlE '\b(_|C_|N_|ngettext)\s*\(|translatable="yes"' src data 2>/dev/null | grep -E '\.(c|ui|in)$'); do
  if ! grep -qxF "$f" po/POTFILES.in; then
    echo "po/POTFILES.in does not list $f"
    fail=1
  fi
done

for lang in $(cat po/LINGUAS); do
  msgmerge -q "po/$lang.po" "$tmp/all.pot" -o "$tmp/$lang.po"
  stats=$(msgfmt --check --statistics -o /dev/null "$tmp/$lang.po" 2>&1)
  echo "$lang: $stats"
  case "$stats" in
    *untranslated*|*fuzzy*) fail=1 ;;
  esac
done

desktop="$builddir/data/io.github.steward.Steward.desktop"
metainfo="$builddir/data/io.github.steward.Steward.metainfo.xml"
for lang in zh_CN zh_TW; do
  grep -q "^Name\[$lang\]=" "$desktop" || { echo "desktop file lacks Name[$lang]"; fail=1; }
  grep -q "xml:lang=\"$lang\"" "$metainfo" || { echo "metainfo lacks $lang"; fail=1; }
done

exit $fail
