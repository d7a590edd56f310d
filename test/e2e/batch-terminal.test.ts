import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { binPath, repoRoot } from './cli.js';
import { batchProject, createTemplate, gatewayForSuite, writeMembers } from './batch-harness.js';

const served = gatewayForSuite();

/** The real binary at a pseudo-terminal `columns` wide, Ctrl-C typed once `trigger` shows. */
async function atTerminal(args: readonly string[], cwd: string, columns: number, trigger: string): Promise<{ output: string; code: number; interrupted: boolean }> {
  const home = mkdtempSync(join(tmpdir(), 'alipay-card-home-'));
  const env = { PATH: process.env.PATH ?? '', HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_STATE_HOME: join(home, '.local/state'), NO_COLOR: '1', TERM: 'xterm' };
  const { stdout } = await promisify(execFile)('python3', [join(repoRoot, 'test/e2e/pty-run.py'), String(columns), trigger, process.execPath, binPath, ...args], { cwd, env, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as { output: string; code: number; interrupted: boolean };
}

/**
 * What a person sees once it is over: the output played on a screen `columns` wide that wraps long
 * lines, as a terminal does (carriage return, line feed, erase line, cursor up and column moves).
 */
function screen(output: string, columns: number): { lines: string[]; cursorHidden: boolean } {
  const lines: string[][] = [[]];
  let row = 0;
  let col = 0;
  let cursorHidden = false;
  const line = () => (lines[row] ??= []);
  for (let i = 0; i < output.length; i++) {
    const c = output[i]!;
    if (c === '\x1b') {
      const m = /^\x1b\[(\??)(\d*)(?:;\d+)*([A-Za-z])/.exec(output.slice(i));
      if (!m) continue;
      i += m[0].length - 1;
      const n = Number(m[2] || '0');
      if (m[1] === '?' && n === 25) cursorHidden = m[3] === 'l';
      else if (m[3] === 'K') line().splice(n === 0 ? col : 0, n === 1 ? col : Infinity, ...(n === 1 ? Array<string>(col).fill(' ') : []));
      else if (m[3] === 'A') row = Math.max(0, row - Math.max(n, 1));
      else if (m[3] === 'G') col = Math.max(n, 1) - 1;
      continue;
    }
    if (c === '\r') col = 0;
    else if (c === '\n') row++;
    else {
      if (col >= columns) {
        row++;
        col = 0;
      }
      const l = line();
      while (l.length < col) l.push(' ');
      l[col++] = c;
    }
  }
  return { lines: lines.map((l) => (l ?? []).join('').trimEnd()), cursorHidden };
}

describe('card batch at a terminal', () => {
  it('Ctrl-C: the bar is erased, "stopping" and the summary print on clean lines, the cursor is shown', async () => {
    const gw = served();
    const templateId = await createTemplate(gw, 'e2e-batch-terminal');
    const dir = batchProject(gw);
    writeMembers(dir, 'members.csv', 400, 3);
    await gw.clearFaults();
    await gw.fault('latency=40:1');
    try {
      const columns = 80;
      const run = await atTerminal(['card', 'batch', 'members.csv', '--template-id', templateId, '--concurrency', '2'], dir, columns, 'rows/s');
      expect(run.interrupted).toBe(true);
      expect(run.code).toBe(130);
      const { lines, cursorHidden } = screen(run.output, columns);
      const shown = lines.filter((l) => l !== '');
      expect(cursorHidden).toBe(false);
      // Nothing of the bar is left on the screen, and every line is whole.
      expect(shown.filter((l) => /rows\/s \||█|░|ETA/.test(l))).toEqual([]);
      const stopping = shown.findIndex((l) => l.startsWith('stopping: waiting for the rows in flight to end'));
      expect(stopping).toBeGreaterThanOrEqual(0);
      expect(shown[stopping + 2]).toMatch(/^interrupted: 400 rows in \S*members\.csv$/);
      expect(shown[stopping + 3]).toMatch(/^ {2}issued {3}\d+$/);
      expect(shown.some((l) => /^error: interrupted: \d+ of 400 rows ended$/.test(l))).toBe(true);
    } finally {
      await gw.clearFaults();
    }
  }, 90_000);
});
