import type { GatewayResponse } from '../client/response.js';
import { requestJson } from '../client/redact.js';
import { bodyText, type SignedRequest } from '../client/request.js';
import { gatewayCliText } from '../i18n/en/gateway-cli.js';
import { local, type Text } from '../i18n/text.js';
import { renderSections } from '../render/sections.js';
import { loadStyle } from '../render/style.js';
import { outputFormat, useColor, type Context } from './context.js';
import { stdoutWidth } from './terminal-width.js';

/**
 * `--json` prints the node exactly as the gateway sent it; a table otherwise, whose result line
 * says so when the answer came from the in-process local gateway (the banner on stderr may be
 * long gone from the screen, or in another file, by the time the table is read).
 */
/** The local gateway's mark for a table a person reads, in their language. */
export function localWhere(): string {
  return local(gatewayCliText.localWhere());
}


export async function printGatewayResult(ctx: Context, response: GatewayResponse, kind: 'card' | 'template', outSerialNo?: string, onLocal = false): Promise<void> {
  if (outputFormat(ctx) !== 'table') {
    ctx.stdout.write(response.nodeText + '\n');
    return;
  }
  const style = await loadStyle(useColor(ctx));
  if (kind === 'card') {
    const { renderIssuedCard } = await import('../render/card.js');
    ctx.stdout.write(renderIssuedCard(response.node, outSerialNo, style, onLocal ? localWhere() : undefined, stdoutWidth(ctx)));
  } else {
    const { renderTemplate } = await import('../render/template.js');
    ctx.stdout.write(renderTemplate(response.node, style, stdoutWidth(ctx), onLocal ? localWhere() : undefined));
  }
}

/** A signed request as it would be sent (secrets already redacted by the caller). */
export async function printDryRun(ctx: Context, request: SignedRequest, note?: Text | string): Promise<void> {
  if (outputFormat(ctx) !== 'table') {
    ctx.stdout.write(requestJson(request) + '\n');
    return;
  }
  const style = await loadStyle(useColor(ctx));
  ctx.stdout.write(renderSections([
    { title: local(gatewayCliText.stringToSignTitle()), text: request.signContent },
    { title: local(gatewayCliText.signatureTitle({ signType: request.signType, charset: request.charset })), text: request.sign },
    { title: local(gatewayCliText.paramsTitle()), rows: Object.entries(request.params) },
    { title: local(note ? gatewayCliText.requestNoteTitle({ note }) : gatewayCliText.requestTitle()), text: `POST ${request.url}\nContent-Type: ${request.contentType}\n\n${bodyText(request)}` },
  ], style));
}
