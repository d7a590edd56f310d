import stringWidth from 'string-width';
import { textWidth } from '../../../src/render/wrap.js';

// textWidth is string-width, faster for the text help is made of: it must never count otherwise.
describe('textWidth counts as string-width does', () => {
  it.each([
    '', 'plain ASCII', '会员卡模板 ID（创建模板时返回的 template_id）', '用法：', '「引号」…—“”',
    'café', 'e\u0301', 'ｆｕｌｌ　ｗｉｄｔｈ', '한국어', 'かな カナ', '\u001b[31mred\u001b[39m 红', '👍 ok', '👨‍👩‍👧', '表\t格', '¥100', '①②', '‐–—―‖‗‘’‚‛“”„‟†‡•‣․‥…‧',
  ])('%j', (text) => {
    expect(textWidth(text)).toBe(stringWidth(text));
  });
});
