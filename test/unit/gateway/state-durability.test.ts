import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../../src/errors.js';
import { startGateway } from '../../../src/gateway/index.js';
import { readStateLog, StateLog, StateLogWriteError } from '../../../src/gateway/state-log.js';
import { GatewayStore, type StoredCard } from '../../../src/gateway/store.js';
import { cardOpenSample, templateSample } from '../cards/samples.js';
import { APP_ID, appPublicKey, call, METHOD, startTestGateway } from './helpers.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'gateway-durable-'));
const later = () => new Date('2024-05-01T01:31:00Z');

function storedCard(serial: string): StoredCard {
  return {
    app_id: APP_ID, out_serial_no: serial, biz_card_no: `NO${serial}`, card_template_id: 'T1', user_uni_id: '2088000000000001',
    user_uni_id_type: 'UID', fields: { biz_card_no: `NO${serial}`, open_date: '2024-05-01 09:30:00', valid_date: '2025-05-01 09:30:00' }, created_at: '2024-05-01 09:30:00', request_digest: 'd',
  };
}

describe('local gateway: nothing is answered that is not on disk', () => {
  it('a store whose log refuses an entry is left as it was, so a retry finds nothing to replay', () => {
    const store = new GatewayStore();
    store.persist = () => {
      throw new StateLogWriteError('/x/gw.json.log', Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
    };
    expect(() => store.addCard(storedCard('s-1'))).toThrow(StateLogWriteError);
    expect(store.card(APP_ID, 's-1')).toBeUndefined();
    expect(store.hasCardNumber('NOs-1')).toBe(false);
    expect(store.cards()).toEqual([]);
    expect(store.revision).toBe(0);
    store.persist = undefined;
    store.addCard(storedCard('s-1'));
    expect(store.cards()).toHaveLength(1);
  });

  it('an append that fails part way is cut back: the log keeps whole lines only, and the next append follows them', () => {
    const path = join(tempDir(), 'gw.json.log');
    let fail = false;
    const log = new StateLog(path, (fd, data) => {
      if (!fail) return writeFileSync(fd, data);
      writeFileSync(fd, data.subarray(0, 7)); // part of the line reached the disk before it filled up
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    log.append('{"card":1}');
    fail = true;
    expect(() => log.append('{"card":2}')).toThrow(StateLogWriteError);
    expect(() => log.append('{"card":2}')).toThrow(`cannot append to the gateway state log ${path}: ENOSPC: no space left on device, write`);
    expect(readFileSync(path, 'utf8')).toBe('{"card":1}\n');
    fail = false;
    log.append('{"card":3}');
    expect(readFileSync(path, 'utf8')).toBe('{"card":1}\n{"card":3}\n');
    log.remove();
  });

  it('at start, recovers every whole entry of its log: a damaged line is skipped and named, a last line cut short is dropped, both said', async () => {
    const dir = tempDir();
    const statePath = join(dir, 'gw.json');
    const gateway = await startTestGateway({ statePath, flushIntervalMs: 600_000 });
    const copy = join(dir, 'copy.json');
    let cards: unknown[];
    try {
      const templateId = (await call(gateway, METHOD.create, templateSample())).node.template_id;
      cards = [];
      for (const serial of ['d-1', 'd-2']) cards.push((await call(gateway, METHOD.open, cardOpenSample(templateId, serial))).node.card_info);
      copyFileSync(statePath, copy);
      // Line 2 (the first card) damaged in the middle, as a torn write followed by more lines leaves it.
      const lines = readFileSync(`${statePath}.log`, 'utf8').split('\n');
      lines[1] = lines[1]!.slice(0, 30);
      writeFileSync(`${copy}.log`, lines.join('\n'));
      appendFileSync(`${copy}.log`, '{"card":{"app_id":"2021');
    } finally {
      await gateway.close();
    }
    const warnings: string[] = [];
    const restarted = await startGateway({ statePath: copy, clock: later, onWarning: (m) => warnings.push(m) });
    try {
      expect(warnings).toEqual([
        `the gateway state log ${copy}.log is damaged at line 2 (30 bytes that are not a card, template or app entry): that entry is skipped, the others are recovered`,
        `the gateway state log ${copy}.log ends in a line cut short (line 4, 23 bytes): it was never answered, and is dropped`,
      ]);
      expect(restarted.templates()).toHaveLength(1);
      expect(restarted.cards().map((c) => c.fields)).toEqual([cards[1]]);
    } finally {
      await restarted.close();
    }
  });

  it('an app registered at run time is in the log before it is answered, and comes back after a kill', async () => {
    const dir = tempDir();
    const statePath = join(dir, 'gw.json');
    const gateway = await startTestGateway({ statePath, flushIntervalMs: 600_000 });
    const copy = join(dir, 'copy.json');
    try {
      gateway.registerApp({ appId: '2021000000000077', publicKey: appPublicKey });
      expect(readStateLog(`${statePath}.log`).entries).toEqual([{ app: expect.objectContaining({ app_id: '2021000000000077' }) }]);
      copyFileSync(statePath, copy);
      copyFileSync(`${statePath}.log`, `${copy}.log`);
    } finally {
      await gateway.close();
    }
    const restarted = await startGateway({ statePath: copy, clock: later });
    try {
      const reply = await call(restarted, METHOD.query, { template_id: 'x' }, { identity: { appId: '2021000000000077' } });
      expect(reply.node.sub_code).toBe('TEMPLATE_NOT_EXIT');
    } finally {
      await restarted.close();
    }
  });

  it.each([
    ['cards: [null]', { cards: [null] }, 'cards[0]: expected Object, got null'],
    ['a card without its number', { cards: [{ ...storedCard('c-1'), biz_card_no: undefined }] }, 'cards[0].biz_card_no: required but missing'],
    ['apps: "x"', { apps: 'x' }, 'apps: expected Array, got "x"'],
    ['an app whose key does not parse', { apps: [{ app_id: APP_ID, public_key: 'not a key' }] }, `apps[0]: app ${APP_ID}`],
    ['a template that is not one', { templates: [{ app_id: APP_ID, template_id: 'T1', request_id: 'r', created_at: 'x', template: { card_type: 'OUT_MEMBER_CARD' } }] }, 'templates[0] (template T1) is not a valid template'],
    ['a gateway key that does not parse', { identity: { private_key: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n', alipay_cert: 'x', root_cert: 'y' } }, 'identity: '],
  ])('a state file with %s is a configuration error naming the file and the entry', async (_name, part, problem) => {
    const statePath = join(tempDir(), 'gw.json');
    writeFileSync(statePath, JSON.stringify({ version: 1, apps: [], templates: [], cards: [], ...part }));
    const err = await startGateway({ statePath }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain(`the gateway state file ${statePath} is damaged: ${problem}`);
    expect((err as ConfigError).hint).toMatch(/move the file away/);
  });
});

describe('local gateway: a log that cannot be started again', () => {
  it('is said as such, not as a failed write of the state file (which is on disk); the old log keeps every entry, and the next write starts it again', async () => {
    const dir = tempDir();
    const statePath = join(dir, 'gw.json');
    const warnings: string[] = [];
    const gateway = await startTestGateway({ statePath, flushIntervalMs: 600_000, onWarning: (m) => warnings.push(m) });
    try {
      gateway.registerApp({ appId: '2021000000000077', publicKey: appPublicKey });
      // What the restart writes first: a directory there makes it fail (EISDIR), as a full disk would.
      const blocker = `${statePath}.log.${process.pid}.tmp`;
      mkdirSync(blocker);
      await gateway.flush();
      expect(warnings).toEqual([
        `the gateway state file ${statePath} is written, but cannot restart the gateway state log ${statePath}.log: EISDIR: illegal operation on a directory, open '${blocker}'; the log keeps growing meanwhile, and a restart is tried at the next write`,
      ]);
      expect(readFileSync(statePath, 'utf8')).toContain('2021000000000077');
      gateway.registerApp({ appId: '2021000000000078', publicKey: appPublicKey });
      expect(readStateLog(`${statePath}.log`).entries.map((e) => 'app' in e && e.app.app_id)).toEqual(['2021000000000077', '2021000000000078']);
      rmdirSync(blocker);
      await gateway.flush();
      expect(warnings[1]).toBe(`the gateway state log ${statePath}.log is restarted`);
      expect(readStateLog(`${statePath}.log`).entries).toEqual([]);
      gateway.registerApp({ appId: '2021000000000079', publicKey: appPublicKey });
      expect(readStateLog(`${statePath}.log`).entries).toHaveLength(1);
    } finally {
      await gateway.close();
    }
  });
});
