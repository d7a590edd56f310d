// os.tmpdir() and os.homedir() without loading node:os, which costs every start ≈0.45 ms (measured
// in-process, Node 20 and 24) where only these two are wanted. On POSIX both read the environment
// first, as these do; Node's own answers wherever it would read differently (Windows, a process
// running set-user-ID, HOME unset). Shared by the loader (src/loader/cache-place.ts) and main.

/** os.tmpdir(): TMPDIR, TMP, TEMP, then /tmp, less one trailing slash. */
export function temporaryDirectory(env: NodeJS.ProcessEnv = process.env): string {
  // Node reads the environment through its secure getenv: none of it when set-user-ID or -group.
  // (Nor when Linux marks the process secure for a node binary given file capabilities, which
  // this does not see: its cache directory must still be the user's own, mode 0700, cache-place.ts.)
  if (process.platform === 'win32' || process.getuid!() !== process.geteuid!() || process.getgid!() !== process.getegid!()) return os().tmpdir();
  const path = env.TMPDIR || env.TMP || env.TEMP || '/tmp';
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/** os.homedir(): HOME when it is set (libuv's uv_os_homedir reads it first), else the user database. */
export function homeDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return process.platform !== 'win32' && env.HOME !== undefined ? env.HOME : os().homedir();
}

function os(): typeof import('node:os') {
  return process.getBuiltinModule('node:os');
}
