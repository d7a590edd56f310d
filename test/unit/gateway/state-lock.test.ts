import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../../src/errors.js';
import { cardOpenSample, templateSample } from '../cards/samples.js';
import { call, METHOD, startTestGateway } from './helpers.js';
import { kernelLockLeftBy, ownKernelLock } from '../lock/records.js';

const statePathIn = () => join(mkdtempSync(join(tmpdir(), 'gateway-lock-')), 'gw.json');

/** The pid of a process that has ended: what a kill -9 leaves in a lock. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('local gateway: one process per state file', () => {
  it('refuses a second gateway on a state file that is held, naming the holder and the file', async () => {
    const statePath = statePathIn();
    const first = await startTestGateway({ statePath });
    try {
      const second = startTestGateway({ statePath });
      await expect(second).rejects.toThrow(UsageError);
      await expect(second).rejects.toThrow(`the gateway state file ${statePath} is in use by another process (pid ${process.pid})`);
    } finally {
      await first.close();
    }
    expect(readdirSync(join(statePath, '..'))).toEqual(['gw.json']);
  });

  it('a lock file naming a live process that does not hold it (a pid reused), or a dead one, does not block', async () => {
    const statePath = statePathIn();
    const sleeper = spawn('sleep', ['60']);
    try {
      for (const content of [kernelLockLeftBy(sleeper.pid!), kernelLockLeftBy(await deadPid()), `${await deadPid()}\n`]) {
        writeFileSync(`${statePath}.lock`, content);
        const gateway = await startTestGateway({ statePath });
        expect(readFileSync(`${statePath}.lock`, 'utf8')).toMatch(ownKernelLock());
        await gateway.close();
        expect(existsSync(`${statePath}.lock`)).toBe(false);
      }
    } finally {
      sleeper.kill();
    }
  });

  it('an older version\'s gateway still running (its pid lock names a live process) is refused, naming it and what to do; once it has ended, the lock is taken', async () => {
    const statePath = statePathIn();
    // The older version's `gateway serve`: its lock is `<pid>\n`, and no kernel lock can be asked.
    const older = spawn('sleep', ['60']);
    const exited = new Promise((done) => older.on('exit', done));
    writeFileSync(`${statePath}.lock`, `${older.pid}\n`);
    const refused = await startTestGateway({ statePath }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UsageError);
    expect((refused as UsageError).message).toBe(`the gateway state file ${statePath} is in use by pid ${older.pid}, by the lock an older alipay-card writes`);
    expect((refused as UsageError).hint).toBe(`stop that gateway (kill ${older.pid}) and start again; if pid ${older.pid} is not an alipay-card gateway, remove ${statePath}.lock`);
    expect(readFileSync(`${statePath}.lock`, 'utf8')).toBe(`${older.pid}\n`);
    older.kill();
    await exited;
    const gateway = await startTestGateway({ statePath });
    await gateway.close();
  });

  it('waits for the holder when told to, then reads the state it wrote', async () => {
    const statePath = statePathIn();
    const first = await startTestGateway({ statePath, flushIntervalMs: 60_000 });
    const templateId = (await call(first, METHOD.create, templateSample())).node.template_id;
    const card = (await call(first, METHOD.open, cardOpenSample(templateId, 'held-1'))).node.card_info;

    const waitedFor: number[] = [];
    const second = startTestGateway({ statePath, stateLockWaitMs: 10_000, onStateLockWait: (pid) => waitedFor.push(pid) });
    await new Promise((r) => setTimeout(r, 1200));
    await first.close();
    const gateway = await second;
    try {
      expect(waitedFor).toEqual([process.pid]);
      const replay = await call(gateway, METHOD.open, cardOpenSample(templateId, 'held-1'));
      expect(replay.node.card_info).toEqual(card);
    } finally {
      await gateway.close();
    }
  });

  it('gives up after the wait it was given, saying how long it waited', async () => {
    const statePath = statePathIn();
    const first = await startTestGateway({ statePath });
    try {
      await expect(startTestGateway({ statePath, stateLockWaitMs: 1100 })).rejects.toThrow(/in use by another process \(pid \d+\) \(waited 1 s\)/);
      // The in-process gateway's state file is chosen by no flag: its hint names none, but gateway serve.
      const inProcess = startTestGateway({ statePath, stateChoosable: false });
      await expect(inProcess).rejects.toThrow(expect.objectContaining({ hint: expect.stringContaining('run `alipay-card gateway serve` and point the commands at it') }));
      await expect(inProcess).rejects.toThrow(expect.objectContaining({ hint: expect.not.stringContaining('another state file') }));
    } finally {
      await first.close();
    }
  });

  it('a state file under a regular file is exit 2 naming the lock and why, not an internal error', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gateway-lock-')), 'afile');
    writeFileSync(file, 'x');
    const started = startTestGateway({ statePath: join(file, 'gw.json') });
    await expect(started).rejects.toThrow(UsageError);
    await expect(started).rejects.toThrow(`cannot create the lock ${join(file, 'gw.json.lock')}: a part of the path is not a directory (ENOTDIR)`);
  });
});
