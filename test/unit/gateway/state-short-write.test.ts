import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StateWriter, type StateTempFile } from '../../../src/gateway/state-file.js';
import { GatewayStore, type StoredCard } from '../../../src/gateway/store.js';
import { APP_ID } from './helpers.js';

function storedCard(serial: string): StoredCard {
  return {
    app_id: APP_ID, out_serial_no: serial, biz_card_no: `NO${serial}`, card_template_id: 'T1', user_uni_id: '2088000000000001',
    user_uni_id_type: 'UID', fields: { biz_card_no: `NO${serial}`, open_date: '2024-05-01 09:30:00', valid_date: '2025-05-01 09:30:00' }, created_at: '2024-05-01 09:30:00', request_digest: 'd',
  };
}

/**
 * A disk with `room.bytes` left, as the kernel fills one: a write takes what fits and returns its
 * count (short), the next write is ENOSPC. writeFile and write behave as Node's do on it: write is
 * one write, writeFile writes again until every byte is out.
 */
function nearlyFullDisk(room: { bytes: number }): (path: string) => Promise<StateTempFile & { write(data: string): Promise<{ bytesWritten: number }> }> {
  return async (path) => {
    const file = await open(path, 'w', 0o600);
    const write = async (data: string | Buffer): Promise<{ bytesWritten: number }> => {
      const bytes = Buffer.from(data);
      if (bytes.length > 0 && room.bytes === 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      const taken = Math.min(bytes.length, room.bytes);
      room.bytes -= taken;
      return file.write(bytes, 0, taken);
    };
    return {
      write,
      writeFile: async (data) => {
        let rest = Buffer.from(data as string);
        while (rest.length > 0) rest = rest.subarray((await write(rest)).bytesWritten);
      },
      sync: () => file.sync(),
      close: () => file.close(),
    };
  };
}

describe('the gateway state file on a nearly full disk', () => {
  it('a write that runs out of room part way fails and leaves the state file as it was, never a state cut short', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gateway-short-'));
    const path = join(dir, 'gw.json');
    const store = new GatewayStore();
    const room = { bytes: Number.MAX_SAFE_INTEGER };
    const writer = new StateWriter(path, store, () => undefined, { openTemp: nearlyFullDisk(room) });
    store.addCard(storedCard('s-1'));
    await writer.flush();
    const before = readFileSync(path, 'utf8');

    for (let i = 2; i <= 50; i++) store.addCard(storedCard(`s-${i}`));
    // How long the whole state is, written elsewhere; then room for all of it but its last bytes:
    // the write of its end comes back short, and no write after it would say ENOSPC.
    const whole = join(dir, 'whole', 'gw.json');
    await new StateWriter(whole, store).flush();
    room.bytes = readFileSync(whole).length - 5;
    await expect(writer.flush()).rejects.toThrow(/cannot write the gateway state file .*ENOSPC/);
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(['gw.json', 'whole']);

    room.bytes = Number.MAX_SAFE_INTEGER;
    await writer.flush();
    expect((JSON.parse(readFileSync(path, 'utf8')) as { cards: unknown[] }).cards).toHaveLength(50);
  });
});
