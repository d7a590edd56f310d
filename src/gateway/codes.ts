/** A response node as the gateway writes it: code and msg, sub_code and sub_msg on failure, then the result. */
export interface ResponseNode {
  code: string;
  msg: string;
  sub_code?: string;
  sub_msg?: string;
  [field: string]: unknown;
}

/** What the gateway answers: the node and the name it goes under (`<method>_response` or `error_response`). */
export interface Answer {
  nodeName: string;
  node: ResponseNode;
}

export const ERROR_NODE = 'error_response';

// The real gateway's msg for each top-level code (English, as it sends them).
const MESSAGES: Readonly<Record<string, string>> = {
  '10000': 'Success',
  '20000': 'Service Currently Unavailable',
  '40001': 'Missing Required Arguments',
  '40002': 'Invalid Arguments',
  '40004': 'Business Failed',
  '40005': 'Call Limited',
  '20001': 'Insufficient Token Permissions',
};

/**
 * The gateway's own sub_codes with their code and sub_msg, from Alipay's public error code table.
 * Three are ours, for checks the table has no entry for: isv.missing-charset,
 * isv.invalid-app-cert-sn and isp.call-limited (a 40005 carries no documented sub_code).
 */
const GATEWAY_SUB_CODES = {
  'isv.missing-method': ['40001', '缺少方法名参数'],
  'isv.missing-signature': ['40001', '缺少签名参数'],
  'isv.missing-signature-type': ['40001', '缺少签名类型参数'],
  'isv.missing-app-id': ['40001', '缺少appId参数'],
  'isv.missing-timestamp': ['40001', '缺少时间戳参数'],
  'isv.missing-version': ['40001', '缺少版本参数'],
  'isv.missing-charset': ['40001', '缺少字符集参数'],
  'isv.invalid-parameter': ['40002', '参数无效'],
  'isv.invalid-method': ['40002', '不存在的方法名'],
  'isv.invalid-format': ['40002', '无效的数据格式'],
  'isv.invalid-signature-type': ['40002', '无效的签名类型'],
  'isv.invalid-signature': ['40002', '无效签名'],
  'isv.invalid-encrypt-type': ['40002', '无效的加密类型'],
  'isv.invalid-encrypt': ['40002', '解密异常'],
  'isv.invalid-app-id': ['40002', '无效的appId参数'],
  'isv.invalid-timestamp': ['40002', '非法的时间戳参数'],
  'isv.invalid-charset': ['40002', '字符集错误'],
  'isv.invalid-app-cert-sn': ['40002', '应用公钥证书序列号不匹配'],
  'isv.missing-signature-config': ['40002', '验签出错, 未配置对应签名算法的公钥或者证书'],
  'isv.decryption-error-not-valid-encrypt-key': ['40002', '解密出错, 未配置加密密钥或加密密钥格式错误'],
  'isp.unknow-error': ['20000', '服务暂不可用（业务系统不可用）'],
  'aop.invalid-auth-token': ['20001', '无效的访问令牌'],
  'aop.auth-token-time-out': ['20001', '访问令牌已过期'],
  // alipay.system.oauth.token's (its sheet: the v3 error enum, meanings from Alipay's doc).
  'isv.grant-type-invalid': ['40002', 'grant_type参数不正确'],
  'isv.code-invalid': ['40002', '授权码code无效'],
  'isv.refresh-token-invalid': ['40002', '刷新令牌refresh_token无效'],
  'isv.refresh-token-time-out': ['40002', '刷新令牌refresh_token过期'],
  'isv.unmatched-app-id': ['40002', '调用方app_id与授权码或令牌所属app_id不一致'],
  'isp.call-limited': ['40005', '调用频次超限'],
} as const satisfies Record<string, readonly [string, string]>;

export type GatewaySubCode = keyof typeof GATEWAY_SUB_CODES;

/**
 * The card APIs' business sub_codes (both references), plus ours for an idempotency key reused for
 * a different request: the references name none, so each is the key's field name + _CONFLICT
 * (out_serial_no for card open, request_id for template create), so a client can tell which key
 * it reused from the sub_code alone.
 */
export const BUSINESS_SUB_CODES = {
  INVALID_PARAMETER: '参数有误',
  SYSTEM_ERROR: '系统异常',
  TEMPLATE_NOT_EXIT: '模板不存在',
  NO_CARD_TYPE: '卡类型未定义',
  // card query/update/delete (their sheets; CARD_NOT_EXIT is Alipay's spelling).
  CARD_NOT_EXIT: '会员卡不存在',
  CARD_IS_DELETED_ALREADY: '会员卡已删除',
  PAIDOUTERCARD_LACK_TEMPLATE_CONFIG: '模板缺少付费外部卡配置',
  OUT_SERIAL_NO_CONFLICT: '外部流水号已用于另一个请求',
  REQUEST_ID_CONFLICT: '请求号已用于另一个请求',
  // image upload (its sheet: the v3 error enum; meanings inferred from the names).
  INVALID_PARAM: '参数有误',
  EXCEED_MAX_SIZE: '文件大小超过限制',
  UNKNOWN_FORMAT: '不支持的文件格式',
  INVALID_FILE_BYTES: '文件内容与类型不符',
  // the sign-up form (formtemplate.set, activateurl.apply, activateform.query sheets; meanings inferred).
  CARD_TEMPLATE_NOT_EXIST: '会员卡模板不存在',
  DUPLICATE_FORM_FIELD: '表单字段重复',
  FORM_FIELD_INVALID: '表单字段无效',
  ILLEGAL_NULL_ARGUMENT: '参数为空',
  OPEN_FORM_TEMPLATE_NOT_EXIST: '开卡表单模板不存在',
  REQUEST_ID_INVALID: 'request_id无效',
  REQUEST_ID_EXPIRE: 'request_id已过期',
} as const;

export type BusinessSubCode = keyof typeof BUSINESS_SUB_CODES;

export function success(result: Record<string, unknown> = {}): ResponseNode {
  return { code: '10000', msg: MESSAGES['10000']!, ...result };
}

/** A gateway-level refusal; `detail` replaces the standard sub_msg when there is more to say. */
export function gatewayError(subCode: GatewaySubCode, detail?: string): ResponseNode {
  const [code, subMsg] = GATEWAY_SUB_CODES[subCode];
  return { code, msg: MESSAGES[code]!, sub_code: subCode, sub_msg: detail ?? subMsg };
}

export function businessError(subCode: BusinessSubCode, detail?: string): ResponseNode {
  return { code: '40004', msg: MESSAGES['40004']!, sub_code: subCode, sub_msg: detail ?? BUSINESS_SUB_CODES[subCode] };
}

/**
 * isv.invalid-signature quoting the gateway's own string to sign, as the real gateway words it.
 * The real one HTML-escapes that string (`&` → `&amp;`, `"` → `&quot;`), so a client comparing it
 * with its own string must unescape it first.
 */
export function invalidSignature(signContent: string): ResponseNode {
  return gatewayError(
    'isv.invalid-signature',
    `验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：${escapeHtml(signContent)}`,
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&quot;'));
}
