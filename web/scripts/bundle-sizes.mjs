// Sizes of the built app from Vite's manifest: what the first page load needs (the entry and everything it
// imports statically) and what each lazily loaded route adds. Shared by the budget check and bench/web.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

export function bundleSizes(dist) {
  const manifest = JSON.parse(readFileSync(`${dist}/.vite/manifest.json`, 'utf8'));
  const gzip = file => gzipSync(readFileSync(`${dist}/${file}`), { level: 9 }).length;
  const raw = file => readFileSync(`${dist}/${file}`).length;
  const closure = (keys, seen = new Set()) => {
    for (const key of keys) {
      if (seen.has(key)) continue;
      seen.add(key);
      closure(manifest[key].imports ?? [], seen);
    }
    return seen;
  };
  const sum = (keys, kind) => [...keys].reduce((n, k) => n + (kind === 'gzip' ? gzip(manifest[k].file) : raw(manifest[k].file)), 0);

  const entryKey = Object.keys(manifest).find(k => manifest[k].isEntry);
  const initial = closure([entryKey]);
  const css = (manifest[entryKey].css ?? []).reduce((n, f) => n + gzip(f), 0);
  const routes = Object.keys(manifest)
    .filter(k => manifest[k].isDynamicEntry && k.startsWith('src/pages/'))
    .map(k => {
      const extra = [...closure([k])].filter(x => !initial.has(x));
      return { route: k.replace(/^src\/pages\//, '').replace(/\.tsx$/, ''), gzip: sum(extra, 'gzip'), raw: sum(extra, 'raw') };
    })
    .sort((a, b) => a.route.localeCompare(b.route));
  const lazyOther = Object.keys(manifest).filter(k => manifest[k].isDynamicEntry && !k.startsWith('src/pages/'))
    .map(k => ({ chunk: k.replace(/^.*node_modules\//, ''), gzip: sum([...closure([k])].filter(x => !initial.has(x)), 'gzip') }));
  return { initial: { gzip: sum(initial, 'gzip'), raw: sum(initial, 'raw'), files: [...initial].map(k => manifest[k].file) }, css, routes, lazyOther };
}

export const kb = n => `${(n / 1024).toFixed(1)} KB`;
