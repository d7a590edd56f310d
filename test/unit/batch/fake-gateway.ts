import { createHash } from 'node:crypto';
import type { CallOptions } from '../../../src/client/client.js';
import { gatewayError, type GatewayNode, type GatewayResponse } from '../../../src/client/response.js';
import { GatewayError, HttpStatusError, TransportError, UsageError, VerificationError } from '../../../src/errors.js';
import { UnencodableTextError } from '../../../src/protocol/charset.js';
import type { GatewayCaller } from '../../../src/batch/issue-row.js';

/** What a template query answers of a template's rules: its field rules and levels, as the gateway gives them. */
export interface FakeTemplate {
  field_rule_list?: Array<{ field_name: string; rule_name: string; rule_value: string }>;
  card_level_confs?: Array<{ level: string; level_show_name?: string }>;
}

/** The demo's rules: Balance, Point and Level from the request, ValidDate 24 months out, levels VIP1 and VIP2. */
export const DEMO_RULES: FakeTemplate = {
  field_rule_list: [
    { field_name: 'Balance', rule_name: 'ASSIGN_FROM_REQUEST', rule_value: 'Balance' },
    { field_name: 'Point', rule_name: 'ASSIGN_FROM_REQUEST', rule_value: 'Point' },
    { field_name: 'Level', rule_name: 'ASSIGN_FROM_REQUEST', rule_value: 'Level' },
    { field_name: 'ValidDate', rule_name: 'DATE_IN_FUTURE', rule_value: '24m' },
  ],
  card_level_confs: [{ level: 'VIP1', level_show_name: '白金会员' }, { level: 'VIP2', level_show_name: '钻石会员' }],
};

export type Fault = 'transport' | 'unavailable' | 'system-error' | 'throttle' | 'bad-sign' | 'invalid' | 'reset-after-store' | 'http404' | 'unencodable' | 'signature-echo';

/**
 * A gateway in memory with the real one's idempotency: a serial seen before with the same
 * biz_content answers the same card, with a different one OUT_SERIAL_NO_CONFLICT. `fault` decides
 * per call whether it fails instead, and how.
 */
export class FakeGateway implements GatewayCaller {
  readonly cards = new Map<string, { bizCardNo: string; digest: string; biz: Record<string, any> }>();
  readonly calls: Array<{ method: string; biz: Record<string, any>; authToken?: string | undefined }> = [];
  /**
   * Template id → DATE_IN_FUTURE offset for ValidDate (undefined: no rule), or the template's own
   * field_rule_list and card_level_confs; a missing key is TEMPLATE_NOT_EXIT.
   */
  templates = new Map<string, string | undefined | FakeTemplate>([['T1', '12m']]);
  fault: (call: { method: string; biz: Record<string, any>; n: number }) => Fault | undefined = () => undefined;
  latencyMs: number | ((biz: Record<string, any>) => number) = 0;
  /** The most calls that were out at once. */
  maxInFlight = 0;
  private inFlight = 0;
  private next = 1;

  async call(method: string, options: CallOptions): Promise<GatewayResponse> {
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    try {
      return await this.answer(method, options);
    } finally {
      this.inFlight--;
    }
  }

  private async answer(method: string, options: CallOptions): Promise<GatewayResponse> {
    const biz = JSON.parse(options.bizContent ?? '{}');
    this.calls.push({ method, biz, authToken: options.authToken });
    const latency = typeof this.latencyMs === 'function' ? this.latencyMs(biz) : this.latencyMs;
    if (latency) await new Promise((r) => setTimeout(r, latency));
    else await Promise.resolve();
    const fault = this.fault({ method, biz, n: this.calls.length });
    if (fault === 'transport') throw new TransportError('request to gateway failed: ECONNRESET');
    if (fault === 'unavailable') throw failure({ code: '20000', msg: 'Service Currently Unavailable', sub_code: 'isp.unknow-error', sub_msg: '服务暂不可用' });
    if (fault === 'system-error') throw failure({ code: '40004', msg: 'Business Failed', sub_code: 'SYSTEM_ERROR', sub_msg: '系统异常' });
    if (fault === 'throttle') throw failure({ code: '40005', msg: 'Call Limited', sub_code: 'isp.call-limited', sub_msg: '调用频次超限' });
    if (fault === 'invalid') throw failure({ code: '40004', msg: 'Business Failed', sub_code: 'INVALID_PARAMETER', sub_msg: '参数有误' });
    if (fault === 'bad-sign') throw new VerificationError('the signature does not verify');
    if (fault === 'http404') throw new HttpStatusError(404, 'the gateway answered HTTP 404');
    // What buildRequest throws for a character the profile's charset lacks (client/unencodable.ts).
    if (fault === 'unencodable') throw new UsageError("biz_content member_ext_info.name: character '😀' (U+1F600) cannot be encoded in gbk", { cause: new UnencodableTextError('😀', 0, 'gbk') });
    // The real gateway's invalid-signature sub_msg quotes its whole string to sign, the user's token included.
    if (fault === 'signature-echo') throw failure({ code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-signature', sub_msg: `验签出错，验签字符串为：app_id=2021&auth_token=${options.authToken}&biz_content={}` });
    if (method === 'alipay.marketing.card.template.query') {
      if (!this.templates.has(biz.template_id)) throw failure({ code: '40004', msg: 'Business Failed', sub_code: 'TEMPLATE_NOT_EXIT', sub_msg: '模板不存在' });
      const template = this.templates.get(biz.template_id);
      if (typeof template === 'object') return ok({ template_id: biz.template_id, field_rule_list: template.field_rule_list ?? [], card_level_confs: template.card_level_confs ?? [] });
      return ok({ template_id: biz.template_id, field_rule_list: template ? [{ field_name: 'ValidDate', rule_name: 'DATE_IN_FUTURE', rule_value: template }] : [] });
    }
    const digest = createHash('sha256').update(options.bizContent ?? '').digest('hex');
    const seen = this.cards.get(biz.out_serial_no);
    if (seen && seen.digest !== digest) throw failure({ code: '40004', msg: 'Business Failed', sub_code: 'OUT_SERIAL_NO_CONFLICT', sub_msg: 'conflict' });
    const card = seen ?? { bizCardNo: `C${String(this.next++).padStart(6, '0')}`, digest, biz };
    this.cards.set(biz.out_serial_no, card);
    // The card is stored, then the answer is lost: what a retry must not turn into a second card.
    if (fault === 'reset-after-store') throw new TransportError('request to gateway failed: socket hang up');
    return ok({ card_info: { biz_card_no: card.bizCardNo, ...biz.card_ext_info } });
  }

  cardOpens(): number {
    return this.calls.filter((c) => c.method === 'alipay.marketing.card.open').length;
  }
}

function ok(result: Record<string, unknown>): GatewayResponse {
  const node: GatewayNode = { code: '10000', msg: 'Success', ...result };
  return { nodeName: 'x_response', node, nodeText: JSON.stringify(node), verified: true };
}

/** As the real client makes it (gatewayError): secrets in the node already redacted. */
function failure(node: GatewayNode): GatewayError {
  return gatewayError({ nodeName: 'x_response', node, nodeText: JSON.stringify(node), verified: true }, '');
}
