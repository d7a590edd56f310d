import {
  aesDecrypt,
  buildSignContent,
  parseTimestamp,
  responseNodeName,
  type Charset,
  type SignType,
} from '../protocol/index.js';
import type { RegisteredApp } from './apps.js';
import { ERROR_NODE, gatewayError, invalidSignature, type Answer, type GatewaySubCode } from './codes.js';
import { verifyInThreadPool } from './thread-pool-crypto.js';

/** A request whose protocol checks all passed: who sent it, what it asks, and its biz_content in clear. */
export interface AuthenticRequest {
  app: RegisteredApp;
  method: string;
  nodeName: string;
  params: Record<string, string>;
  bizContent: string | undefined;
  /** The request was AES-encrypted, so the answer is too, with this key. */
  encryptKey: string | undefined;
}

export type Authentication =
  | { ok: true; request: AuthenticRequest; signType: SignType }
  | { ok: false; answer: Answer; signType: SignType };

export interface AuthenticationContext {
  methods: ReadonlySet<string>;
  apps: ReadonlyMap<string, RegisteredApp>;
  now: Date;
}

// The gateway rejects a timestamp more than 15 minutes away from its own clock, either way.
const MAX_SKEW_MS = 15 * 60 * 1000;

/**
 * The gateway's checks, in the order it makes them: method, app, version, format, timestamp,
 * sign type, signature (with the app key, or in certificate mode the app cert's key once
 * app_cert_sn matches), then AES decryption. The first failure is the answer.
 */
export async function authenticate(params: Record<string, string>, charset: Charset, context: AuthenticationContext): Promise<Authentication> {
  const signType: SignType = params.sign_type === 'RSA' ? 'RSA' : 'RSA2';
  const refuse = (nodeName: string, node: Answer['node']): Authentication => ({ ok: false, answer: { nodeName, node }, signType });
  const method = params.method;
  if (blank(method)) return refuse(ERROR_NODE, gatewayError('isv.missing-method'));
  if (!context.methods.has(method!)) return refuse(ERROR_NODE, gatewayError('isv.invalid-method', `不存在的方法名: ${method}`));
  const nodeName = responseNodeName(method!);
  const fail = (subCode: GatewaySubCode, detail?: string) => refuse(nodeName, gatewayError(subCode, detail));

  if (blank(params.app_id)) return fail('isv.missing-app-id');
  const app = context.apps.get(params.app_id!);
  if (app === undefined) return refuse(ERROR_NODE, gatewayError('isv.invalid-app-id'));
  if (blank(params.version)) return fail('isv.missing-version');
  if (params.version !== '1.0') return fail('isv.invalid-parameter', `参数无效: version must be 1.0, not ${JSON.stringify(params.version)}`);
  if (!blank(params.format) && params.format!.toUpperCase() !== 'JSON') return fail('isv.invalid-format');

  if (blank(params.timestamp)) return fail('isv.missing-timestamp');
  const sent = parseTimestamp(params.timestamp!);
  if (sent === undefined) return fail('isv.invalid-timestamp', `非法的时间戳参数: ${params.timestamp} is not 'yyyy-MM-dd HH:mm:ss'`);
  if (Math.abs(sent.getTime() - context.now.getTime()) > MAX_SKEW_MS) {
    return fail('isv.invalid-timestamp', `非法的时间戳参数: ${params.timestamp} is more than 15 minutes from the gateway's clock (Asia/Shanghai)`);
  }

  if (blank(params.sign_type)) return fail('isv.missing-signature-type');
  if (params.sign_type !== 'RSA2' && params.sign_type !== 'RSA') return fail('isv.invalid-signature-type');
  if (blank(params.sign)) return fail('isv.missing-signature');
  if (app.appCertSn !== undefined) {
    // A certificate-mode app has no plain public key configured: without app_cert_sn there is nothing to verify with.
    if (blank(params.app_cert_sn)) return fail('isv.missing-signature-config');
    if (params.app_cert_sn !== app.appCertSn) {
      return fail('isv.invalid-app-cert-sn', `应用公钥证书序列号不匹配: app_cert_sn ${params.app_cert_sn} is not the SN of the app cert registered for ${app.appId}`);
    }
  }
  const content = buildSignContent(params);
  if (!(await verifyInThreadPool(content, params.sign!, app.publicKey, signType, charset))) return refuse(nodeName, invalidSignature(content));

  let bizContent = params.biz_content;
  let encryptKey: string | undefined;
  if (!blank(params.encrypt_type)) {
    if (params.encrypt_type !== 'AES') return fail('isv.invalid-encrypt-type');
    if (app.encryptKey === undefined) return fail('isv.decryption-error-not-valid-encrypt-key');
    encryptKey = app.encryptKey;
    if (bizContent !== undefined && bizContent !== '') {
      try {
        bizContent = aesDecrypt(bizContent, encryptKey, charset);
      } catch {
        return fail('isv.invalid-encrypt');
      }
    }
  }
  return { ok: true, request: { app, method: method!, nodeName, params, bizContent, encryptKey }, signType };
}

function blank(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
}
