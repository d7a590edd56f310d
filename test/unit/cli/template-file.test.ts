import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess } from './harness.js';

// GBK bytes from Python's gbk codec: 测试卡 B2E2 CAD4 BFA8, 积分 BBFD B7D6.
const hex = (h: string) => Buffer.from(h.replace(/ /g, ''), 'hex');
const CARD_NAME_GBK = hex('b2e2 cad4 bfa8');
const POINTS_GBK = hex('bbfd b7d6');

/** The program of the tester's report, its Chinese text as `encode` writes it. */
function program(encode: (text: string) => Buffer): Buffer {
  const parts = [
    '{"card_type":"OUT_MEMBER_CARD","biz_no_prefix":"QA","biz_no_suffix_len":"10","write_off_type":"qrcode",',
    '"template_style_info":{"card_show_name":"', encode('测试卡'), '","logo_id":"L","background_id":"B","bg_color":"rgb(55,112,179)"},',
    '"column_info_list":[{"code":"POINT","title":"', encode('积分'), '"}],',
    '"field_rule_list":[{"field_name":"ValidDate","rule_name":"DATE_IN_FUTURE","rule_value":"24m"}]}\n',
  ];
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
}
const gbk = (text: string) => (text === '测试卡' ? CARD_NAME_GBK : POINTS_GBK);
const utf8 = (text: string) => Buffer.from(text);

function fileIn(name: string, bytes: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'alipay-card-tplfile-'));
  writeFileSync(join(dir, name), bytes);
  return dir;
}

async function dryRunBiz(cwd: string, file: string, env: Record<string, string> = {}) {
  const r = await runInProcess(['template', 'create', file, '--dry-run', '--json'], { cwd, env });
  return { ...r, biz: r.code === 0 ? (JSON.parse(JSON.parse(r.stdout).params.biz_content) as Record<string, any>) : undefined };
}

describe('template create reads its file as sign --biz does: UTF-8, else the profile charset, else exit 2 at the byte', () => {
  it('a GBK file for a UTF-8 profile is exit 2 naming the file and the offset of the first byte that is not UTF-8; nothing sent', async () => {
    const cwd = fileIn('gbk.json', program(gbk));
    const r = await dryRunBiz(cwd, 'gbk.json');
    expect(r.code).toBe(2);
    const offset = program(gbk).indexOf(CARD_NAME_GBK);
    expect(r.stderr).toContain(`gbk.json: not UTF-8 text (byte 0xB2 at offset ${offset})`);
    expect(r.stderr).toMatch(/charset gbk/);
    expect(r.stdout).toBe('');
  });

  it('a GBK file for a gbk profile is read as GBK: the Chinese sent as written, no U+FFFD', async () => {
    const cwd = fileIn('gbk.json', program(gbk));
    const r = await dryRunBiz(cwd, 'gbk.json', { ALIPAY_CHARSET: 'gbk' });
    expect(r.code).toBe(0);
    expect(r.biz!.template_style_info.card_show_name).toBe('测试卡');
    expect(r.biz!.column_info_list[0].title).toBe('积分');
  });

  it('UTF-8, with or without a BOM, for either profile', async () => {
    const bom = Buffer.concat([hex('efbbbf'), program(utf8)]);
    for (const [bytes, env] of [[program(utf8), {}], [bom, {}], [bom, { ALIPAY_CHARSET: 'gbk' }], [program(utf8), { ALIPAY_CHARSET: 'gbk' }]] as const) {
      const r = await dryRunBiz(fileIn('p.json', bytes), 'p.json', env);
      expect(r.code).toBe(0);
      expect(r.biz!.template_style_info.card_show_name).toBe('测试卡');
    }
  });

  it('bytes neither UTF-8 nor GBK for a gbk profile: exit 2 naming both and the offset', async () => {
    const bytes = Buffer.concat([Buffer.from('{"a":"'), hex('ff ff'), Buffer.from('"}')]);
    const r = await dryRunBiz(fileIn('bad.json', bytes), 'bad.json', { ALIPAY_CHARSET: 'gbk' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.json: not UTF-8 or GBK text (byte 0xFF at offset 6)');
  });

  it('template modify with a GBK file (UTF-8 profile) is exit 2 at the byte before the template is looked up', async () => {
    const cwd = fileIn('gbk.json', program(gbk));
    const r = await runInProcess(['template', 'modify', '20170308000000000058101000300045', 'gbk.json', '--yes'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('gbk.json: not UTF-8 text (byte 0xB2');
  });
});

describe('a key given twice in a template file is exit 2 naming the key and its JSON path, as sign --biz refuses it', () => {
  it.each([
    ['{"card_type":"OUT_MEMBER_CARD","card_type":"X"}', '"card_type" appears twice at card_type'],
    ['{"template_style_info":{"logo_id":"L","bg_color":"x","logo_id":"M"}}', '"logo_id" appears twice at template_style_info.logo_id'],
    ['{"column_info_list":[{"code":"A"},{"code":"B","title":"t","title":"u"}]}', '"title" appears twice at column_info_list[1].title'],
  ])('%s', async (json, said) => {
    const r = await dryRunBiz(fileIn('twice.json', Buffer.from(json)), 'twice.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`twice.json: key ${said}`);
    expect(r.stdout).toBe('');
  });

  it('the same key in two objects is no repeat', async () => {
    const r = await dryRunBiz(fileIn('p.json', Buffer.from(program(utf8).toString().replace('"POINT","title":"积分"}', '"POINT","title":"积分"},{"code":"W","title":"积分"}'))), 'p.json');
    expect(r.code).toBe(0);
  });

  it('in Chinese too', async () => {
    const r = await runInProcess(['template', 'create', 'twice.json', '--dry-run'], { cwd: fileIn('twice.json', Buffer.from('{"a":{"b":1,"b":2}}')), env: { LANG: 'zh_CN.UTF-8' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('twice.json：键 "b" 在 a.b 处出现了两次');
  });
});

describe('a template file\'s JSON numbers for String members are sent as strings; Booleans must be JSON booleans', () => {
  const edited = (edit: (biz: Record<string, any>) => void) => {
    const biz = JSON.parse(program(utf8).toString()) as Record<string, any>;
    edit(biz);
    return Buffer.from(JSON.stringify(biz));
  };

  it('a title 5 is sent as "5", as card open sends a number for a String', async () => {
    const r = await dryRunBiz(fileIn('num.json', edited((b) => { b.column_info_list[0].title = 5; })), 'num.json');
    expect(r.code).toBe(0);
    expect(r.biz!.column_info_list[0].title).toBe('5');
  });

  it('an image id is a string: "logo_id": 1.5 is exit 2 naming it, not sent as "1.5"; nor a blank one', async () => {
    const r = await dryRunBiz(fileIn('num.json', edited((b) => { b.template_style_info.logo_id = 1.5; b.template_style_info.background_id = '   '; })), 'num.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('template_style_info.logo_id: must be a string: an image id');
    expect(r.stderr).toContain('template_style_info.background_id: is blank');
    expect(r.stdout).toBe('');
  });

  it('front_text_list_enable "true" is exit 2 naming it; nothing sent', async () => {
    const r = await dryRunBiz(fileIn('b.json', edited((b) => (b.template_style_info.front_text_list_enable = 'true'))), 'b.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('template_style_info.front_text_list_enable: must be a JSON boolean: true without quotes');
    expect(r.stdout).toBe('');
  });
});

describe('a template id past the references\' 32 characters is exit 2 before anything is sent', () => {
  it.each([['modify'], ['query']])('template %s', async (command) => {
    const cwd = fileIn('wo.json', Buffer.from('{"template_style_info":{"card_show_name":"新卡","logo_id":"L","background_id":"B","bg_color":"rgb(55,112,179)"}}'));
    const id = '2'.repeat(33);
    const r = await runInProcess(command === 'modify' ? ['template', 'modify', id, 'wo.json', '--yes'] : ['template', 'query', id], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nothing was sent');
    expect(r.stderr).toContain('template_id: must be at most 32 characters (it has 33)');
    // Refused before the profile is read: no gateway banner.
    expect(r.stderr).not.toContain('local gateway');
  });
});

describe('an image path the tool did not recognise is never sent as an image id', () => {
  const withImages = (style: Record<string, string>) => {
    const biz = JSON.parse(program(utf8).toString()) as Record<string, any>;
    Object.assign(biz.template_style_info, style);
    return Buffer.from(JSON.stringify(biz));
  };

  it('a file with a name of its own (logos/brand logo.webp) is read as the image: a WebP is exit 2 naming the JSON path; nothing sent', async () => {
    const cwd = fileIn('p.json', withImages({ logo_id: 'logos/brand logo.webp' }));
    mkdirSync(join(cwd, 'logos'));
    writeFileSync(join(cwd, 'logos', 'brand logo.webp'), Buffer.concat([Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 ', 'latin1'), Buffer.alloc(32)]));
    for (const args of [['template', 'create', 'p.json', '--dry-run'], ['template', 'modify', '20170308000000000058101000300045', 'p.json', '--yes', '--json']]) {
      const r = await runInProcess(args, { cwd });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/template_style_info\.logo_id.*logos\/brand logo\.webp/);
      expect(r.stdout).toBe('');
    }
  });

  it.each([['assets/logo'], ['logo.webp'], ['logo.png ']])('%j, no such file: exit 2 naming the JSON path and that there is no such file', async (value) => {
    const cwd = fileIn('p.json', withImages({ background_id: value }));
    for (const args of [['template', 'create', 'p.json', '--dry-run'], ['template', 'modify', '20170308000000000058101000300045', 'p.json', '--yes', '--json']]) {
      const r = await runInProcess(args, { cwd });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`template_style_info.background_id`);
      expect(r.stderr).toContain(`nor an image file: no such file ${JSON.stringify(join(cwd, value))}`);
      if (value.endsWith(' ')) expect(r.stderr).toContain('(the value starts or ends with a space)');
      expect(r.stdout).toBe('');
    }
  });

  it('in Chinese too', async () => {
    const r = await runInProcess(['template', 'create', 'p.json', '--dry-run'], { cwd: fileIn('p.json', withImages({ logo_id: 'assets/logo' })), env: { LANG: 'zh_CN.UTF-8' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('也不是图片文件');
  });
});

describe('a template file in another encoding is named as such, and template preview reads it as template create does', () => {
  it('a UTF-16 file (Notepad\'s "Unicode", BOM FF FE) is exit 2 saying so and how to save it as UTF-8, not "byte 0xFF at offset 0"', async () => {
    const utf16 = Buffer.concat([hex('fffe'), Buffer.from(program(utf8).toString(), 'utf16le')]);
    for (const env of [{}, { ALIPAY_CHARSET: 'gbk' }] as Array<Record<string, string>>) {
      const r = await dryRunBiz(fileIn('u16.json', utf16), 'u16.json', env);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('u16.json is UTF-16 text (what Notepad calls "Unicode"), not UTF-8');
      expect(r.stderr).toContain('in Notepad, File > Save As, Encoding: UTF-8');
      expect(r.stderr).not.toContain('0xFF');
    }
    const zh = await runInProcess(['template', 'create', 'u16.json', '--dry-run'], { cwd: fileIn('u16.json', utf16), env: { LANG: 'zh_CN.UTF-8' } });
    expect(zh.stderr).toContain('是 UTF-16 文本');
  });

  it('template preview of a GBK file for a gbk profile draws it (the hint for a UTF-8 profile says charset gbk, and now that is true)', async () => {
    const cwd = fileIn('gbk.json', program(gbk));
    const refused = await runInProcess(['template', 'preview', 'gbk.json', '--gateway', 'local'], { cwd });
    expect([refused.code, refused.stderr]).toEqual([2, expect.stringContaining('charset gbk')]);
    const drawn = await runInProcess(['template', 'preview', 'gbk.json', '--gateway', 'local'], { cwd, env: { ALIPAY_CHARSET: 'gbk' } });
    expect(drawn.code).toBe(0);
    expect(readFileSync(join(cwd, 'gbk.html'), 'utf8')).toContain('测试卡');
  });
});

describe('an image path in a template file that names a directory', () => {
  it('is exit 2 saying "it is a directory", as image upload says it, not Node\'s EISDIR message', async () => {
    const cwd = fileIn('card.json', Buffer.from(program((text) => Buffer.from(text)).toString().replace('"logo_id":"L"', '"logo_id":"./images"')));
    mkdirSync(join(cwd, 'images'));
    const r = await dryRunBiz(cwd, 'card.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('names an image file that cannot be read (it is a directory)');
    expect(r.stderr).not.toContain('EISDIR');
    const upload = await runInProcess(['image', 'upload', 'images'], { cwd });
    expect(upload.stderr).toContain('cannot read images: it is a directory');
  });
});
