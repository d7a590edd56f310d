import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoTemplate } from '../../src/cli/commands/demo.js';
import { projectWithConfig, runCli } from './cli.js';
import { APP_ID, appPrivateKeyPem, serveGateway, type ServedGateway } from './serve.js';

let gw: ServedGateway;
let cwd: string;
let templateId: string;
let otherTemplateId: string;
const USER = '2088302463082075';

beforeAll(async () => {
  gw = await serveGateway();
  const client = gw.client();
  const create = async (id: string, extra: Record<string, unknown> = {}) =>
    String((await client.call('alipay.marketing.card.template.create', { bizContent: JSON.stringify({ ...demoTemplate(id), ...extra }), retrySafe: false })).node.template_id);
  templateId = await create('e2e-life-1');
  otherTemplateId = await create('e2e-life-2', { card_level_conf: [{ level: 'GOLD', level_show_name: '金卡', level_icon: '1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC', level_desc: '金卡' }] });
  await client.close();
  cwd = projectWithConfig({ profiles: { local: { appId: APP_ID, gateway: gw.url, privateKeyFile: 'app.pem', alipayPublicKey: gw.alipayPublicKey } } }, { 'app.pem': appPrivateKeyPem });
});

afterAll(async () => {
  expect(await gw.stop()).toBe(0);
});

const cli = (args: string[]) => runCli(args, { cwd });

async function openCard(): Promise<string> {
  const r = await cli(['card', 'open', '--template-id', templateId, '--user-id', USER, '--level', 'VIP1', '--point', '88', '--balance', '100.00', '--json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).card_info.biz_card_no as string;
}

describe('a card\'s whole life against gateway serve: open, query, update, query, delete, query', () => {
  it('each command with its table, its --json and its exit code', async () => {
    const cardNo = await openCard();

    const q1 = await cli(['card', 'query', cardNo, '--json']);
    expect(q1.code).toBe(0);
    expect(JSON.parse(q1.stdout)).toMatchObject({ code: '10000', card_info: { biz_card_no: cardNo, point: '88', balance: '100.00', level: 'VIP1', template_id: templateId }, schema_url: expect.stringMatching(/^alipays:\/\//) });
    const t1 = await cli(['card', 'query', cardNo, '--output', 'table']);
    expect(t1.code).toBe(0);
    expect(t1.stdout).toMatch(/level\s+│\s+VIP1 \(白金会员\)/);
    expect(t1.stdout).toMatch(/in wallet\s+│\s+yes/);

    const u = await cli(['card', 'update', cardNo, '--point', '188', '--balance', '50.50', '--level', 'VIP2', '--changed-point', '100', '--output', 'table']);
    expect(u.code).toBe(0);
    expect(u.stdout).toContain(`Card ${cardNo} updated`);
    expect(u.stdout).toMatch(/point\s+│\s+88 → 188/);
    const uj = await cli(['card', 'update', cardNo, '--point', '200', '--json']);
    expect(uj.code).toBe(0);
    expect(JSON.parse(uj.stdout)).toEqual({ code: '10000', msg: 'Success' });

    const q2 = await cli(['card', 'query', cardNo, '--json']);
    expect(JSON.parse(q2.stdout).card_info).toMatchObject({ point: '200', balance: '50.50', level: 'VIP2' });

    const d = await cli(['card', 'delete', cardNo, '--reason', 'USER_UNBUND', '--output', 'table']);
    expect(d.code).toBe(0);
    expect(d.stdout).toContain(`Card ${cardNo} deleted`);
    const serial = /out_serial_no: (\S+)/.exec(d.stderr)![1]!;
    // The same serial again deletes once: the same answer, no second history entry.
    const again = await cli(['card', 'delete', cardNo, '--reason', 'USER_UNBUND', '--out-serial-no', serial, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ code: '10000', biz_serial_no: expect.any(String) });
    // Another serial: already deleted, exit 0 with a note, the node as sent.
    const other = await cli(['card', 'delete', cardNo, '--reason', 'USER_UNBUND', '--json']);
    expect(other.code).toBe(0);
    expect(JSON.parse(other.stdout)).toMatchObject({ code: '40004', sub_code: 'CARD_IS_DELETED_ALREADY' });
    expect(other.stderr).toMatch(/already deleted/);

    const q3 = await cli(['card', 'query', cardNo, '--json']);
    expect(q3.code).toBe(4);
    expect(JSON.parse(q3.stdout)).toMatchObject({ code: '40004', sub_code: 'CARD_NOT_EXIT' });

    const view = (await gw.cards()).find((c) => c.biz_card_no === cardNo)!;
    expect(view.state).toMatchObject({ status: 'DELETED', reason_code: 'USER_UNBUND', card_info: { point: '200', level: 'VIP2' } });
    expect((view.history as Array<{ action: string }>).map((h) => h.action)).toEqual(['open', 'update', 'update', 'delete']);
  }, 60_000);

  it('moves a card to another template, whose levels then apply', async () => {
    const cardNo = await openCard();
    const kept = await cli(['card', 'update', cardNo, '--template-id', otherTemplateId, '--json']);
    expect(kept.code).toBe(2);
    expect(kept.stderr).toMatch(/card_info\.level.*one of GOLD/);
    const moved = await cli(['card', 'update', cardNo, '--template-id', otherTemplateId, '--level', 'GOLD', '--json']);
    expect(moved.code).toBe(0);
    const q = await cli(['card', 'query', cardNo, '--json']);
    expect(JSON.parse(q.stdout).card_info).toMatchObject({ template_id: otherTemplateId, level: 'GOLD' });
  }, 30_000);

  it('refuses bad input with exit 2 naming the field and what would be valid, sending nothing', async () => {
    const cardNo = await openCard();
    const before = JSON.stringify((await gw.cards()).find((c) => c.biz_card_no === cardNo));
    const level = await cli(['card', 'update', cardNo, '--level', 'VIP9']);
    expect(level.code).toBe(2);
    expect(level.stderr).toMatch(/card_info\.level \[--level\]: must be a level of template \d+: one of VIP1, VIP2/);
    const balance = await cli(['card', 'update', cardNo, '--balance', '1.234']);
    expect(balance.code).toBe(2);
    expect(balance.stderr).toMatch(/card_info\.balance \[--balance\]: must be an amount in yuan with two decimals/);
    const long = await cli(['card', 'query', '1'.repeat(33)]);
    expect(long.code).toBe(2);
    expect(long.stderr).toMatch(/target_card_no \[<card-no>\]: must be at most 32 characters \(it has 33\)/);
    const type = await cli(['card', 'query', cardNo, '--type', 'QR']);
    expect(type.code).toBe(2);
    expect(type.stderr).toMatch(/--type.*BIZ_CARD, D_QR_CODE, D_BAR_CODE, EXTERNAL_CARD/);
    const dates = await cli(['card', 'update', cardNo, '--set', 'card_info.valid_date=2040-01-01 00:00:00', '--point', '1']);
    expect(dates.code).toBe(2);
    expect(dates.stderr).toMatch(/card_info\.valid_date \[--set\]: cannot be changed by card update/);
    const reason = await cli(['card', 'delete', cardNo]);
    expect(reason.code).toBe(2);
    expect(reason.stderr).toContain('reason_code [--reason]: required: one of USER_UNBUND, CANCEL, PRESENT');
    const nothing = await cli(['card', 'update', cardNo]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/card_info: nothing to change: give at least one of .*card_info\.point/);
    const cancel = await cli(['card', 'delete', cardNo, '--reason', 'CANCEL']);
    expect(cancel.code).toBe(2);
    expect(cancel.stderr).toMatch(/--yes/);
    expect(JSON.stringify((await gw.cards()).find((c) => c.biz_card_no === cardNo))).toBe(before);
  }, 60_000);

  it('an update and a delete answered by gateway serve survive kill -9: the restarted gateway answers the same', async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'alipay-card-life-')), 'state.json');
    const first = await serveGateway([], state);
    const at = (g: ServedGateway) => projectWithConfig({ profiles: { local: { appId: APP_ID, gateway: g.url, privateKeyFile: 'app.pem', alipayPublicKey: g.alipayPublicKey } } }, { 'app.pem': appPrivateKeyPem });
    let cardNo: string;
    let deleted: string;
    try {
      const client = first.client();
      const tpl = String((await client.call('alipay.marketing.card.template.create', { bizContent: JSON.stringify(demoTemplate('e2e-life-kill')), retrySafe: false })).node.template_id);
      await client.close();
      const dir = at(first);
      const open = async () => JSON.parse((await runCli(['card', 'open', '--template-id', tpl, '--user-id', USER, '--level', 'VIP1', '--point', '1', '--balance', '1.00', '--json'], { cwd: dir })).stdout).card_info.biz_card_no as string;
      cardNo = await open();
      deleted = await open();
      expect((await runCli(['card', 'update', cardNo, '--point', '777', '--level', 'VIP2', '--json'], { cwd: dir })).code).toBe(0);
      expect((await runCli(['card', 'delete', deleted, '--reason', 'CANCEL', '--yes', '--json'], { cwd: dir })).code).toBe(0);
    } finally {
      first.process.kill('SIGKILL');
      await first.stop();
    }
    const second = await serveGateway([], state);
    try {
      const dir = at(second);
      const q = await runCli(['card', 'query', cardNo, '--json'], { cwd: dir });
      expect(JSON.parse(q.stdout).card_info).toMatchObject({ point: '777', level: 'VIP2' });
      expect((await runCli(['card', 'query', deleted, '--json'], { cwd: dir })).code).toBe(4);
      const views = await second.cards();
      expect(views.find((c) => c.biz_card_no === deleted)!.state).toMatchObject({ status: 'DELETED', reason_code: 'CANCEL' });
    } finally {
      expect(await second.stop()).toBe(0);
    }
  }, 60_000);

  it('the demo shows the whole life: open, update points, query, delete', async () => {
    const home = mkdtempSync(join(tmpdir(), 'alipay-card-life-demo-'));
    const demo = await runCli(['demo', '--json'], { env: { HOME: home } });
    expect(demo.code).toBe(0);
    const out = JSON.parse(demo.stdout);
    expect(out.life.update).toMatchObject({ code: '10000' });
    expect(out.life.query).toMatchObject({ code: '10000', card_info: { biz_card_no: out.card.card_info.biz_card_no, point: String(Number(out.card.card_info.point) + 100) } });
    expect(out.life.delete).toMatchObject({ code: '10000', biz_serial_no: expect.any(String) });
    const table = await runCli(['demo', '-o', 'table'], { env: { HOME: home } });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/updated: point \+100[\s\S]*Card looked up[\s\S]*Card deleted: USER_UNBUND/);
  }, 60_000);
});
