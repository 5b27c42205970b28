#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# tools/lists/make_snapshot_manifest.sh: writes the manifest.csv of one bundled snapshot version
# folder (lists/<list>/<published>_<sha12>/) and its lists/<list>/current, from what the built
# namescreen tool parses there. The manifests of lists/ are never edited by hand.
#
# usage: make_snapshot_manifest.sh NAMESCREEN VERSION_DIR FORMAT MAIN PUBLISHED FETCHED
#   NAMESCREEN   the built tool (build/namescreen)
#   VERSION_DIR  lists/<list>/<published>_<sha12>, holding the list's files (and nothing else)
#   FORMAT MAIN  the format name and the main file's base name (ofac sdn.csv)
#   PUBLISHED    YYYY-MM-DD: used when the file states no date of its own (published_from none)
#   FETCHED      YYYY-MM-DDTHH:MM:SSZ: when the bytes were received (their commit into lists/)
# It fails when the folder name is not <published>_<first 12 hex digits of the list SHA-256>.
set -euo pipefail

[ $# -eq 6 ] || { sed -n '6,13s/^# \{0,1\}//p' "$0" >&2; exit 2; }
tool=$1 vdir=${2%/} format=$3 main=$4 published=$5 fetched=$6
list=$(basename "$(dirname "$vdir")")
version=$(basename "$vdir")
die() { echo "make_snapshot_manifest: $*" >&2; exit 1; }
[ -f "$vdir/$main" ] || die "$vdir/$main: no such file"

# RFC 4180 field: quoted when it holds a comma, a quote or a line end.
csvq() {
    case $1 in
    *[,\"$'\n'$'\r']*) printf '"%s"' "${1//\"/\"\"}" ;;
    *) printf '%s' "$1" ;;
    esac
}
row() { printf '%s,%s\n' "$1" "$(csvq "$2")"; }

desc=$("$tool" lists --list "$format:$vdir/$main")
field() { printf '%s\n' "$desc" | sed -n "s/^  $1  *//p" | head -n 1; }
sha256=$(field sha256)
file_date=$(field published)
[ -n "$sha256" ] || die "the tool printed no sha256 for $vdir/$main"
if [ "$file_date" != unknown ]; then
    published=$file_date from=file
else
    from=none
fi
[ "$version" = "${published}_${sha256:0:12}" ] ||
    die "$vdir: the folder of this version must be named ${published}_${sha256:0:12}"

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
{
    echo key,value
    row list "$list"
    row format "$format"
    row main "$main"
    row source bundled
    row fetched "$fetched"
    row published "$published"
    row published_from "$from"
    row sha256 "$sha256"
    row entities "$(field entries)"
    row names "$(field names)"
    for f in $(cd "$vdir" && LC_ALL=C ls); do
        [ "$f" = manifest.csv ] && continue
        row file "$f $(stat -c %s "$vdir/$f") $(sha256sum "$vdir/$f" | cut -d' ' -f1)"
    done
    printf '%s\n' "$desc" | sed -n 's/^    //p' | while IFS= read -r w; do row warning "$w"; done
    row snapshot true
    row tool "$("$tool" --version | cut -d' ' -f1-2)"
} >"$tmp"
mv "$tmp" "$vdir/manifest.csv"
trap - EXIT
printf '%s\n' "$version" >"$(dirname "$vdir")/current"
echo "$vdir/manifest.csv: $list, $(field entries) entities, sha256 $sha256"
