// Checks the system pieces the e2e layer needs and names the Debian package that provides each missing one.
// .ci/run installs exactly these packages (keep the two lists in step: DEBIAN_PACKAGES below).
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { CHROMIUM_CANDIDATES } from './paths';

export interface Requirement {
  what: string;
  debianPackage: string;
  /** 'install': only needed to build code-server's native modules the first time; 'run': needed on every run. */
  phase: 'install' | 'run';
  present: () => boolean;
}

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function anyFile(...files: string[]): boolean {
  return files.some((file) => fs.existsSync(file));
}

function pkgConfig(module: string): boolean {
  return spawnSync('pkg-config', ['--exists', module], { stdio: 'ignore' }).status === 0;
}

/** Headers of the running Node, so node-gyp builds offline instead of downloading them from nodejs.org. */
export function nodeHeadersDir(): string | undefined {
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  return fs.existsSync(path.join(prefix, 'include', 'node', 'node.h')) ? prefix : undefined;
}

export const REQUIREMENTS: Requirement[] = [
  {
    what: 'Chromium (drives the code-server workbench)',
    debianPackage: 'chromium',
    phase: 'run',
    present: () => findChromium() !== undefined,
  },
  {
    what: 'ripgrep `rg` (seeds @vscode/ripgrep, whose postinstall would download from GitHub)',
    debianPackage: 'ripgrep',
    phase: 'install',
    present: () => onPath('rg'),
  },
  {
    what: 'C/C++ toolchain `make` and `g++` (node-gyp builds code-server native modules)',
    debianPackage: 'build-essential',
    phase: 'install',
    present: () => onPath('make') && onPath('g++'),
  },
  { what: 'python3 (node-gyp)', debianPackage: 'python3', phase: 'install', present: () => onPath('python3') },
  { what: 'pkg-config', debianPackage: 'pkg-config', phase: 'install', present: () => onPath('pkg-config') },
  {
    what: 'Kerberos headers gssapi/gssapi.h (kerberos native module)',
    debianPackage: 'libkrb5-dev',
    phase: 'install',
    present: () => anyFile('/usr/include/gssapi/gssapi.h', '/usr/include/krb5.h'),
  },
  {
    what: 'libsecret-1 development files',
    debianPackage: 'libsecret-1-dev',
    phase: 'install',
    present: () => pkgConfig('libsecret-1') || anyFile('/usr/include/libsecret-1/libsecret/secret.h'),
  },
  { what: 'X11 headers X11/Xlib.h', debianPackage: 'libx11-dev', phase: 'install', present: () => anyFile('/usr/include/X11/Xlib.h') },
  {
    what: 'xkbfile headers X11/extensions/XKBfile.h',
    debianPackage: 'libxkbfile-dev',
    phase: 'install',
    present: () => anyFile('/usr/include/X11/extensions/XKBfile.h'),
  },
];

/** The Debian packages .ci/run installs. */
export const DEBIAN_PACKAGES = REQUIREMENTS.map((r) => r.debianPackage);

export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fs.existsSync(fromEnv) ? fromEnv : undefined;
  return CHROMIUM_CANDIDATES.find((candidate) => fs.existsSync(candidate));
}

export class MissingPrerequisiteError extends Error {
  constructor(readonly missing: Requirement[]) {
    super(
      [
        'GridLens e2e: missing system prerequisites:',
        ...missing.map((r) => `  - ${r.what}: install Debian package '${r.debianPackage}'`),
        `  fix: sudo apt-get update && sudo apt-get install -y ${missing.map((r) => r.debianPackage).join(' ')}`,
      ].join('\n'),
    );
    this.name = 'MissingPrerequisiteError';
  }
}

export function missingRequirements(phases: Array<Requirement['phase']>): Requirement[] {
  return REQUIREMENTS.filter((r) => phases.includes(r.phase) && !r.present());
}

export function assertRequirements(phases: Array<Requirement['phase']>): void {
  const missing = missingRequirements(phases);
  if (missing.length > 0) throw new MissingPrerequisiteError(missing);
}
