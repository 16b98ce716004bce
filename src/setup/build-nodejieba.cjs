// Builds nodejieba's native addon with npm's bundled node-gyp, after one fix to its source.
// nodejieba's own install script runs `npx @mapbox/node-pre-gyp`, which npm refuses
// under `yes=false` and which would try to download a prebuilt binary; package.json
// denies that script (allowScripts) and this postinstall builds from source instead.
const { existsSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const { execFileSync, spawnSync } = require('node:child_process');
const path = require('node:path');

const pkgDir = path.dirname(require.resolve('nodejieba/package.json'));
const binary = path.join(pkgDir, 'build', 'Release', 'nodejieba.node');
const source = path.join(pkgDir, 'lib', 'nodejieba.cpp');

// nodejieba's load() gives its TextRank extractor a dictionary of its own, read from the same
// files: a second copy of jieba's dictionary (110 MB) that the process holds for good. Built
// on the Jieba instance, the extractor shares its dictionary and model; nothing else changes.
const OWN_DICTIONARY = /_text_rank_extractor_handle = new cppjieba\s*::TextRankExtractor\(dictPath,\s*modelPath,\s*stopWordsPath,\s*userDictPath\);/;
const SHARED_DICTIONARY = '_text_rank_extractor_handle = new cppjieba::TextRankExtractor(*_jieba_handle, stopWordsPath);';

function shareDictionary() {
  const text = readFileSync(source, 'utf8');
  if (text.includes(SHARED_DICTIONARY)) return;
  if (!OWN_DICTIONARY.test(text)) {
    console.warn(
      'nodejieba: lib/nodejieba.cpp is not the source this fix was written for (nodejieba 3.5.8);' +
        ' building it unchanged, so jieba keeps a second dictionary (about 110 MB more per process).',
    );
    return;
  }
  writeFileSync(source, text.replace(OWN_DICTIONARY, SHARED_DICTIONARY));
  console.log('nodejieba: TextRank extractor now shares the dictionary');
}

function loads() {
  const r = spawnSync(process.execPath, ['-e', "require('nodejieba').cut('测试')"], { cwd: pkgDir, stdio: 'ignore' });
  return r.status === 0;
}

shareDictionary();
if (existsSync(binary) && statSync(binary).mtimeMs >= statSync(source).mtimeMs && loads()) {
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
