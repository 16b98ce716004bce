#!/bin/sh
# Regenerates the chart font: Noto Sans CJK SC Regular cut down to printable ASCII and the
# few CJK characters the timeline's axis labels use (see AXIS_CHARACTERS in ../timeline-chart.ts).
# Needs Debian's fonts-noto-cjk and python3-fonttools:
#   apt-get install fonts-noto-cjk python3-fonttools && sh src/chart/fonts/make-subset.sh
set -eu
here=$(dirname "$0")
ttc=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
# Font 2 of the collection is Noto Sans CJK SC.
/usr/bin/python3 -m fontTools.subset "$ttc" --font-number=2 \
  --unicodes='U+0020-007E' --text='年月日周週篇–' \
  --layout-features='' --no-hinting --desubroutinize --name-IDs='*' \
  --output-file="$here/NotoSansCJKsc-chart-subset.otf"
# The licence travels with the font (SIL Open Font License 1.1): the font's own copyright
# line, then the licence text as Debian ships it.
{
  /usr/bin/python3 -c 'import sys; from fontTools.ttLib import TTFont; print(TTFont(sys.argv[1])["name"].getDebugName(0))' "$here/NotoSansCJKsc-chart-subset.otf"
  echo
  awk '/^License: SIL-1.1$/ { getline; if ($0 ~ /^ -+$/) on = 1 } on && /^License: / { exit } on' /usr/share/doc/fonts-noto-cjk/copyright | sed 's/^ //; s/^\.$//'
} > "$here/OFL.txt"
