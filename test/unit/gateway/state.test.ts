import { generateKeyPairSync } from 'node:crypto';
import { appendFileSync, closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../../src/errors.js';
import { defaultStatePath, startGateway } from '../../../src/gateway/index.js';
import { cardOpenSample, templateSample } from '../cards/samples.js';
import { APP_ID, appPublicKey, call, METHOD, startTestGateway } from './helpers.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'gateway-state-'));
const FORM = 'alipay.marketing.card.formtemplate.set';
const LINK = 'alipay.marketing.card.activateurl.apply';

describe('local gateway: state file', () => {
  it('keeps its key, apps, templates and cards across a restart', async () => {
    const statePath = join(tempDir(), 'nested', 'gateway.json');
    const first = await startTestGateway({ statePath });
    const templateId = (await call(first, METHOD.create, templateSample())).node.template_id;
    const card = (await call(first, METHOD.open, cardOpenSample(templateId, 'keep-1'))).node.card_info;
    await first.close();

    // No apps passed this time: the app registered before comes back from the file.
    const second = await startGateway({ statePath, clock: () => new Date('2024-05-01T01:31:00Z') });
    try {
      expect(second.alipayPublicKey).toBe(first.alipayPublicKey);
      expect(second.alipayCertSn).toBe(first.alipayCertSn);
      expect((await call(second, METHOD.query, { template_id: templateId })).node.code).toBe('10000');
      expect((await call(second, METHOD.open, cardOpenSample(templateId, 'keep-1'))).node.card_info).toEqual(card);
      expect(second.cards().map((c) => c.biz_card_no)).toEqual([card.biz_card_no]);
    } finally {
      await second.close();
    }
  });

  it("keeps a template's sign-up form across a restart, and through the log when killed before a write", async () => {
    const dir = tempDir();
    const statePath = join(dir, 'gw.json');
    const first = await startTestGateway({ statePath, flushIntervalMs: 600_000 });
    const fields = (required: string[]) => ({ required: JSON.stringify({ common_fields: required }) });
    let templateId: string;
    try {
      templateId = (await call(first, METHOD.create, templateSample())).node.template_id;
      expect((await call(first, FORM, { template_id: templateId, fields: fields(['OPEN_FORM_FIELD_MOBILE']) })).node.code).toBe('10000');
      // Set again: the second replaces the first.
      expect((await call(first, FORM, { template_id: templateId, fields: fields(['OPEN_FORM_FIELD_NAME', 'OPEN_FORM_FIELD_MOBILE']) })).node.code).toBe('10000');
      // Killed now (kill -9): the state file as written at start, and the log.
      copyFileSync(statePath, join(dir, 'killed.json'));
      copyFileSync(`${statePath}.log`, join(dir, 'killed.json.log'));
    } finally {
      await first.close();
    }
    const kept = [{ app_id: APP_ID, template_id: templateId!, form: { required: ['OPEN_FORM_FIELD_NAME', 'OPEN_FORM_FIELD_MOBILE'], optional: [] }, set_at: expect.any(String) }];
    expect(JSON.parse(readFileSync(statePath, 'utf8')).forms).toEqual(kept);
    for (const path of [statePath, join(dir, 'killed.json')]) {
      const again = await startGateway({ statePath: path, clock: () => new Date('2024-05-01T01:31:00Z') });
      try {
        expect((await call(again, LINK, { template_id: templateId!, callback: 'https://a.example/cb' })).node.code).toBe('10000');
      } finally {
        await again.close();
      }
      // The log replayed in order: the form set last.
      expect(JSON.parse(readFileSync(path, 'utf8')).forms).toEqual(kept);
    }
  });

  it('writes atomically, readable only by its owner, with no temporary file left behind', async () => {
    const dir = tempDir();
    const statePath = join(dir, 'gw.json');
    const gateway = await startTestGateway({ statePath });
    const templateId = (await call(gateway, METHOD.create, templateSample())).node.template_id;
    await Promise.all(Array.from({ length: 5 }, (_, i) => call(gateway, METHOD.open, cardOpenSample(templateId, `w-${i}`))));
    await gateway.flush();
    const state = JSON.parse(readFileSync(statePath, 'utf8'));
    expect(state).toMatchObject({ version: 1, apps: [{ app_id: APP_ID }], templates: [{ template_id: templateId }] });
    expect(state.cards).toHaveLength(5);
    expect(state.identity.private_key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(statSync(statePath).mode & 0o777).toBe(0o600);
    await gateway.close();
    expect(readdirSync(dir)).toEqual(['gw.json']);
  });

  it('forgets nothing it answered for when killed between writes of its state: the state log has it', async () => {
    const dir = tempDir();
    const statePath = join(dir, 'gw.json');
    const gateway = await startTestGateway({ statePath, flushIntervalMs: 600_000 });
    let killedCopy: string;
    let cards: unknown[];
    try {
      const templateId = (await call(gateway, METHOD.create, templateSample())).node.template_id;
      cards = await Promise.all(Array.from({ length: 3 }, async (_, i) => (await call(gateway, METHOD.open, cardOpenSample(templateId, `kill-${i}`))).node.card_info));
      // What a new process finds on disk if this one is killed now (kill -9): the state file as
      // last written (at start: no template, no card) and the log; the last line cut short.
      expect(JSON.parse(readFileSync(statePath, 'utf8')).cards).toEqual([]);
      killedCopy = join(dir, 'killed.json');
      copyFileSync(statePath, killedCopy);
      copyFileSync(`${statePath}.log`, `${killedCopy}.log`);
      appendFileSync(`${killedCopy}.log`, '{"card":{"app_id":"2021');
      const restarted = await startGateway({ statePath: killedCopy, clock: () => new Date('2024-05-01T01:31:00Z') });
      try {
        expect((await call(restarted, METHOD.query, { template_id: templateId })).node.code).toBe('10000');
        // A resent request gets the card it was answered with, not a second one.
        expect((await call(restarted, METHOD.open, cardOpenSample(templateId, 'kill-1'))).node.card_info).toEqual(cards[1]);
        expect(restarted.cards()).toHaveLength(3);
      } finally {
        await restarted.close();
      }
      // Closed cleanly: all of it in the state file, no log left.
      expect(JSON.parse(readFileSync(killedCopy, 'utf8')).cards).toHaveLength(3);
      expect(existsSync(`${killedCopy}.log`)).toBe(false);
    } finally {
      await gateway.close();
    }
    expect(existsSync(`${statePath}.log`)).toBe(false);
  });

  it('a card stored by a request still running after close goes nowhere: not into a closed log, nor a file that took its descriptor', async () => {
    const dir = tempDir();
    const statePath = join(dir, 'gw.json');
    const errors: unknown[] = [];
    const gateway = await startTestGateway({ statePath, closeGraceMs: 50, onError: (err) => errors.push(err) });
    const templateId = (await call(gateway, METHOD.create, templateSample())).node.template_id;
    gateway.injectFault('latency=400:1');
    const late = call(gateway, METHOD.open, cardOpenSample(templateId, 'late-1')).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 100));
    await gateway.close();
    const victim = join(dir, 'victim.txt');
    const fd = openSync(victim, 'w');
    try {
      await late;
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(victim, 'utf8')).toBe('');
    expect(errors).toEqual([]);
    expect(existsSync(`${statePath}.log`)).toBe(false);
  });

  it('clears the temporary files of writes a killed gateway never finished, and nothing else', async () => {
    const dir = tempDir();
    const statePath = join(dir, 'gw.json');
    for (const name of ['gw.json.4242.tmp', 'gw.json.log.4242.tmp', 'gw.json.notes.tmp', 'other.json.1.tmp']) writeFileSync(join(dir, name), 'x');
    // An image cut short by a kill, beside a whole one.
    mkdirSync(join(dir, 'images'));
    const sha = 'a'.repeat(64);
    for (const name of [sha, `${sha}.4242.tmp`, 'notes.tmp']) writeFileSync(join(dir, 'images', name), 'x');
    const gateway = await startTestGateway({ statePath });
    await gateway.close();
    expect(readdirSync(dir).sort()).toEqual(['gw.json', 'gw.json.notes.tmp', 'images', 'other.json.1.tmp']);
    expect(readdirSync(join(dir, 'images')).sort()).toEqual([sha, 'notes.tmp']);
  });

  it('flushes on its own within a second of a change', async () => {
    const statePath = join(tempDir(), 'gw.json');
    const gateway = await startTestGateway({ statePath, flushIntervalMs: 200 });
    try {
      const templateId = (await call(gateway, METHOD.create, templateSample())).node.template_id;
      await call(gateway, METHOD.open, cardOpenSample(templateId, 'auto-1'));
      const deadline = Date.now() + 2000;
      let cards = 0;
      while (Date.now() < deadline && cards === 0) {
        await new Promise((r) => setTimeout(r, 50));
        cards = JSON.parse(readFileSync(statePath, 'utf8')).cards.length;
      }
      expect(cards).toBe(1);
    } finally {
      await gateway.close();
    }
  });

  it('keeps a --key key out of the state file and reissues its certs for it', async () => {
    const statePath = join(tempDir(), 'gw.json');
    const generated = await startTestGateway({ statePath });
    await generated.close();
    const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const given = await startGateway({ statePath, privateKey: key.export({ type: 'pkcs8', format: 'pem' }) as string });
    await given.close();
    expect(given.alipayPublicKey).not.toBe(generated.alipayPublicKey);
    expect(given.alipayCertSn).not.toBe(generated.alipayCertSn);
    expect(JSON.parse(readFileSync(statePath, 'utf8')).identity.private_key).toBeUndefined();
  });

  it('refuses a state file that is not one, saying what to do', async () => {
    const statePath = join(tempDir(), 'gw.json');
    writeFileSync(statePath, '{"cards": [');
    await expect(startGateway({ statePath })).rejects.toThrow(ConfigError);
    writeFileSync(statePath, '{"version": 9}');
    await expect(startGateway({ statePath })).rejects.toThrow(/not a state file of this version/);
  });

  it('lives under the XDG state directory by default', () => {
    expect(defaultStatePath({ XDG_STATE_HOME: '/x/state' }, '/home/u')).toBe('/x/state/alipay-card/gateway.json');
    expect(defaultStatePath({}, '/home/u')).toBe('/home/u/.local/state/alipay-card/gateway.json');
    expect(defaultStatePath({ XDG_STATE_HOME: 'relative' }, '/home/u')).toBe('/home/u/.local/state/alipay-card/gateway.json');
  });

  it('registers apps given at start-up and at run time, and refuses a key that is not one', async () => {
    const gateway = await startTestGateway({ apps: [{ appId: '2021000000000010', publicKey: appPublicKey.export({ type: 'spki', format: 'pem' }) as string }] });
    try {
      const bare = appPublicKey.export({ type: 'spki', format: 'der' }).toString('base64');
      expect(gateway.registerApp({ appId: '2021000000000011', publicKey: bare })).toEqual({ appId: '2021000000000011' });
      expect(() => gateway.registerApp({ appId: '2021000000000012', publicKey: 'not a key' })).toThrow(ConfigError);
      expect(() => gateway.registerApp({ appId: 'abc', publicKey: bare })).toThrow(/not an Alipay app id/);
      expect(() => gateway.registerApp({ appId: '2021000000000013', publicKey: bare, encryptKey: 'short' })).toThrow(/AES-128/);
      for (const appId of ['2021000000000010', '2021000000000011']) {
        expect((await call(gateway, METHOD.query, { template_id: 'x' }, { identity: { appId } })).node.sub_code).toBe('TEMPLATE_NOT_EXIT');
      }
    } finally {
      await gateway.close();
    }
  });
});
