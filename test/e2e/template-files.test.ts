import { AlipaySdk } from 'alipay-sdk';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoTemplate } from '../../src/cli/commands/demo.js';
import { formatTimestamp } from '../../src/protocol/index.js';
import { projectWithConfig, runCli } from './cli.js';
import { png } from './images.js';
import { APP_ID, appPrivateKeyPem, serveGateway, type ServedGateway } from './serve.js';

let gw: ServedGateway;
let cwd: string;
/** One user's home for every run here: the image ids they uploaded are remembered in its state directory. */
const home = mkdtempSync(join(tmpdir(), 'alipay-card-home-'));
const run = (args: string[]) => runCli(args, { cwd, env: { HOME: home } });

const gwState = join(mkdtempSync(join(tmpdir(), 'alipay-card-gw-')), 'state.json');

beforeAll(async () => {
  gw = await serveGateway([], gwState);
  cwd = projectWithConfig({ profiles: { local: { appId: APP_ID, gateway: gw.url, privateKeyFile: 'app.pem', alipayPublicKey: gw.alipayPublicKey } } }, { 'app.pem': appPrivateKeyPem });
  writeFileSync(join(cwd, 'logo.png'), png(500, 500, [10, 120, 200]));
  writeFileSync(join(cwd, 'bg.png'), png(1020, 643, [240, 240, 250]));
  writeFileSync(join(cwd, 'tiny.png'), png(64, 64, [0, 0, 0]));
}, 30_000);

afterAll(async () => {
  await gw?.stop();
});

const templates = async () => (await (await fetch(`${gw.base}/_local/templates`)).json()) as Array<Record<string, any>>;

/** The demo's template as a file, without request_id, its images named by path. */
function programFile(name: string, edit: (t: Record<string, any>) => void = () => {}): string {
  const { request_id: _r, ...template } = demoTemplate('unused') as Record<string, any>;
  template.template_style_info = { ...template.template_style_info, logo_id: './logo.png', background_id: 'bg.png' };
  edit(template);
  writeFileSync(join(cwd, name), JSON.stringify(template, null, 2));
  return name;
}

describe('card programs as files: template create from a file, template query --out', () => {
  it('creates a template whose image paths are uploaded first (once per content), opens a card on it, and writes it back as a file that creates it again', async () => {
    const created = await run(['template', 'create', programFile('program.json'), '--json']);
    expect(created.code).toBe(0);
    const templateId = String(JSON.parse(created.stdout).template_id);
    expect(created.stderr).toMatch(/uploaded \.\/logo\.png: image_id \S{32}/);
    expect(created.stderr).toMatch(/uploaded bg\.png: image_id \S{32}/);
    const requestId = /request_id: (\S+) \(to retry safely: --request-id \1\)/.exec(created.stderr)![1]!;
    const stored = (await templates()).find((t) => t.template_id === templateId)!;
    expect(stored.request_id).toBe(requestId);
    const logoId = stored.template.template_style_info.logo_id as string;
    // The id the gateway stored is the uploaded image: its bytes are the file's.
    expect(Buffer.from(await (await fetch(`${gw.base}/_local/images/${logoId}`)).arrayBuffer())).toEqual(readFileSync(join(cwd, 'logo.png')));

    const card = await run(['card', 'open', '--template-id', templateId, '--user-id', '2088302463082075', '--level', 'VIP2', '--point', '1', '--balance', '1.00', '--yes', '--json']);
    expect(card.code).toBe(0);

    const out = await run(['template', 'query', templateId, '--out', 'current.json']);
    expect(out.code).toBe(0);
    // Not a terminal: JSON on stdout says what was written where, for a script.
    expect(JSON.parse(out.stdout)).toEqual({ template_id: templateId, out: join(cwd, 'current.json') });
    const file = JSON.parse(readFileSync(join(cwd, 'current.json'), 'utf8')) as Record<string, any>;
    expect(file.card_level_conf.map((l: { level: string }) => l.level)).toEqual(['VIP1', 'VIP2']);
    expect(file).not.toHaveProperty('card_level_confs');
    expect(file).not.toHaveProperty('code');
    expect(file.template_style_info.logo_id).toBe(logoId);
    expect((await run(['template', 'query', templateId, '--out', 'current.json'])).code).toBe(2);
    // --out - is stdout: the file's text and nothing else (no file named -), with --json too.
    for (const json of [[], ['--json']]) {
      const piped = await run(['template', 'query', templateId, '--out', '-', ...json]);
      expect([piped.code, piped.stdout, piped.stderr]).toEqual([0, readFileSync(join(cwd, 'current.json'), 'utf8'), '']);
    }
    expect(existsSync(join(cwd, '-'))).toBe(false);

    // The same file again is a new template (its own request_id), and nothing is uploaded again.
    const again = await run(['template', 'create', 'current.json', '--json']);
    expect(again.code).toBe(0);
    expect(again.stderr).not.toContain('uploaded');
    expect(JSON.parse(again.stdout).template_id).not.toBe(templateId);
    const programAgain = await run(['template', 'create', 'program.json', '--request-id', 'retry-1', '--json']);
    expect(programAgain.stderr).not.toContain('uploaded');
    // A retry with the printed request_id creates no second template.
    const retried = await run(['template', 'create', 'program.json', '--request-id', 'retry-1', '--json']);
    expect(JSON.parse(retried.stdout).template_id).toBe(JSON.parse(programAgain.stdout).template_id);
  });

  it('an image id that cannot be saved (the state directory unwritable) is a warning: the template is created with the image uploaded', async () => {
    writeFileSync(join(cwd, 'fresh.png'), png(500, 500, [1, 2, 3]));
    const notADir = join(mkdtempSync(join(tmpdir(), 'alipay-card-state-')), 'file');
    writeFileSync(notADir, '');
    const created = await runCli(['template', 'create', programFile('fresh.json', (t) => (t.template_style_info.logo_id = 'fresh.png')), '--json'], { cwd, env: { HOME: home, XDG_STATE_HOME: notADir } });
    expect(created.code).toBe(0);
    expect(created.stderr).toMatch(/uploaded fresh\.png: image_id \S{32}/);
    expect(created.stderr).toMatch(/warning: the image id could not be saved in \S+image-ids\.json \(.+\): the next template create or modify with this image uploads it again/);
    expect(created.stderr).not.toMatch(/internal error/);
    const stored = (await templates()).find((t) => t.template_id === String(JSON.parse(created.stdout).template_id))!;
    expect(Buffer.from(await (await fetch(`${gw.base}/_local/images/${stored.template.template_style_info.logo_id}`)).arrayBuffer())).toEqual(readFileSync(join(cwd, 'fresh.png')));
  });

  it('lists every problem of a file with its JSON path, exit 2, and sends nothing: not even its images', async () => {
    const before = (await templates()).length;
    const bad = programFile('bad.json', (t) => {
      t.template_style_info.card_show_name = '这个名字实在是太长了超过十个字';
      t.template_style_info.bg_color = 'blue';
      t.template_style_info.logo_id = 'tiny.png';
      t.template_style_info.background_id = './nowhere.jpg';
      t.write_off_type = 'laser';
      t.biz_no_suffix_len = '99';
      t.card_level_conf = [{ level: 'VIP1' }, { level: 'VIP1', level_show_name: 'x', level_icon: 'I', level_desc: 'x' }];
      t.column_info_list.push({ code: 'LEVEL' });
      t.field_rule_list.push({ field_name: 'Shoe', rule_name: 'CONST', rule_value: '1' });
      t.surprise = true;
    });
    const refused = await run(['template', 'create', bad]);
    expect(refused.code).toBe(2);
    for (const path of ['template_style_info.card_show_name', 'template_style_info.bg_color', 'template_style_info.logo_id', 'template_style_info.background_id', 'write_off_type',
      'biz_no_suffix_len', 'card_level_conf[0].level_show_name', 'card_level_conf[1].level', 'column_info_list[3].title', 'field_rule_list[4].field_name', 'surprise']) {
      expect(refused.stderr).toContain(`  ${path}`);
    }
    expect(refused.stderr).toContain('too small for a logo');
    expect(refused.stderr).toContain('nothing was sent');
    expect((await templates()).length).toBe(before);
  });

  it("Alipay's Node SDK (validateSign: true) creates a template with card_level_conf; the query's name card_level_confs is refused", async () => {
    const sdk = new AlipaySdk({ appId: APP_ID, privateKey: appPrivateKeyPem, alipayPublicKey: gw.alipayPublicKey, gateway: gw.url, signType: 'RSA2', camelcase: false });
    const exec = async (bizContent: Record<string, unknown>) =>
      (await sdk.exec('alipay.marketing.card.template.create', { bizContent, timestamp: formatTimestamp(new Date()) }, { validateSign: true })) as Record<string, any>;
    const created = await exec(demoTemplate('sdk-levels'));
    expect(created).toMatchObject({ code: '10000', template_id: expect.any(String) });
    const { card_level_conf: levels, ...rest } = demoTemplate('sdk-levels-2') as Record<string, unknown>;
    expect(await exec({ ...rest, card_level_confs: levels })).toMatchObject({ code: '40004', sub_code: 'INVALID_PARAMETER', sub_msg: expect.stringContaining('the levels are card_level_conf') });
    const shown = await run(['template', 'query', String(created.template_id), '--json']);
    expect(JSON.parse(shown.stdout).card_level_confs).toHaveLength(2);
  });

  it('template modify shows exactly what the edited file changes, refuses what Alipay does not allow, applies it, and says so when nothing changes', async () => {
    const created = JSON.parse((await run(['template', 'create', programFile('modify.json', (t) => (t.shop_ids = ['2015122900077000000002409504'])), '--json'])).stdout) as { template_id: string };
    const id = created.template_id;
    expect((await run(['template', 'query', id, '--out', 'current.json', '--force'])).code).toBe(0);
    const file = JSON.parse(readFileSync(join(cwd, 'current.json'), 'utf8')) as Record<string, any>;
    file.template_style_info.card_show_name = '新会员卡';
    file.template_style_info.background_id = './logo2.png';
    file.shop_ids.push('2015122900077000000002409505');
    writeFileSync(join(cwd, 'logo2.png'), png(1100, 700, [1, 2, 3]));
    writeFileSync(join(cwd, 'edited.json'), JSON.stringify(file, null, 2));

    const plan = await run(['template', 'modify', id, 'edited.json', '--dry-run', '--output', 'table']);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain(`Template ${id}: 3 changes`);
    expect(plan.stdout).toMatch(/template_style_info\.card_show_name +演示会员卡 → 新会员卡/);
    expect(plan.stdout).toMatch(/template_style_info\.background_id +\S+ → <upload \.\/logo2\.png>/);
    expect(plan.stdout).toMatch(/shop_ids +\["2015122900077000000002409504"\] → \["2015122900077000000002409504","2015122900077000000002409505"\]/);
    expect(plan.stderr).toContain('--dry-run: the template was looked up; nothing was changed');
    // Without a terminal, only with --yes.
    expect((await run(['template', 'modify', id, 'edited.json'])).code).toBe(2);

    const applied = await run(['template', 'modify', id, 'edited.json', '--yes', '--json']);
    expect(applied.code).toBe(0);
    const result = JSON.parse(applied.stdout) as { changes: Array<{ path: string; to: unknown }>; modified: boolean };
    expect([result.modified, result.changes.map((c) => c.path)]).toEqual([true, ['template_style_info.card_show_name', 'template_style_info.background_id', 'shop_ids']]);
    const now = JSON.parse((await run(['template', 'query', id, '--json'])).stdout) as Record<string, any>;
    // The uploaded image by the id it got (what the template now holds), not the placeholder the plan showed.
    const uploadedId = /uploaded \.\/logo2\.png: image_id (\S{32})/.exec(applied.stderr)![1];
    expect([result.changes[1]!.to, now.template_style_info.background_id]).toEqual([uploadedId, uploadedId]);
    expect(now.template_style_info.card_show_name).toBe('新会员卡');
    expect(now.shop_ids).toHaveLength(2);
    const again = await run(['template', 'modify', id, 'edited.json', '--yes', '--json']);
    expect([again.code, JSON.parse(again.stdout).modified, again.stderr]).toEqual([0, false, expect.stringContaining('no change')]);

    file.field_rule_list = [{ field_name: 'ValidDate', rule_name: 'DATE_IN_FUTURE', rule_value: '1y' }];
    file.shop_ids = ['2015122900077000000002409505'];
    writeFileSync(join(cwd, 'forbidden.json'), JSON.stringify(file, null, 2));
    const refused = await run(['template', 'modify', id, 'forbidden.json', '--yes']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/shop_ids: cannot remove shops from a template \(only add\): 2015122900077000000002409504/);
    expect(refused.stderr).toContain('field_rule_list: field rules cannot be modified');
  });

  it('an image whose upload fails is named with its JSON path, and the output says no template was created; --json says which call failed', async () => {
    const freshHome = mkdtempSync(join(tmpdir(), 'alipay-card-home-'));
    const runFresh = (args: string[]) => runCli(args, { cwd, env: { HOME: freshHome } });
    writeFileSync(join(cwd, 'bg-fail.png'), png(1020, 643, [7, 8, 9]));
    // The logo is uploaded (and kept) by a first create: the second uploads only the new background.
    expect((await runFresh(['template', 'create', programFile('fail-1.json'), '--json'])).code).toBe(0);
    const before = (await templates()).length;
    await gw.fault('system-error:next=1');
    try {
      const failed = await runFresh(['template', 'create', programFile('fail-2.json', (t) => (t.template_style_info.background_id = './bg-fail.png')), '--json', '--max-attempts', '1']);
      expect(failed.code).toBe(4);
      expect(failed.stderr).toContain('uploading ./bg-fail.png (template_style_info.background_id) failed: gateway answered 40004 Business Failed');
      expect(failed.stderr).toContain('; no template was created');
      const node = JSON.parse(failed.stdout) as Record<string, string>;
      expect([node.method, node.file, node.path, node.code, node.sub_code]).toEqual(['alipay.offline.material.image.upload', './bg-fail.png', 'template_style_info.background_id', '40004', 'SYSTEM_ERROR']);
      expect((await templates()).length).toBe(before);
    } finally {
      await gw.clearFaults();
    }
  });

  it('an image id remembered for a local gateway whose state was started again is uploaded again, not sent (it would be INVALID_PARAMETER)', async () => {
    const localHome = mkdtempSync(join(tmpdir(), 'alipay-card-home-'));
    const state = join(localHome, 'state');
    const runLocal = (args: string[]) => runCli([...args, '--gateway', 'local'], { cwd, env: { HOME: localHome, XDG_STATE_HOME: state } });
    const first = await runLocal(['template', 'create', programFile('local.json'), '--json']);
    expect([first.code, first.stderr]).toEqual([0, expect.stringContaining('uploaded ./logo.png')]);
    expect((await runLocal(['template', 'create', 'local.json', '--json'])).stderr).not.toContain('uploaded');
    // A fresh local gateway under the same name: the ids in image-ids.json are not its own.
    rmSync(join(state, 'alipay-card', 'in-process'), { recursive: true, force: true });
    const again = await runLocal(['template', 'create', 'local.json', '--json']);
    expect([again.code, again.stderr]).toEqual([0, expect.stringContaining('uploaded ./logo.png')]);
  });

  it("each template modify sends a request_id of its own, never the file's (its create's); --request-id retries one", async () => {
    const id = String(JSON.parse((await run(['template', 'create', programFile('rid.json', (t) => (t.request_id = 'xatest0001')), '--json'])).stdout).template_id);
    const requestIds: string[] = [];
    for (const name of ['一号卡', '二号卡']) {
      writeFileSync(join(cwd, 'rid.json'), JSON.stringify({ ...JSON.parse(readFileSync(join(cwd, 'rid.json'), 'utf8')), template_style_info: { card_show_name: name } }));
      const modified = await run(['template', 'modify', id, 'rid.json', '--yes', '--json']);
      expect([modified.code, JSON.parse(modified.stdout).modified]).toEqual([0, true]);
      requestIds.push(JSON.parse(modified.stdout).request_id);
      expect(modified.stderr).toContain(`request_id: ${requestIds.at(-1)!} (to retry safely: --request-id ${requestIds.at(-1)!})`);
      expect(JSON.parse((await run(['template', 'query', id, '--json'])).stdout).template_style_info.card_show_name).toBe(name);
    }
    expect(new Set([...requestIds, 'xatest0001']).size).toBe(3);
    // The first modify's request_id again with another change: the gateway takes it as that request's.
    writeFileSync(join(cwd, 'rid.json'), JSON.stringify({ template_style_info: { card_show_name: '三号卡' } }));
    const reused = await run(['template', 'modify', id, 'rid.json', '--yes', '--json', '--request-id', requestIds[0]!]);
    expect([reused.code, JSON.parse(reused.stdout).sub_code ?? JSON.parse(reused.stdout).code]).toEqual([4, 'REQUEST_ID_CONFLICT']);
  });

  it('template modify takes a file with only the members to change: laid over the template, null removing a member inside an object', async () => {
    const id = (JSON.parse((await run(['template', 'create', programFile('partial.json'), '--json'])).stdout) as { template_id: string }).template_id;
    const before = JSON.parse((await run(['template', 'query', id, '--json'])).stdout) as Record<string, any>;
    writeFileSync(join(cwd, 'write-off.json'), JSON.stringify({ write_off_type: 'barcode' }));
    const plan = await run(['template', 'modify', id, 'write-off.json', '--dry-run', '--json']);
    expect([plan.code, JSON.parse(plan.stdout).changes]).toEqual([0, [{ path: 'write_off_type', from: before.write_off_type, to: 'barcode' }]]);

    writeFileSync(join(cwd, 'style.json'), JSON.stringify({ template_style_info: { card_show_name: '新名字', slogan: null } }));
    const applied = await run(['template', 'modify', id, 'style.json', '--yes', '--json']);
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.stdout).changes).toEqual([
      { path: 'template_style_info.card_show_name', from: before.template_style_info.card_show_name, to: '新名字' },
      { path: 'template_style_info.slogan', from: before.template_style_info.slogan, to: null },
    ]);
    const after = JSON.parse((await run(['template', 'query', id, '--json'])).stdout) as Record<string, any>;
    const { slogan: _s, ...kept } = before.template_style_info as Record<string, unknown>;
    expect(after.template_style_info).toEqual({ ...kept, card_show_name: '新名字' });
    expect(after.column_info_list).toEqual(before.column_info_list);

    writeFileSync(join(cwd, 'remove.json'), JSON.stringify({ template_benefit_info: null }));
    const refused = await run(['template', 'modify', id, 'remove.json', '--yes']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('template_benefit_info: a modify cannot remove a member of the template');
  });

  it("Alipay's Node SDK (validateSign: true) modifies a template on gateway serve; field rules stay as they were; the change survives kill -9", async () => {
    const created = JSON.parse((await run(['template', 'create', programFile('sdk-modify.json'), '--json'])).stdout) as { template_id: string };
    const sdk = new AlipaySdk({ appId: APP_ID, privateKey: appPrivateKeyPem, alipayPublicKey: gw.alipayPublicKey, gateway: gw.url, signType: 'RSA2', camelcase: false });
    const modify = async (bizContent: Record<string, unknown>) =>
      (await sdk.exec('alipay.marketing.card.template.modify', { bizContent, timestamp: formatTimestamp(new Date()) }, { validateSign: true })) as Record<string, any>;
    // An image id this app never uploaded is INVALID_PARAMETER, as the create reference lists for wrong image ids.
    const madeUp = await modify({ request_id: 'sdk-m-0', template_id: created.template_id, template_style_info: { card_show_name: 'SDK改名', logo_id: 'L1', background_id: 'B1', bg_color: 'rgb(1,2,3)' } });
    expect(madeUp).toMatchObject({ code: '40004', sub_code: 'INVALID_PARAMETER' });
    expect(madeUp.sub_msg).toContain('template_style_info.logo_id');
    expect(madeUp.sub_msg).toContain('template_style_info.background_id');
    const style = { card_show_name: 'SDK改名', logo_id: '1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC', background_id: '1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC', bg_color: 'rgb(1,2,3)' };
    const answer = await modify({ request_id: 'sdk-m-1', template_id: created.template_id, template_style_info: style, field_rule_list: [{ field_name: 'ValidDate', rule_name: 'DATE_IN_FUTURE', rule_value: '1y' }] });
    expect(answer).toMatchObject({ code: '10000', template_id: created.template_id });
    expect(await modify({ request_id: 'sdk-m-2', template_id: 'nope', template_style_info: style })).toMatchObject({ code: '40004', sub_code: 'TEMPLATE_NOT_EXIT' });
    const queried = JSON.parse((await run(['template', 'query', created.template_id, '--json'])).stdout) as Record<string, any>;
    expect(queried.template_style_info).toEqual(style);
    expect(queried.field_rule_list).toEqual((demoTemplate('x') as Record<string, unknown>).field_rule_list);

    gw.process.kill('SIGKILL');
    await new Promise((resolve) => gw.process.once('exit', resolve));
    gw = await serveGateway([], gwState);
    // The restarted gateway has another port: a project configured for it, with the same images.
    const images = ['logo.png', 'bg.png', 'tiny.png'].map((f) => [f, readFileSync(join(cwd, f))] as const);
    cwd = projectWithConfig({ profiles: { local: { appId: APP_ID, gateway: gw.url, privateKeyFile: 'app.pem', alipayPublicKey: gw.alipayPublicKey } } }, { 'app.pem': appPrivateKeyPem });
    for (const [f, bytes] of images) writeFileSync(join(cwd, f), bytes);
    const after = JSON.parse((await run(['template', 'query', created.template_id, '--json'])).stdout) as Record<string, any>;
    expect(after.template_style_info.card_show_name).toBe('SDK改名');
  });

  it('template query --out and template preview --out that cannot be written are exit 2 naming the file, before the call where that can be known; --force replaces a file whole', async () => {
    const id = (JSON.parse((await run(['template', 'create', programFile('outs.json'), '--json'])).stdout) as { template_id: string }).template_id;
    for (const [args, message] of [
      [['template', 'query', id, '--out', 'nodir/x.json'], `error: --out nodir/x.json: the directory ${join(cwd, 'nodir')} does not exist`],
      [['template', 'query', id, '--out', '.', '--force'], 'error: --out . is a directory: name a file'],
      [['template', 'query', id, '--out', 'outs.json/x.json'], `error: --out outs.json/x.json: ${join(cwd, 'outs.json')} is not a directory`],
      [['template', 'preview', id, '--out', 'nodir/x.html'], `error: --out nodir/x.html: the directory ${join(cwd, 'nodir')} does not exist`],
      [['template', 'query', id, '--out', 'outs.json'], 'error: --out outs.json exists'],
    ] as const) {
      // --verbose shows each request: none was sent.
      const r = await run(['--verbose', ...args]);
      expect([args.join(' '), r.code, r.stdout, r.stderr]).toEqual([args.join(' '), 2, '', expect.stringContaining(message)]);
      expect(r.stderr).not.toMatch(/internal error|→ POST/);
    }
    if (existsSync('/dev/full')) {
      const full = await run(['template', 'query', id, '--out', '/dev/full', '--force']);
      expect([full.code, full.stderr]).toEqual([2, expect.stringContaining('error: --out /dev/full: cannot write it: no space left on the device (ENOSPC)')]);
    }
    writeFileSync(join(cwd, 'kept.json'), 'x'.repeat(100_000));
    expect((await run(['template', 'query', id, '--out', 'kept.json', '--force'])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(cwd, 'kept.json'), 'utf8')).template_style_info.card_show_name).toBe('演示会员卡');
    expect(readdirSync(cwd).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('template preview draws the card from a template on the gateway (its uploaded pictures embedded) or from a file; other ids are placeholders', async () => {
    const created = JSON.parse((await run(['template', 'create', programFile('preview.json'), '--json'])).stdout) as { template_id: string };
    const byId = await run(['template', 'preview', created.template_id, '--out', 'card.html']);
    expect(byId.code).toBe(0);
    // Not a terminal: JSON, as --json; the demo's level icon (one id for both levels) is not on this gateway.
    expect(JSON.parse(byId.stdout)).toEqual({ out: join(cwd, 'card.html'), source: created.template_id, pictures_drawn: 2, placeholders: 1 });
    expect((await run(['template', 'preview', created.template_id, '--out', 'card.html', '--force', '--output', 'table'])).stdout).toBe(`${join(cwd, 'card.html')}\n`);
    const html = readFileSync(join(cwd, 'card.html'), 'utf8');
    expect(html).toContain(`data:image/png;base64,${readFileSync(join(cwd, 'logo.png')).toString('base64')}`);
    expect(html).toContain(`data:image/png;base64,${readFileSync(join(cwd, 'bg.png')).toString('base64')}`);
    expect(html).toContain('演示会员卡');
    // The demo's level icons are ids this gateway never stored: placeholders naming them.
    expect(html).toContain('title="1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC"');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3)/);
    expect(html).toContain(`<title>template ${created.template_id}</title>`);
    expect(html).toContain('a preview drawn by alipay-card; the wallet');
    // The title and footer are in the language of the run, as everything a person reads.
    expect((await run(['--lang', 'zh-CN', 'template', 'preview', created.template_id, '--out', 'card-zh.html', '--force'])).code).toBe(0);
    const zh = readFileSync(join(cwd, 'card-zh.html'), 'utf8');
    expect(zh).toContain(`<title>模板 ${created.template_id}</title>`);
    expect(zh).toContain('alipay-card 绘制的预览，支付宝钱包中的实际样式可能不同');

    programFile('escape.json', (t) => (t.template_style_info.card_show_name = '<b>&'));
    expect((await run(['template', 'preview', 'escape.json'])).code).toBe(0);
    expect(readFileSync(join(cwd, 'escape.html'), 'utf8')).toContain('&lt;b&gt;&amp;');
    expect(readFileSync(join(cwd, 'escape.html'), 'utf8')).toContain('<title>escape.json (a template file)</title>');
    expect((await run(['template', 'preview', 'escape.json'])).code).toBe(2);
    expect((await run(['template', 'preview', created.template_id, '--out', 'card.png'])).stderr).toContain('a PNG is not drawn');
  });
});
