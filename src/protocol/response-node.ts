import { ProtocolError } from './errors.js';
import { protocolText } from '../i18n/en/protocol-errors.js';
import type { Text } from '../i18n/text.js';
import { malformed, skipString, skipValue, skipWhitespace } from './json-scanner.js';

export interface ExtractedResponse {
  /** e.g. 'alipay_marketing_card_open_response' or 'error_response'. */
  nodeName: string;
  /** The node's value exactly as it stands in the body; for an encrypted node, the JSON string with its quotes. */
  signContent: string;
  /** The node's value is a JSON string: AES ciphertext (base64) rather than an object. */
  encrypted: boolean;
  /** Top-level "sign", decoded; '' is kept (the gateway leaves error nodes unsigned that way). */
  sign: string | undefined;
  /** Top-level "alipay_cert_sn" (certificate mode): which Alipay cert signed this response. */
  alipayCertSn: string | undefined;
}

interface Member {
  readonly name: string;
  readonly start: number;
  readonly raw: string;
}

const ERROR_NODE = 'error_response';
/** Top-level keys besides the node that say how the node is verified. */
const SIGNED_PARTS: ReadonlySet<string> = new Set(['sign', 'alipay_cert_sn']);

/** 'alipay.marketing.card.open' → 'alipay_marketing_card_open_response'. */
export function responseNodeName(method: string): string {
  return `${method.replaceAll('.', '_')}_response`;
}

/**
 * Cuts the signed node and the signature out of a gateway response body, e.g.
 * `{"a_b_response":{"code":"10000"},"sign":"xyz"}` → signContent `{"code":"10000"}`, sign `xyz`.
 */
export function extractResponse(body: string, method?: string): ExtractedResponse {
  const members = topLevelMembers(body);
  const node = method === undefined ? onlyResponseNode(members) : methodNode(members, responseNodeName(method));
  const first = node.raw.charCodeAt(0);
  if (first !== 0x7b /* { */ && first !== 0x22 /* " */) {
    throw new ProtocolError(
      'malformed-response',
      protocolText.nodeNotObject({ name: node.name, position: node.start, start: node.raw.slice(0, 20) }),
    );
  }
  return {
    nodeName: node.name,
    signContent: node.raw,
    encrypted: first === 0x22,
    sign: stringMember(members, 'sign'),
    alipayCertSn: stringMember(members, 'alipay_cert_sn'),
  };
}

function methodNode(members: ReadonlyMap<string, Member>, nodeName: string): Member {
  const node = members.get(nodeName) ?? members.get(ERROR_NODE);
  if (node === undefined) {
    throw new ProtocolError(
      'missing-node',
      protocolText.missingMethodNode({ node: nodeName, errorNode: ERROR_NODE, keys: keyList(members) }),
    );
  }
  return node;
}

function onlyResponseNode(members: ReadonlyMap<string, Member>): Member {
  const nodes = [...members.values()].filter((member) => member.name.endsWith('_response'));
  const [node, other] = nodes;
  if (node === undefined) {
    throw new ProtocolError('missing-node', protocolText.missingNode({ keys: keyList(members) }));
  }
  if (other !== undefined) {
    throw new ProtocolError(
      'malformed-response',
      protocolText.manyNodes({ count: nodes.length, nodes: nodes.map((n) => `"${n.name}"`).join(', ') }),
    );
  }
  return node;
}

/** A top-level string member, decoded; `null` or absence is undefined. */
function stringMember(members: ReadonlyMap<string, Member>, name: string): string | undefined {
  const member = members.get(name);
  if (member === undefined || member.raw === 'null') return undefined;
  if (member.raw.charCodeAt(0) !== 0x22) {
    throw new ProtocolError('malformed-response', protocolText.memberNotString({ name, position: member.start }));
  }
  return decodeString(member.raw);
}

/**
 * Top-level members in body order. A key repeated at the top level is refused outright: JSON.parse
 * would keep the last one while a scanner might take the first, and an attacker could sign one and
 * have the caller read the other. A repeated node, `sign` or `alipay_cert_sn` is 'duplicate-node'
 * (a forged response); any other repeated key, in what may not be a response at all, is malformed.
 */
function topLevelMembers(body: string): ReadonlyMap<string, Member> {
  const members = new Map<string, Member>();
  // A UTF-8 BOM survives Buffer decoding; it is outside anything signed.
  let i = skipWhitespace(body, body.charCodeAt(0) === 0xfeff ? 1 : 0);
  if (body.charCodeAt(i) !== 0x7b) throw malformed(body, i, protocolText.expectObject());
  i = skipWhitespace(body, i + 1);
  let more = body.charCodeAt(i) !== 0x7d;
  if (!more) i++;
  while (more) {
    if (body.charCodeAt(i) !== 0x22) throw malformed(body, i, protocolText.expectMemberName());
    const nameEnd = skipString(body, i);
    const name = decodeString(body.slice(i, nameEnd));
    const colon = skipWhitespace(body, nameEnd);
    if (body.charCodeAt(colon) !== 0x3a) throw malformed(body, colon, protocolText.expectColon());
    const valueStart = skipWhitespace(body, colon + 1);
    const valueEnd = skipValue(body, valueStart);
    const previous = members.get(name);
    if (previous !== undefined) {
      throw new ProtocolError(
        SIGNED_PARTS.has(name) || name.endsWith('_response') ? 'duplicate-node' : 'malformed-response',
        protocolText.duplicateKey({ name, first: previous.start, second: valueStart }),
      );
    }
    members.set(name, { name, start: valueStart, raw: body.slice(valueStart, valueEnd) });
    i = skipWhitespace(body, valueEnd);
    const c = body.charCodeAt(i);
    if (c !== 0x2c && c !== 0x7d) throw malformed(body, i, protocolText.expectCommaOrBrace());
    more = c === 0x2c;
    i = skipWhitespace(body, i + 1);
  }
  if (i < body.length) throw malformed(body, i, protocolText.expectEnd());
  return members;
}

function decodeString(raw: string): string {
  return raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
}

function keyList(members: ReadonlyMap<string, Member>): Text | string {
  return members.size === 0 ? protocolText.noKeys() : [...members.keys()].map((key) => `"${key}"`).join(', ');
}
