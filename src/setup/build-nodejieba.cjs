// Builds nodejieba's native addon with npm's bundled node-gyp.
// nodejieba's own install script runs `npx @mapbox/node-pre-gyp`, which npm refuses
// under `yes=false` and which would try to download a prebuilt binary; package.json
// denies that script (allowScripts) and this postinstall builds from source instead.
const { existsSync } = require('node:fs');
const { execFileSync, spawnSync } = require('node:child_process');
const path = require('node:path');

const pkgDir = path.dirname(require.resolve('nodejieba/package.json'));
const binary = path.join(pkgDir, 'build', 'Release', 'nodejieba.node');

function loads() {
  const r = spawnSync(process.execPath, ['-e', "require('nodejieba').cut('测试')"], { cwd: pkgDir, stdio: 'ignore' });
  return r.status === 0;
}

if (existsSync(binary) && loads()) {
  console.log('nodejieba: native addon present');
  process.exit(0);
}
console.log('nodejieba: building native addon with node-gyp (about a minute)…');
const nodeGyp = process.env.npm_config_node_gyp;
const [cmd, args] = nodeGyp ? [process.execPath, [nodeGyp, 'rebuild']] : ['node-gyp', ['rebuild']];
execFileSync(cmd, args, { cwd: pkgDir, stdio: 'inherit' });
if (!loads()) {
  console.error('nodejieba: built, but the addon does not load');
  process.exit(1);
}
console.log('nodejieba: ready');
