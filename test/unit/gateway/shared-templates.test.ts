import { demoTemplate } from '../../../src/cli/commands/demo.js';
import type { LocalGateway } from '../../../src/gateway/index.js';
import { appPublicKey, call, METHOD, startTestGateway } from './helpers.js';

// The in-process gateway lets every app use the demo's template (sharedTemplateIds), and only it.
const SHARED = '20240501000000000000000000000001';
const OWN = '20240501000000000000000000000002';
const OTHER_APP = '2021000000000002';

let gateway: LocalGateway;
beforeAll(async () => {
  gateway = await startTestGateway({
    templateSeeds: { source: 'test', templates: [{ ...demoTemplate(SHARED), template_id: SHARED }, { ...demoTemplate(OWN), template_id: OWN }] },
    sharedTemplateIds: [SHARED],
  });
  gateway.registerApp({ appId: OTHER_APP, publicKey: appPublicKey });
});
afterAll(() => gateway.close());

it('another app finds a shared template, and still not one that is not shared', async () => {
  const shared = await call(gateway, METHOD.query, { template_id: SHARED }, { identity: { appId: OTHER_APP } });
  expect(shared.node).toMatchObject({ code: '10000' });
  const own = await call(gateway, METHOD.query, { template_id: OWN }, { identity: { appId: OTHER_APP } });
  expect(own.node).toMatchObject({ code: '40004', sub_code: 'TEMPLATE_NOT_EXIT' });
  const card = await call(gateway, METHOD.open, {
    out_serial_no: 'shared-1', card_template_id: SHARED, card_user_info: { user_uni_id: '2088302463082075', user_uni_id_type: 'UID' },
    card_ext_info: { open_date: '2024-05-01 09:30:00', valid_date: '2030-01-01 00:00:00', level: 'VIP1', point: '1', balance: '1.00', external_card_no: 'shared-1' },
  }, { identity: { appId: OTHER_APP } });
  expect(card.node).toMatchObject({ code: '10000' });
  expect(gateway.cards().find((c) => c.out_serial_no === 'shared-1')).toMatchObject({ app_id: OTHER_APP, card_template_id: SHARED });
});
