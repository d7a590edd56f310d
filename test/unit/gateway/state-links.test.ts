import { linkSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, realpathSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../../src/errors.js';
import { templateSample } from '../cards/samples.js';
import { call, METHOD, startTestGateway } from './helpers.js';

// Its real path: a message names the file a link resolves to.
const dirOf = () => realpathSync(mkdtempSync(join(tmpdir(), 'gateway-links-')));

describe('local gateway: a state file under another name', () => {
  it('a --state that is a symbolic link is written where it points, and stays a link (one to a file not made yet too)', async () => {
    const dir = dirOf();
    const real = join(dir, 'real', 'gw.json');
    const link = join(dir, 'link.json');
    symlinkSync(join('real', 'gw.json'), link); // relative, to a file not made yet (nor its folder)
    let gateway = await startTestGateway({ statePath: link });
    const templateId = (await call(gateway, METHOD.create, templateSample())).node.template_id as string;
    await gateway.close();
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(join('real', 'gw.json'));
    expect(readFileSync(real, 'utf8')).toContain(templateId);

    // Started again through the link: it reads the real file, and writes there again.
    gateway = await startTestGateway({ statePath: link });
    expect(gateway.templates().map((t) => t.template_id)).toEqual([templateId]);
    await gateway.close();
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('a second gateway through a symbolic link to a state file in use is refused, as on the file itself', async () => {
    const dir = dirOf();
    const statePath = join(dir, 'gw.json');
    const first = await startTestGateway({ statePath });
    try {
      symlinkSync(statePath, join(dir, 'link.json'));
      const second = startTestGateway({ statePath: join(dir, 'link.json') });
      await expect(second).rejects.toThrow(UsageError);
      await expect(second).rejects.toThrow(`the gateway state file ${statePath} is in use by another process (pid ${process.pid})`);
    } finally {
      await first.close();
    }
  });

  it('a second gateway on a hard link of a state file in use is refused — a link made at start or after the state was written again', async () => {
    const dir = dirOf();
    const statePath = join(dir, 'gw.json');
    const first = await startTestGateway({ statePath, flushIntervalMs: 600_000 });
    try {
      linkSync(statePath, join(dir, 'early.json'));
      const refused = await startTestGateway({ statePath: join(dir, 'early.json') }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(UsageError);
      expect((refused as UsageError).message).toBe(`the gateway state file ${join(dir, 'early.json')} is in use by another gateway under another name (a hard link of it)`);
      expect((refused as UsageError).hint).toBe('one gateway per state file: stop that gateway, or start this one on a copy of the file (cp)');

      // Each write replaces the file: the hold goes with it to the new one.
      await call(first, METHOD.create, templateSample());
      await first.flush();
      linkSync(statePath, join(dir, 'late.json'));
      await expect(startTestGateway({ statePath: join(dir, 'late.json') })).rejects.toThrow('in use by another gateway under another name');
    } finally {
      await first.close();
    }
    // Once it has stopped, the other name is free to use.
    const later = await startTestGateway({ statePath: join(dir, 'late.json') });
    await later.close();
  });
});
