import { AlipaySdk } from 'alipay-sdk';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

beforeAll(async () => {
  gw = await serveGateway();
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
    const file = JSON.parse(readFileSync(join(cwd, 'current.json'), 'utf8')) as Record<string, any>;
    expect(file.card_level_conf.map((l: { level: string }) => l.level)).toEqual(['VIP1', 'VIP2']);
    expect(file).not.toHaveProperty('card_level_confs');
    expect(file).not.toHaveProperty('code');
    expect(file.template_style_info.logo_id).toBe(logoId);
    expect((await run(['template', 'query', templateId, '--out', 'current.json'])).code).toBe(2);

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
});
