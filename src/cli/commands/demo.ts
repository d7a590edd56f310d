import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { generateOutSerialNo } from '../../cards/card-open-fields.js';
import { NODE_SECRET_FS, readTextFile } from '../../config/index.js';
import { replaceFile } from '../../config/replace-file.js';
import { osReasonText } from '../../config/secret-file.js';
import { ConfigError, GatewayError } from '../../errors.js';
import { demoRunText } from '../../i18n/en/demo-run.js';
import { local, type Text } from '../../i18n/text.js';
import { formatTimestamp } from '../../protocol/index.js';
import { flatten } from '../../render/flatten.js';
import { loadStyle } from '../../render/style.js';
import { keyValueTable } from '../../render/tables.js';
import { outputFormat, useColor, writeLine, type Context } from '../context.js';
import { demoStateFile, stateDir } from '../local-app.js';
import { makeStateDir } from '../state-dir.js';
import { CARD_OPEN_METHOD, TEMPLATE_CREATE_METHOD, TEMPLATE_QUERY_METHOD } from '../../cards/methods.js';
import { refuseDryRun } from '../dry-run.js';

const IMAGE = '1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC';

/** A template with levels, field rules and columns: enough to show what a real one looks like. */
export function demoTemplate(requestId: string): Record<string, unknown> {
  return {
    request_id: requestId,
    card_type: 'OUT_MEMBER_CARD',
    biz_no_prefix: 'DEMO',
    biz_no_suffix_len: '10',
    write_off_type: 'qrcode',
    template_style_info: { card_show_name: '演示会员卡', logo_id: IMAGE, background_id: IMAGE, bg_color: 'rgb(55,112,179)', brand_name: 'alipay-card demo', slogan: '会员权益享不停' },
    template_benefit_info: [{ title: '会员九折', benefit_desc: ['每笔消费享九折'], start_date: '2024-01-01 00:00:00', end_date: '2030-12-31 23:59:59' }],
    column_info_list: [
      { code: 'BALANCE', title: '余额' },
      { code: 'POINT', title: '积分' },
      { code: 'LEVEL', title: '等级' },
    ],
    field_rule_list: [
      { field_name: 'Balance', rule_name: 'ASSIGN_FROM_REQUEST', rule_value: 'Balance' },
      { field_name: 'Point', rule_name: 'ASSIGN_FROM_REQUEST', rule_value: 'Point' },
      { field_name: 'Level', rule_name: 'ASSIGN_FROM_REQUEST', rule_value: 'Level' },
      { field_name: 'ValidDate', rule_name: 'DATE_IN_FUTURE', rule_value: '24m' },
    ],
    card_level_conf: [
      { level: 'VIP1', level_show_name: '白金会员', level_icon: IMAGE, level_desc: '白金会员享受九折' },
      { level: 'VIP2', level_show_name: '钻石会员', level_icon: IMAGE, level_desc: '钻石会员享受八折' },
    ],
  };
}

/**
 * The whole flow against the local gateway, with no account and no config: a local app key pair,
 * a template (created once, then reused), one card issued, the template queried.
 */
export async function runDemo(ctx: Context): Promise<void> {
  refuseDryRun(ctx, 'demo');
  const { connectLocal } = await import('../gateway-client.js');
  const gateway = await connectLocal(ctx);
  const human = outputFormat(ctx) === 'table';
  const style = await loadStyle(useColor(ctx));
  const step = (text: Text) => human && writeLine(ctx.stdout, style.bold(local(demoRunText.step({ text }))));
  try {
    step(demoRunText.gatewayAt({ url: gateway.gatewayUrl, statePath: String(gateway.local?.statePath) }));
    step(demoRunText.appKey({ appId: gateway.identity.appId, keyFile: String(gateway.local?.appKeyFile) }));

    const templateId = await demoTemplateId(ctx, gateway.client);
    step(demoRunText.template({ templateId }));

    const biz = {
      out_serial_no: generateOutSerialNo(ctx.now(), randomBytes(10)),
      card_template_id: templateId,
      card_user_info: { user_uni_id: `2088${String(Math.floor(Math.random() * 1e12)).padStart(12, '0')}`, user_uni_id_type: 'UID' },
      card_ext_info: { open_date: formatTimestamp(ctx.now()), valid_date: '2099-12-31 23:59:59', level: 'VIP1', point: '88', balance: '100.00', external_card_no: 'DEMO-0001', front_text_list: [{ label: '会员', value: '演示用户' }] },
      member_ext_info: { name: '演示用户', gende: 'FEMALE', cell: '13000000000' },
    };
    const card = await gateway.client.call(CARD_OPEN_METHOD, { bizContent: JSON.stringify(biz), retrySafe: true });
    const template = await gateway.client.call(TEMPLATE_QUERY_METHOD, { bizContent: JSON.stringify({ template_id: templateId }), retrySafe: true });
    const cardNo = String((card.node.card_info as Record<string, unknown>).biz_card_no);
    const { demoCardLife, renderDemoLife } = await import('./demo-life.js');
    const life = await demoCardLife(gateway.client, cardNo, biz.card_ext_info.point, ctx.now());
    const { demoSignUp } = await import('./demo-signup.js');
    const signUp = await demoSignUp(ctx, gateway.client, gateway.gatewayUrl, templateId, human && Boolean((ctx.stdout as { isTTY?: boolean }).isTTY));

    if (!human) {
      ctx.stdout.write(JSON.stringify({ gateway: gateway.gatewayUrl, appId: gateway.identity.appId, templateId, card: card.node, template: template.node, life, sign_up: signUp }) + '\n');
      return;
    }
    step(demoRunText.cardIssued());
    writeLine(ctx.stdout, keyValueTable(local(demoRunText.cardTitle()), [['out_serial_no', biz.out_serial_no], ...flatten(card.node.card_info)], style));
    step(demoRunText.templateQueried());
    const { renderTemplate } = await import('../../render/template.js');
    writeLine(ctx.stdout, renderTemplate(template.node, style));
    step(demoRunText.restOfLife());
    writeLine(ctx.stdout, renderDemoLife(cardNo, life, style));
    step(demoRunText.memberSignsUp());
    writeLine(ctx.stdout, local(demoRunText.signUpLink({ link: signUp.link })));
    if (signUp.qr) ctx.stdout.write(signUp.qr);
    writeLine(ctx.stdout, local(demoRunText.memberSubmitted({ userId: signUp.member.user_id, status: signUp.callback.status })));
    if (signUp.card) writeLine(ctx.stdout, keyValueTable(local(demoRunText.theirCard()), flatten(signUp.card.card_info), style));
    writeLine(ctx.stdout, local(demoRunText.next({ command: nextCommand(templateId, biz.card_ext_info) })));
  } finally {
    await gateway.close();
  }
}

/**
 * A card open that works as printed: the same in-process gateway and local app as the demo (so the
 * template is there), a real user ID, and what the template's ASSIGN_FROM_REQUEST rules require.
 */
function nextCommand(templateId: string, card: { level: string; point: string; balance: string }): string {
  return `alipay-card --gateway local card open --template-id ${templateId} --user-id 2088302463082075 --level ${card.level} --point ${card.point} --balance ${card.balance}`;
}

/** The demo template from an earlier run if the gateway still has it, else a new one. */
async function demoTemplateId(ctx: Context, client: { call: typeof import('../../client/client.js').GatewayClient.prototype.call }): Promise<string> {
  const file = demoStateFile(ctx);
  if (existsSync(file)) {
    const saved = readDemoFile(file);
    if (saved.templateId) {
      try {
        await client.call(TEMPLATE_QUERY_METHOD, { bizContent: JSON.stringify({ template_id: saved.templateId }), retrySafe: true });
        return saved.templateId;
      } catch (err) {
        if (!(err instanceof GatewayError)) throw err;
      }
    }
  }
  const created = await client.call(TEMPLATE_CREATE_METHOD, { bizContent: JSON.stringify(demoTemplate(`demo${Date.now()}`)), retrySafe: false });
  const templateId = String(created.node.template_id);
  makeStateDir(stateDir(ctx));
  // Whole or not at all (a full disk cut it short, and the next demo refused it as damaged); and a
  // cache: one that cannot be kept costs a template next time, not this demo.
  await replaceFile(file, JSON.stringify({ templateId }) + '\n', 0o600).catch((err: unknown) => {
    writeLine(ctx.stderr, local(demoRunText.savedNotKept({ file, reason: osReasonText(err) })));
  });
  return templateId;
}

/** demo.json as an earlier run wrote it; anything else (damaged, edited) is exit 3 naming it. */
function readDemoFile(file: string): { templateId?: string } {
  const startOver = demoRunText.startOverHint({ file });
  let text: string;
  try {
    text = readTextFile(file, NODE_SECRET_FS, "the demo's state file");
  } catch (err) {
    throw err instanceof ConfigError ? err.withChange({ hint: startOver }) : err;
  }
  let saved: unknown;
  try {
    saved = JSON.parse(text);
  } catch {
    throw new ConfigError(demoRunText.savedNotJson({ file }), { hint: startOver });
  }
  const templateId = (saved as { templateId?: unknown } | null)?.templateId;
  if (saved === null || typeof saved !== 'object' || (templateId !== undefined && typeof templateId !== 'string')) {
    throw new ConfigError(demoRunText.savedWrongShape({ file }), { hint: startOver });
  }
  return templateId === undefined ? {} : { templateId };
}
