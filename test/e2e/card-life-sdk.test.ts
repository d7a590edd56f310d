import { AlipaySdk } from 'alipay-sdk';
import { formatTimestamp } from '../../src/protocol/index.js';
import { demoTemplate } from '../../src/cli/commands/demo.js';
import { projectWithConfig, runCli } from './cli.js';
import { APP_ID, appPrivateKeyPem, serveGateway, type ServedGateway } from './serve.js';

// The SDK stamps `timestamp` with the host's wall time, assuming the host is in China; a param it is
// given wins over its own, so each call carries Beijing time, as the gateway's real clock reads it.
const beijingNow = () => formatTimestamp(new Date());

let gw: ServedGateway;
let sdk: AlipaySdk;
let cwd: string;
let templateId: string;

beforeAll(async () => {
  gw = await serveGateway();
  const client = gw.client();
  templateId = String((await client.call('alipay.marketing.card.template.create', { bizContent: JSON.stringify(demoTemplate('e2e-sdk-life')), retrySafe: false })).node.template_id);
  await client.close();
  sdk = new AlipaySdk({ appId: APP_ID, privateKey: appPrivateKeyPem, alipayPublicKey: gw.alipayPublicKey, gateway: gw.url, signType: 'RSA2', camelcase: false });
  cwd = projectWithConfig({ profiles: { local: { appId: APP_ID, gateway: gw.url, privateKeyFile: 'app.pem', alipayPublicKey: gw.alipayPublicKey } } }, { 'app.pem': appPrivateKeyPem });
});

afterAll(async () => {
  expect(await gw.stop()).toBe(0);
});

const exec = async (method: string, bizContent: Record<string, unknown>) =>
  (await sdk.exec(`alipay.marketing.card.${method}`, { bizContent, timestamp: beijingNow() }, { validateSign: true })) as Record<string, any>;
const cliJson = async (args: string[]) => {
  const r = await runCli([...args, '--json'], { cwd });
  return { code: r.code, node: JSON.parse(r.stdout) as Record<string, any> };
};

describe("Alipay's Node SDK (validateSign: true) calling gateway serve's card query, update and delete", () => {
  it('gets the answers the CLI gets, each verified', async () => {
    const opened = await exec('open', {
      out_serial_no: 'sdk-life-1', card_template_id: templateId,
      card_user_info: { user_uni_id: '2088302463082075', user_uni_id_type: 'UID' },
      card_ext_info: { open_date: '2024-05-01 09:30:00', valid_date: '2030-05-01 09:30:00', level: 'VIP1', point: '88', balance: '100.00', external_card_no: 'SDK-1' },
    });
    const cardNo = String(opened.card_info.biz_card_no);
    const q = { target_card_no: cardNo, target_card_no_type: 'BIZ_CARD' };

    const sdkQuery = await exec('query', q);
    expect(sdkQuery).toMatchObject({ code: '10000', card_info: { biz_card_no: cardNo, point: '88', level: 'VIP1' } });
    expect(sdkQuery).toEqual((await cliJson(['card', 'query', cardNo])).node);

    const updated = await exec('update', { ...q, occur_time: '2024-05-01 10:00:00', card_info: { point: '288', balance: '9.90', level: 'VIP2' }, merchant_card_msg_info: { changed_point: '200' } });
    expect(updated).toEqual({ code: '10000', msg: 'Success' });
    expect(await exec('query', q)).toEqual((await cliJson(['card', 'query', cardNo])).node);
    expect((await exec('query', q)).card_info).toMatchObject({ point: '288', balance: '9.90', level: 'VIP2' });

    const badLevel = await exec('update', { ...q, occur_time: '2024-05-01 10:00:00', card_info: { level: 'VIP9' } });
    expect(badLevel).toMatchObject({ code: '40004', sub_code: 'INVALID_PARAMETER', sub_msg: expect.stringContaining('one of VIP1, VIP2') });

    const deleted = await exec('delete', { ...q, out_serial_no: 'sdk-del-1', reason_code: 'CANCEL' });
    expect(deleted).toMatchObject({ code: '10000', biz_serial_no: expect.any(String) });
    // The CLI retrying the same delete (same out_serial_no) gets the same answer.
    const retried = await cliJson(['card', 'delete', cardNo, '--reason', 'CANCEL', '--out-serial-no', 'sdk-del-1', '--yes']);
    expect(retried).toEqual({ code: 0, node: deleted });
    expect(await exec('delete', { ...q, out_serial_no: 'sdk-del-2', reason_code: 'CANCEL' })).toMatchObject({ code: '40004', sub_code: 'CARD_IS_DELETED_ALREADY' });

    const gone = await exec('query', q);
    expect(gone).toMatchObject({ code: '40004', sub_code: 'CARD_NOT_EXIT' });
    expect(await cliJson(['card', 'query', cardNo])).toEqual({ code: 4, node: gone });
  }, 60_000);
});
