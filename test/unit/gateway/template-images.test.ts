import { templateSample } from '../cards/samples.js';
import { call, METHOD, startTestGateway } from './helpers.js';

const MODIFY = 'alipay.marketing.card.template.modify';
const SEEDED = '20240501000000000000000000000009';

describe('local gateway: template image ids are ids image upload gave the app (create reference: INVALID_PARAMETER for wrong image ids)', () => {
  it('create and modify refuse an id never issued, naming its path; the references\' sample id is taken; a modify keeps the ids the template holds', async () => {
    const { request_id: _r, ...seed } = templateSample();
    seed.template_style_info = { ...seed.template_style_info, logo_id: 'OLDLOGO', background_id: 'OLDBG' };
    const gateway = await startTestGateway({ templateSeeds: { source: 'test', templates: [{ ...seed, template_id: SEEDED }] } });
    try {
      const made = templateSample();
      made.template_style_info.logo_id = 'NeverUploaded0000000000000000000';
      made.card_level_conf[1].level_icon = 'NeverUploaded0000000000000000001';
      const refused = (await call(gateway, METHOD.create, made)).node;
      expect([refused.code, refused.sub_code]).toEqual(['40004', 'INVALID_PARAMETER']);
      expect(refused.sub_msg).toContain('template_style_info.logo_id: is not an image id image upload gave this app');
      expect(refused.sub_msg).toContain('card_level_conf[1].level_icon');
      expect(gateway.templates().map((t) => t.template_id)).toEqual([SEEDED]);
      // The sample (the references' 1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC) is every local gateway's.
      expect((await call(gateway, METHOD.create, templateSample())).node.code).toBe('10000');

      const rename = (style: Record<string, unknown>, requestId: string) => ({ request_id: requestId, template_id: SEEDED, template_style_info: { ...seed.template_style_info, ...style } });
      expect((await call(gateway, MODIFY, rename({ card_show_name: '改名' }, 'm-1'))).node.code).toBe('10000');
      const newLogo = (await call(gateway, MODIFY, rename({ logo_id: 'NEWLOGO' }, 'm-2'))).node;
      expect([newLogo.sub_code, newLogo.sub_msg]).toEqual(['INVALID_PARAMETER', expect.stringContaining('template_style_info.logo_id')]);
      expect(newLogo.sub_msg).not.toContain('background_id');
    } finally {
      await gateway.close();
    }
  });
});
