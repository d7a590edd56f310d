import { join } from 'node:path';

/**
 * `$XDG_STATE_HOME/alipay-card/gateway.json`, `~/.local/state/alipay-card/gateway.json` by default.
 * A module of its own: every command that may talk to the local gateway asks where its state is,
 * and the state file's reading and writing (node:fs/promises and the log) is not needed for that.
 */
export function defaultStatePath(env: Record<string, string | undefined>, homeDir: string): string {
  const stateHome = env.XDG_STATE_HOME && env.XDG_STATE_HOME.startsWith('/') ? env.XDG_STATE_HOME : join(homeDir, '.local', 'state');
  return join(stateHome, 'alipay-card', 'gateway.json');
}
