import stringWidth from 'string-width';
import { boxWrap, fitHelpText } from '../../../src/render/help-text.js';
import { lineJoint, linePieces } from '../../../src/render/wrap.js';

const widest = (text: string) => Math.max(...text.split('\n').map((line) => stringWidth(line)));

describe('fitHelpText', () => {
  it('wraps English prose at spaces, joining the lines of a paragraph', () => {
    expect(fitHelpText('one two three\nfour five six', 9)).toBe('one two\nthree\nfour five\nsix');
  });

  it('breaks Chinese between characters, each two columns wide', () => {
    const out = fitHelpText('每个字段都会在发送前检查；然后查询模板。', 20);
    expect(out).toBe('每个字段都会在发送前\n检查；然后查询模板。');
    expect(widest(out)).toBeLessThanOrEqual(20);
  });

  it('never starts a line with a closing mark nor ends one with an opening bracket', () => {
    // 10 columns: '一二三四五' fills a line, but the '，' after it may not begin the next.
    expect(fitHelpText('一二三四五，六七', 10)).toBe('一二三四\n五，六七');
    expect(fitHelpText('一二三四（五六）', 10)).toBe('一二三四\n（五六）');
  });

  it('keeps code-like words whole in Chinese, breaking at their spaces', () => {
    const out = fitHelpText('使用 --out-serial-no 重试只会删除一次会员卡', 24);
    expect(out).toBe('使用 --out-serial-no 重\n试只会删除一次会员卡');
    expect(widest(out)).toBeLessThanOrEqual(24);
  });

  it('joins the lines of a Chinese paragraph without a space, and Chinese beside a word with one', () => {
    expect(fitHelpText('第一行\n第二行', 80)).toBe('第一行第二行');
    expect(fitHelpText('第一行，\n--json 输出', 80)).toBe('第一行，--json 输出');
    expect(fitHelpText('使用\n--json 输出', 80)).toBe('使用 --json 输出');
  });

  it('takes a full-width colon as ending a heading, and wraps an indented Chinese row under its text', () => {
    const text = '示例：\n  2    用法或输入错误：选项有误、字段无效、没有终端时缺少输入';
    expect(fitHelpText(text, 30)).toBe('示例：\n  2    用法或输入错误：选项有\n       误、字段无效、没有终端\n       时缺少输入');
  });

  it('leaves a command example whole', () => {
    const text = '示例：\n  $ alipay-card card open --member-name 张三 --front-text 专业=金融 --dry-run';
    expect(fitHelpText(text, 40)).toBe(text);
  });
});

describe('boxWrap (commander descriptions)', () => {
  it('wraps English exactly as commander does: at spaces, whitespace kept before a chunk', () => {
    expect(boxWrap('the whole biz_content as JSON (--set and the field flags override it)', 30)).toBe(
      'the whole biz_content as JSON\n(--set and the field flags\noverride it)');
    expect(boxWrap('a\n  b c', 3)).toBe('a\n  b\nc');
  });

  it('wraps Chinese between characters by their width', () => {
    const out = boxWrap('card_template_id：会员卡模板 ID（创建模板时返回的 template_id）', 24);
    expect(out).toBe('card_template_id：会员卡\n模板 ID（创建模板时返回\n的 template_id）');
    expect(widest(out)).toBeLessThanOrEqual(24);
  });
});

describe('linePieces', () => {
  it('is the words between spaces for text without CJK', () => {
    expect(linePieces(' a  bc d')).toEqual([{ space: ' ', word: 'a' }, { space: '  ', word: 'bc' }, { space: ' ', word: 'd' }]);
  });

  it('breaks between CJK characters, keeping closing marks with what they close', () => {
    expect(linePieces('会员卡（VIP）。').map((p) => p.word)).toEqual(['会', '员', '卡', '（VIP）。']);
  });

  it('joins lines of a paragraph', () => {
    expect(lineJoint('abc', 'def')).toBe(' ');
    expect(lineJoint('中文', '中文')).toBe('');
    expect(lineJoint('中文', 'abc')).toBe(' ');
    expect(lineJoint('中文。', 'abc')).toBe('');
  });
});
