import { imageIds, localImageReferences, replaceAt } from '../../../src/cards/template-images.js';

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
