import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { templateSample } from '../cards/samples.js';
import { call, METHOD, startTestGateway } from './helpers.js';

const MODIFY = 'alipay.marketing.card.template.modify';
const renamed = (templateId: string, requestId: string, name: string) => ({
  request_id: requestId,
  template_id: templateId,
  template_style_info: { ...templateSample().template_style_info, card_show_name: name },
});

describe("local gateway: template.modify's request_id is unique per call (the modify reference)", () => {
  it('the same request again is answered as before and changes nothing; another request under it is REQUEST_ID_CONFLICT, also after a restart from the log', async () => {
    const statePath = join(mkdtempSync(join(tmpdir(), 'gateway-modify-')), 'gw.json');
    const gateway = await startTestGateway({ statePath, flushIntervalMs: 600_000 });
    const killed = `${statePath}.killed.json`;
    let templateId: string;
    try {
      templateId = (await call(gateway, METHOD.create, templateSample())).node.template_id;
      expect((await call(gateway, MODIFY, renamed(templateId, 'm-1', '一号'))).node).toMatchObject({ code: '10000', template_id: templateId });
      expect((await call(gateway, MODIFY, renamed(templateId, 'm-2', '二号'))).node.code).toBe('10000');
      // A retry of m-1 (as sent the first time) is a replay: the name m-2 gave stays.
      expect((await call(gateway, MODIFY, renamed(templateId, 'm-1', '一号'))).node).toMatchObject({ code: '10000', template_id: templateId });
      expect(gateway.templates()[0]!.template.template_style_info.card_show_name).toBe('二号');
      const conflict = (await call(gateway, MODIFY, renamed(templateId, 'm-1', '三号'))).node;
      expect([conflict.code, conflict.sub_code]).toEqual(['40004', 'REQUEST_ID_CONFLICT']);
      expect(conflict.sub_msg).toContain(`request_id m-1 already modified template ${templateId}`);
      expect(gateway.templates()[0]!.template.template_style_info.card_show_name).toBe('二号');
      copyFileSync(statePath, killed);
      copyFileSync(`${statePath}.log`, `${killed}.log`);
    } finally {
      await gateway.close();
    }
    for (const path of [statePath, killed]) {
      const restarted = await startTestGateway({ statePath: path });
      try {
        expect((await call(restarted, MODIFY, renamed(templateId, 'm-1', '三号'))).node.sub_code).toBe('REQUEST_ID_CONFLICT');
        expect((await call(restarted, MODIFY, renamed(templateId, 'm-2', '二号'))).node.code).toBe('10000');
      } finally {
        await restarted.close();
      }
    }
  });
});
