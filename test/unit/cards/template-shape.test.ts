import { validateTemplateCreate } from '../../../src/cards/index.js';
import { requestTypeProblems, textsFromNumbers } from '../../../src/cards/template-shape.js';
import { templateSample } from './samples.js';

describe('template members by the type the create reference gives them', () => {
  it('a JSON number where the reference types a String becomes its text, as card open sends one; booleans, image ids and other members stay', () => {
    const biz: Record<string, any> = {
      template_id: 2017,
      template_style_info: { logo_id: 123, front_text_list_enable: true, feature_descriptions: [1, '二'] },
      column_info_list: [{ code: 'POINT', title: 5, more_info: { descs: 7 } }],
      card_level_conf: [{ level: 1, level_show_name: 2.5 }],
      shop_ids: 2015122900077000,
      unknown: 9,
    };
    textsFromNumbers(biz);
    expect(biz).toEqual({
      template_id: '2017',
      template_style_info: { logo_id: 123, front_text_list_enable: true, feature_descriptions: ['1', '二'] },
      column_info_list: [{ code: 'POINT', title: '5', more_info: { descs: '7' } }],
      card_level_conf: [{ level: '1', level_show_name: '2.5' }],
      shop_ids: '2015122900077000',
      unknown: 9,
    });
  });

  it('a whole number past 2^53 is left as it is and refused: its digits are lost', () => {
    const biz: Record<string, any> = { template_style_info: { brand_name: 12345678901234567890 } };
    textsFromNumbers(biz);
    expect(biz.template_style_info.brand_name).toBe(12345678901234567890);
    expect(requestTypeProblems(biz)).toEqual([
      expect.objectContaining({ path: 'template_style_info.brand_name', message: 'must be given as a string: a whole number this long loses digits in JSON (it reads as "12345678901234567000")' }),
    ]);
  });

  it('a Boolean member must be a JSON boolean: the string "true" is refused by name, once', () => {
    const biz = templateSample();
    biz.template_style_info.front_text_list_enable = 'true';
    biz.template_style_info.front_image_enable = 'no';
    expect(validateTemplateCreate(biz).map((p) => [p.path, p.message])).toEqual([
      ['template_style_info.front_text_list_enable', 'must be a JSON boolean: true without quotes'],
      ['template_style_info.front_image_enable', 'must be true or false'],
    ]);
  });
});
