// Bundles entry.js with esbuild (plotly.js's own settings: IIFE, global Plotly, es2020 here),
// swapping a few of plotly.js's dependencies for the parts of them the charts call (shims/).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
// module -> its file in shims/ (each says what it keeps and why the rest is not needed).
const shimmed = {
    '@turf/area': 'turf-area.js',
    '@turf/centroid': 'turf-centroid.js',
    '@turf/meta': 'turf-meta.js',
    'country-iso-search': 'country-iso-search.js',
    culori: 'culori.mjs',
    'd3-geo': 'd3-geo.mjs',
    'd3-geo-projection': 'd3-geo-projection.js',
    'gl-mat4': 'gl-mat4.js',
    polybooljs: 'polybooljs.js'
};
const escape = (name) => name.replace(/[/.]/g, (c) => `\\${c}`);
const shims = {
    name: 'shims',
    setup(b) {
        b.onResolve({ filter: new RegExp(`^(${Object.keys(shimmed).map(escape).join('|')})$`) }, (args) =>
            args.importer.includes(`${path.sep}shims${path.sep}`)
                ? undefined
                : { path: path.join(here, 'shims', shimmed[args.path]) }
        );
    }
};

await build({
    entryPoints: [path.join(here, 'entry.js')],
    outfile: process.argv[2],
    format: 'iife',
    globalName: 'Plotly',
    bundle: true,
    minify: true,
    target: 'es2020',
    define: { global: 'window', 'define.amd': 'false', 'process.env.NODE_DEBUG': 'false' },
    alias: { stream: 'stream-browserify' },
    legalComments: 'none',
    plugins: [shims],
    logLevel: 'warning'
});
