#!/bin/sh
# Rebuilds dashboard/static/vendor/plotly/plotly.min.js: plotly.js 4.1.1 (npm, MIT) reduced to
# the scatter and scattergeo traces the charts draw (scripts/plotly/entry.js), bundled with
# esbuild 0.28.2 and minified with terser 5.51.4, versions pinned by scripts/plotly/package-lock.json.
# Needs node and npm (the npm registry); writes nothing outside the output file.
#   sh scripts/build_plotly.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../dashboard/static/vendor/plotly/plotly.min.js"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$here/plotly/." "$work/"
cd "$work"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
node build.mjs "$work/plotly.bundle.js"
# Safe compression only (no "unsafe" transforms): plotly.js and d3 rely on constructors.
npx terser plotly.bundle.js --ecma 2020 --compress passes=3,pure_getters=true --mangle \
  --comments false -o plotly.terser.js
{
  printf '/*! plotly.js v4.1.1 (scatter, scattergeo; scripts/build_plotly.sh) | (c) Plotly, Inc. | MIT licence: LICENSE.txt */\n'
  cat plotly.terser.js
} > "$out"
wc -c "$out"
