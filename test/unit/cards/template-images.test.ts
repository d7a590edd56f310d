import { IMAGE_ID, imageIds, localImageReferences, replaceAt } from '../../../src/cards/template-images.js';

const request = {
  template_style_info: { logo_id: './logo.png', background_id: 'BG0000000000000000000000000000001', slogan_img_id: '', banner_img_id: 'BANNER' },
  column_info_list: [{ code: 'POINT', icon_id: 'ICON1' }, { code: 'LEVEL' }, { code: 'X', icon_id: 'img/icon.jpg' }],
  card_level_conf: [{ level: 'VIP1', level_icon: 'ICON1' }, { level: 'VIP2', level_icon: '../lv2.gif' }],
};

describe('template images', () => {
  it('finds the members that name local files, with their paths and purposes', () => {
    expect(localImageReferences(request)).toEqual([
      { path: 'template_style_info.logo_id', file: './logo.png', purpose: 'logo' },
      { path: 'column_info_list[2].icon_id', file: 'img/icon.jpg', purpose: undefined },
      { path: 'card_level_conf[1].level_icon', file: '../lv2.gif', purpose: undefined },
    ]);
  });

  it('a value that names a file is a path whatever it looks like; one that cannot be an image id is a path too (reported as no such file), never sent as an id', () => {
    const biz = {
      template_style_info: { logo_id: 'logos/brand logo.webp', background_id: 'assets/logo', slogan_img_id: 'logo.png ', banner_img_id: '   ' },
      column_info_list: [{ icon_id: 'logo' }, { icon_id: '1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC' }, { icon_id: 'LWBAsZ-_0123456789abcdefghijklmn' }],
      open_card_conf: { card_rights: [{ logo_id: 'right.gif' }] },
    };
    const files = new Set(['logo']);
    expect(localImageReferences(biz, (value) => files.has(value)).map((r) => [r.path, r.file])).toEqual([
      ['template_style_info.logo_id', 'logos/brand logo.webp'],
      ['template_style_info.background_id', 'assets/logo'],
      ['template_style_info.slogan_img_id', 'logo.png '],
      ['column_info_list[0].icon_id', 'logo'],
      ['open_card_conf.card_rights[0].logo_id', 'right.gif'],
    ]);
    // Alipay's ids (the references' examples) and the local gateway's (base64url) are ids.
    expect(['1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC', '9fxnkgt0QFmqKAl5V2BqxQAAACMAAQED', '1T8Pp00AT7eo9NoAJkMR3AAAMA****', 'LWBAsZ-_0123456789abcdefghijklmn'].every((id) => IMAGE_ID.test(id))).toBe(true);
    expect(['logo.png', 'a/b', 'a b', 'x'.repeat(65)].some((id) => IMAGE_ID.test(id))).toBe(false);
  });

  it('replaces one at its concrete path', () => {
    const copy = structuredClone(request);
    replaceAt(copy, 'column_info_list[2].icon_id', 'UPLOADED');
    expect(copy.column_info_list[2]).toEqual({ code: 'X', icon_id: 'UPLOADED' });
  });

  it('lists every image id once, in either shape: a request (card_level_conf) or a query answer (card_level_confs)', () => {
    expect(imageIds(request)).toEqual(['./logo.png', 'BG0000000000000000000000000000001', 'BANNER', 'ICON1', 'img/icon.jpg', '../lv2.gif']);
    const answer = { template_style_info: { logo_id: 'LOGO' }, card_level_confs: [{ level: 'VIP1', level_icon: 'LV1' }], column_info_list: 'not a list' };
    expect(imageIds(answer)).toEqual(['LOGO', 'LV1']);
    expect(imageIds({})).toEqual([]);
  });
});
