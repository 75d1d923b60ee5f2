// Starts code-server on a free loopback port with throw-away user-data, config and extensions directories and a
// fresh copy of the fixture workspace; stops it (and its extension hosts) for sure.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawn, type ChildProcess } from 'child_process';
import { codeServerBin } from './installCodeServer';
import { FIXTURE_WORKSPACE } from './paths';

export interface SessionOptions {
  /** Short name used in temp dir names and output folders. */
  label: string;
  /** .vsix files to install into the session's own extensions directory before starting. */
  vsix: string[];
  /** Extra environment for code-server and so for its extension hosts. */
  env?: NodeJS.ProcessEnv;
  /** Folder copied in as the workspace; the fixture workspace by default. */
  workspace?: string;
}

export interface CodeServerSession {
  url: string;
  /** The workbench URL with the fixture workspace open. */
  workbenchUrl: string;
  root: string;
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  /** code-server's stdout and stderr. */
  logFile: string;
  /** Copies the code-server log and VS Code's own logs (extension host, remote agent) to `dest`. */
  saveLogs(dest: string): void;
  stop(): Promise<void>;
}

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'window.restoreWindows': 'none',
  // VS Code's own JSON and npm support fetch schemas and package facts online; the suite's network guard is for GridLens
  'json.schemaDownload.enable': false,
  'npm.fetchOnlinePackageInfo': false,
};

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Kills code-server process groups we started if this process exits without stopping them (e.g. Ctrl-C). */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  const killAll = () => {
    for (const child of live) killGroup(child, 'SIGKILL');
  };
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(130);
    });
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // the whole group: code-server, its extension hosts, file watchers, ptys
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

function runCli(args: string[], env: NodeJS.ProcessEnv, logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(logFile, 'a');
    fs.writeSync(out, `$ code-server ${args.join(' ')}\n`);
    const child = spawn(process.execPath, [codeServerBin(), ...args], { env, stdio: ['ignore', out, out] });
    child.on('error', reject);
    child.on('close', (code) => {
      fs.closeSync(out);
      if (code === 0) resolve();
      else reject(new Error(`code-server ${args.join(' ')} exited with ${code}; see ${logFile}`));
    });
  });
}

export async function startCodeServer(options: SessionOptions): Promise<CodeServerSession> {
  installExitHook();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `gridlens-e2e-${options.label}-`));
  const workspace = path.join(root, 'workspace');
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  const configFile = path.join(root, 'config.yaml');
  const logFile = path.join(root, 'code-server.log');
  fs.cpSync(options.workspace ?? FIXTURE_WORKSPACE, workspace, { recursive: true });
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir);
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n'); // keeps code-server away from ~/.config/code-server
  fs.writeFileSync(logFile, '');

  // XDG dirs inside the session too: code-server must not read or write the developer's home.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(root, 'xdg-config'),
    XDG_DATA_HOME: path.join(root, 'xdg-data'),
    XDG_CACHE_HOME: path.join(root, 'xdg-cache'),
    ...options.env,
  };
  delete env.VSCODE_IPC_HOOK_CLI; // inside a VS Code terminal this would redirect --install-extension elsewhere
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;

  const common = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  if (options.vsix.length > 0) {
    await runCli([...common, ...options.vsix.flatMap((vsix) => ['--install-extension', vsix]), '--force'], env, logFile);
  }

  const args = [
    ...common,
    '--auth',
    'none',
    '--bind-addr',
    '127.0.0.1:0', // code-server picks a free port and prints it: no race between probe and bind
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    workspace,
  ];
  fs.appendFileSync(logFile, `$ code-server ${args.join(' ')}\n`);
  const child = spawn(process.execPath, [codeServerBin(), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  live.add(child);
  child.stdout?.on('data', (chunk: Buffer) => fs.appendFileSync(logFile, chunk));
  child.stderr?.on('data', (chunk: Buffer) => fs.appendFileSync(logFile, chunk));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  child.on('exit', () => live.delete(child));

  let url: string;
  try {
    url = await new Promise<string>((resolve, reject) => {
      let buffer = '';
      const timer = setTimeout(() => reject(new Error(`code-server did not report a listening port within 60 s; see ${logFile}`)), 60_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const match = /HTTP server listening on (http:\/\/[^\s/]+)\//.exec(buffer);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`code-server exited (${code}) before listening:\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`));
      });
    });
  } catch (error) {
    killGroup(child, 'SIGKILL');
    throw error;
  }

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    killGroup(child, 'SIGTERM');
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5_000).unref());
    if ((await Promise.race([exited.then(() => 'exited' as const), timeout])) === 'timeout') {
      killGroup(child, 'SIGKILL');
      await exited;
    }
    // Stragglers in the group (an extension host that ignored SIGTERM) go too.
    killGroup(child, 'SIGKILL');
  };

  return {
    url,
    workbenchUrl: `${url}/?folder=${encodeURIComponent(workspace)}`,
    root,
    workspace,
    userDataDir,
    extensionsDir,
    logFile,
    saveLogs(dest: string) {
      fs.mkdirSync(dest, { recursive: true });
      fs.copyFileSync(logFile, path.join(dest, 'code-server.log'));
      const vscodeLogs = path.join(userDataDir, 'logs');
      if (fs.existsSync(vscodeLogs)) fs.cpSync(vscodeLogs, path.join(dest, 'vscode-logs'), { recursive: true });
    },
    stop,
  };
}

/** Removes a stopped session's temp dir unless KEEP_E2E_TMP is set. */
export function removeSession(session: CodeServerSession): void {
  if (process.env.KEEP_E2E_TMP) {
    console.log(`(KEEP_E2E_TMP) kept ${session.root}`);
    return;
  }
  fs.rmSync(session.root, { recursive: true, force: true });
}
