// Sizes as a browser downloads them (minified, gzip), for `npm run bench` and the size budget
// test (test/node/size-budget.test.mjs). Both read the built dist/.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { rollup } from 'rollup';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** livekit-client, as an `external` test. */
export const LIVEKIT = (id) => id.startsWith('livekit-client');
/** The libraries (livekit-client, Lit, React): `external` for "our own code only". */
export const LIBRARIES = (id) => /^(livekit-client|lit|@lit\/|react$)/.test(id);

/**
 * Minified + gzip size of what importing `input` (a built file under dist/) brings at once, minus
 * `external`: what it imports dynamically (the languages besides English and French) is left out,
 * as a page only fetches it when used.
 */
export const importSize = (input, external = () => false) => firstLoadSize(join(root, input), [], external);

/** The same for a module given as source (`export { … } from '…'`). */
export function sourceSize(source, external = () => false) {
  const entry = join(root, 'size-entry.js'); // not a file: the plugin below gives its source
  const virtual = { name: 'entry', resolveId: (id) => (id === entry ? id : null), load: (id) => (id === entry ? source : null) };
  return firstLoadSize(entry, [virtual], external);
}

async function firstLoadSize(input, plugins, external) {
  const build = await rollup({ input, external, plugins: [...plugins, resolve({ browser: true }), terser({ module: true })], onwarn: () => {} });
  const { output } = await build.generate({ format: 'es' });
  await build.close();
  // The entry and every chunk it imports statically (a module shared with an on-demand chunk is
  // split out of the entry but still loaded at once); on-demand chunks are left out.
  const chunks = new Map(output.filter((chunk) => chunk.type === 'chunk').map((chunk) => [chunk.fileName, chunk]));
  const loaded = new Set([output.find((chunk) => chunk.type === 'chunk' && chunk.isEntry).fileName]);
  for (const name of loaded) for (const next of chunks.get(name).imports) if (chunks.has(next)) loaded.add(next);
  return gzipSync([...loaded].map((name) => chunks.get(name).code).join('\n')).length;
}

/**
 * The least any page showing a LiveKit call with Lit elements loads: livekit-client's `Room` and
 * Lit's `LitElement` and `html` alone. livekit-client's `Room` brings in, with no way to shake them
 * out, its data tracks, data streams, RPC, encryption, webrtc-adapter and protocol.
 */
export const floorSize = () => sourceSize("export { Room } from 'livekit-client'; export { LitElement, html } from 'lit';");

/**
 * The least of our own code (built, under dist/) a call's first remote frame needs, without Lit
 * and livekit-client: the session (token, connection, devices), the LiveKit backend, the grid, the
 * tile, the audio, and the strings (English, French); not `<visio-call>` itself.
 */
export const firstFrameCodeSize = () =>
  sourceSize(
    [
      ['CallSession', 'core/call-session.js'],
      ['endpointTokenSource', 'core/token-source.js'],
      ['livekitBackend', 'core/backends/livekit.js'],
      ['VisioGridElement', 'elements/visio-grid/visio-grid.js'],
      ['VisioTileElement', 'elements/visio-tile/visio-tile.js'],
      ['VisioAudioElement', 'elements/visio-audio/visio-audio.js'],
      ['translationFor', 'i18n/translations.js'],
    ]
      .map(([name, file]) => `export { ${name} } from ${JSON.stringify(join(root, 'dist', file))};`)
      .join('\n'),
    LIBRARIES,
  );

/** Gzip size of a built file under dist/, as served. */
export const fileSize = (file) => gzipSync(readFileSync(join(root, file))).length;

const VLQ = Object.fromEntries([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));

/** A source map's mappings: for each generated line, [column, source, line, column] segments. */
function decodeMappings(mappings) {
  const state = [0, 0, 0, 0, 0];
  return mappings.split(';').map((line) => {
    state[0] = 0;
    return line
      .split(',')
      .filter(Boolean)
      .map((segment) => {
        const values = [];
        let value = 0;
        let shift = 0;
        for (const char of segment) {
          const digit = VLQ[char];
          value += (digit & 31) << shift;
          if (digit & 32) {
            shift += 5;
          } else {
            values.push(value & 1 ? -(value >>> 1) : value >>> 1);
            value = 0;
            shift = 0;
          }
        }
        values.forEach((delta, i) => (state[i] += delta));
        return values.length >= 4 ? state.slice(0, 4) : [state[0]];
      });
  });
}

/** livekit-client's original source at a (0-based) line and column of its built ESM file. */
let livekitSourceAt;
function livekitSource(line, column) {
  if (!livekitSourceAt) {
    const livekitMap = JSON.parse(readFileSync(join(root, 'node_modules/livekit-client/dist/livekit-client.esm.mjs.map'), 'utf8'));
    const livekitLines = decodeMappings(livekitMap.mappings);
    livekitSourceAt = (at, col) => {
      let found;
      for (const segment of livekitLines[at] ?? []) {
        if (segment[0] > col) break;
        if (segment.length > 1) found = segment;
      }
      return found
        ? `livekit-client/${livekitMap.sources[found[1]].replace(/^(\.\.\/)+(node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?)?/, '')}`
        : 'livekit-client';
    };
  }
  return livekitSourceAt(line, column);
}

/**
 * The source module of each position of a built file (with its source map beside it, `<file>.map`):
 * `(line, column)` (0-based) → `src/…`, `lit-html/…`, or `livekit-client/<its own source>`.
 */
export function sourceLocator(file) {
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  const lines = decodeMappings(map.mappings);
  const name = (segment) => {
    const raw = map.sources[segment[1]].replace(/^(\.\.\/)+/, '');
    return raw.includes('node_modules/livekit-client/') ? livekitSource(segment[2], segment[3]) : raw.replace(/^.*node_modules\//, '');
  };
  return {
    lines,
    name,
    at(line, column) {
      let found;
      for (const segment of lines[line] ?? []) {
        if (segment[0] > column) break;
        if (segment.length > 1) found = segment;
      }
      return found ? name(found) : '(unmapped)';
    },
  };
}

/**
 * What each source module weighs in a built file with its source map (`dist/<file>.map`):
 * `[source, minified bytes, gzip bytes]`, heaviest first, the gzip of each module's code alone (so
 * the parts add up to a little more than the whole). `group` maps a source path to a row name.
 * Modules of livekit-client are split further by livekit-client's own source map.
 */
export function moduleSizes(file, group = (source) => source) {
  const code = readFileSync(join(root, file), 'utf8');
  const { lines, name } = sourceLocator(join(root, file));
  const parts = new Map();
  code.split('\n').forEach((text, index) => {
    const segments = lines[index] ?? [];
    segments.forEach((segment, i) => {
      const end = segments[i + 1]?.[0] ?? text.length;
      if (segment.length < 4) return;
      const row = group(name(segment));
      parts.set(row, (parts.get(row) ?? '') + text.slice(segment[0], end));
    });
  });
  return [...parts].map(([row, text]) => [row, text.length, gzipSync(text).length]).sort((a, b) => b[2] - a[2]);
}

/** A row for a source module: our files, Lit's packages, livekit-client's folders. */
export function moduleGroup(source) {
  const parts = source.split('/');
  if (parts[0] === 'livekit-client') {
    if (parts.length <= 2) return 'livekit-client (@livekit/protocol, unmapped)';
    // livekit-client/src/room/<file> or livekit-client/src/room/<folder>
    if (parts[1] === 'src') return parts.slice(0, parts[2] === 'room' && parts.length > 4 ? 4 : 3).join('/');
    return parts.slice(0, 2).join('/');
  }
  return parts[0] === 'src' ? parts.slice(0, parts.length > 2 ? 3 : 2).join('/') : parts.slice(0, parts[0].startsWith('@') ? 2 : 1).join('/');
}
