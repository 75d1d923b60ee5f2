// Resolves `require('vscode')` to the benchmark's stand-in (bench/lib/vscode-stub.cjs) in this process only.
'use strict';
const Module = require('node:module');
const path = require('node:path');

const stub = path.join(__dirname, '..', 'lib', 'vscode-stub.cjs');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'vscode') return stub;
  return resolve.call(this, request, ...rest);
};

/** The stand-in, loaded before anything is timed (VS Code's API exists before an extension loads). */
module.exports = require(stub);
