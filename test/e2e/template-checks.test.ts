import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectWithConfig, runCli } from './cli.js';
import { APP_ID, appPrivateKeyPem, serveGateway, type ServedGateway } from './serve.js';

// The checks of a template file, end to end: the real binary against `gateway serve`, the gateway's
// own templates looked at to see that nothing was sent when a file is refused.
let gw: ServedGateway;
let cwd: string;
let gbkCwd: string;
const home = mkdtempSync(join(tmpdir(), 'alipay-card-home-'));
const run = (args: string[], dir = cwd) => runCli(args, { cwd: dir, env: { HOME: home } });
const templates = async () => (await (await fetch(`${gw.base}/_local/templates`)).json()) as Array<Record<string, any>>;

/** The image id of the references' examples, which every local gateway takes (SAMPLE_IMAGE_IDS). */
const SAMPLE_IMAGE = '1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC';

/** The tester's program. */
const PROGRAM = {
  card_type: 'OUT_MEMBER_CARD', biz_no_prefix: 'QA', biz_no_suffix_len: '10', write_off_type: 'qrcode',
  template_style_info: { card_show_name: '测试卡', logo_id: SAMPLE_IMAGE, background_id: SAMPLE_IMAGE, bg_color: 'rgb(55,112,179)' },
  column_info_list: [{ code: 'POINT', title: '积分' }],
  field_rule_list: [{ field_name: 'ValidDate', rule_name: 'DATE_IN_FUTURE', rule_value: '24m' }],
};

beforeAll(async () => {
  gw = await serveGateway([], join(mkdtempSync(join(tmpdir(), 'alipay-card-gw-')), 'state.json'));
  const profile = { appId: APP_ID, gateway: gw.url, privateKeyFile: 'app.pem', alipayPublicKey: gw.alipayPublicKey };
  cwd = projectWithConfig({ profiles: { local: profile } }, { 'app.pem': appPrivateKeyPem });
  gbkCwd = projectWithConfig({ profiles: { local: { ...profile, charset: 'gbk' } } }, { 'app.pem': appPrivateKeyPem });
}, 30_000);

afterAll(async () => {
  await gw?.stop();
});

describe('template files: what they are read as, and what is refused before anything is sent', () => {
  it('a GBK file creates the template with its Chinese for a gbk profile, and is exit 2 at the byte for a UTF-8 one', async () => {
    // 测试卡 is B2E2 CAD4 BFA8 in GBK, 积分 BBFD B7D6 (Python's gbk codec).
    const [head, rest] = JSON.stringify(PROGRAM).split('测试卡') as [string, string];
    const [middle, tail] = rest.split('积分') as [string, string];
    const bytes = Buffer.concat([Buffer.from(head), Buffer.from('b2e2cad4bfa8', 'hex'), Buffer.from(middle), Buffer.from('bbfdb7d6', 'hex'), Buffer.from(tail)]);
    writeFileSync(join(cwd, 'gbk.json'), bytes);
    writeFileSync(join(gbkCwd, 'gbk.json'), bytes);
    const before = (await templates()).length;
    const refused = await run(['template', 'create', 'gbk.json']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`gbk.json: not UTF-8 text (byte 0xB2 at offset ${bytes.indexOf(0xb2)})`);
    expect((await templates()).length).toBe(before);

    const created = await run(['template', 'create', 'gbk.json', '--json'], gbkCwd);
    expect(created.code).toBe(0);
    const stored = (await templates()).find((t) => t.template_id === JSON.parse(created.stdout).template_id)!;
    expect(stored.template.template_style_info.card_show_name).toBe('测试卡');
    expect(stored.template.column_info_list[0].title).toBe('积分');

    // template modify reads a GBK file the same way: its Chinese as it was, not U+FFFD.
    const modifyGbk = Buffer.concat([Buffer.from('{"template_style_info":{"card_show_name":"'), Buffer.from('b2e2cad4bfa8', 'hex'), Buffer.from('2"}}')]);
    writeFileSync(join(gbkCwd, 'modify-gbk.json'), modifyGbk);
    const modified = await run(['template', 'modify', stored.template_id, 'modify-gbk.json', '--yes', '--json'], gbkCwd);
    expect(modified.code).toBe(0);
    expect((await templates()).find((t) => t.template_id === stored.template_id)!.template.template_style_info.card_show_name).toBe('测试卡2');
  });

  it("the create reference's members beyond the query reference's are created, and kept as sent", async () => {
    const file = {
      ...PROGRAM, spi_app_id: '2014072300007148', access_version: 'basic',
      template_form_config: { fields: { required: ['OPEN_FORM_FIELD_MOBILE'] } },
      card_action_list: [{ code: 'M', text: '小程序', url_type: 'miniAppUrl', mini_app_url: { mini_app_id: '2021000000000001' } }],
      open_card_conf: { open_card_source_type: 'MER', source_app_id: APP_ID, open_card_url: 'https://m.example.com/open', card_rights: [{ title: '开卡礼', logo_id: SAMPLE_IMAGE }] },
    };
    writeFileSync(join(cwd, 'c.json'), JSON.stringify(file));
    const created = await run(['template', 'create', 'c.json', '--json']);
    expect(created.code).toBe(0);
    const stored = (await templates()).find((t) => t.template_id === JSON.parse(created.stdout).template_id)!;
    expect(stored.template).toMatchObject({ spi_app_id: '2014072300007148', access_version: 'basic', template_form_config: file.template_form_config, card_action_list: file.card_action_list });
    expect(stored.template.open_card_conf.card_rights[0].logo_id).toBe(SAMPLE_IMAGE);
  });

  it('an openWeb column with more_info.url and no params, as in the create reference\'s own sample, is sent', async () => {
    writeFileSync(join(cwd, 'w.json'), JSON.stringify({ ...PROGRAM, column_info_list: [{ code: 'W', title: '官网', operate_type: 'openWeb', more_info: { url: 'https://www.alipay.com' } }] }));
    const dry = await run(['template', 'create', 'w.json', '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(JSON.parse(dry.stdout).params.biz_content).column_info_list[0].more_info).toEqual({ url: 'https://www.alipay.com' });
  });

  it('numbers for String members are sent as strings (not for an image id); a Boolean given as "true" is exit 2 and nothing is sent', async () => {
    const style = PROGRAM.template_style_info;
    writeFileSync(join(cwd, 'num.json'), JSON.stringify({ ...PROGRAM, column_info_list: [{ code: 'POINT', title: 5 }] }));
    const created = await run(['template', 'create', 'num.json', '--json']);
    expect(created.code).toBe(0);
    const stored = (await templates()).find((t) => t.template_id === JSON.parse(created.stdout).template_id)!;
    expect(stored.template.column_info_list[0].title).toBe('5');
    writeFileSync(join(cwd, 'num-logo.json'), JSON.stringify({ ...PROGRAM, template_style_info: { ...style, logo_id: 123 } }));
    const numberLogo = await run(['template', 'create', 'num-logo.json', '--json']);
    expect([numberLogo.code, numberLogo.stdout]).toEqual([2, '']);
    expect(numberLogo.stderr).toContain('template_style_info.logo_id: must be a string: an image id');

    writeFileSync(join(cwd, 'bool.json'), JSON.stringify({ ...PROGRAM, template_style_info: { ...style, front_text_list_enable: 'true' } }));
    const before = (await templates()).length;
    const refused = await run(['template', 'create', 'bool.json']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('template_style_info.front_text_list_enable: must be a JSON boolean');
    expect((await templates()).length).toBe(before);
  });

  it('a pub_channel the reference does not list is exit 2 naming it and the valid ones', async () => {
    writeFileSync(join(cwd, 'ch.json'), JSON.stringify({ ...PROGRAM, pub_channels: [{ pub_channel: 'NOWHERE' }] }));
    const refused = await run(['template', 'create', 'ch.json', '--dry-run']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('pub_channels[0].pub_channel: must be one of SHOP_DETAIL, PAYMENT_RESULT');
  });

  it('template modify, query and preview with an id past 32 characters are exit 2 before the template is looked up (not INVALID_PARAMETER from the gateway)', async () => {
    writeFileSync(join(cwd, 'p.json'), JSON.stringify(PROGRAM));
    const id = String(JSON.parse((await run(['template', 'create', 'p.json', '--json'])).stdout).template_id);
    writeFileSync(join(cwd, 'wo.json'), JSON.stringify({ template_style_info: { ...PROGRAM.template_style_info, card_show_name: '新卡' } }));
    for (const args of [['template', 'modify', `${id}9`, 'wo.json', '--yes'], ['template', 'query', `${id}9`], ['template', 'preview', `${id}9`, '--out', 'p.html']]) {
      const r = await run(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('template_id: must be at most 32 characters (it has 33)');
      expect(r.stderr).not.toContain('INVALID_PARAMETER');
    }
    expect((await run(['template', 'modify', id, 'wo.json', '--yes'])).code).toBe(0);
  });
});
