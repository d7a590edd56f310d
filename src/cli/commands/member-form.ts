import { extname, resolve } from 'node:path';
import { FORM_FIELDS, callbackProblemText, commonFieldsText, formFieldName, parseFormFields, parseInfos } from '../../cards/member-form.js';
import { ACTIVATE_FORM_QUERY_METHOD, ACTIVATE_URL_APPLY_METHOD, FORM_TEMPLATE_SET_METHOD, OAUTH_TOKEN_METHOD } from '../../cards/methods.js';
import { UsageError } from '../../errors.js';
import { memberFormText } from '../../i18n/en/member-form.js';
import { local } from '../../i18n/text.js';
import { loadStyle } from '../../render/style.js';
import { keyValueTable } from '../../render/tables.js';
import { outputFormat, useColor, writeLine, type Context } from '../context.js';
import { checkOutputFile, writeOutputFile, type OutputFile } from '../output-file.js';
import { readAuthToken, readTokenFile } from './sign.js';
import { printNode, refuseBadTemplateId, withGateway } from './card-call.js';

const NAMES = Object.keys(FORM_FIELDS).join(', ');

function fieldsOf(flag: string, text: string | undefined): string[] {
  if (text === undefined) return [];
  const { values, unknown } = parseFormFields(text);
  if (unknown.length > 0) {
    throw new UsageError(memberFormText.unknownFields({ flag, fields: unknown.map((u) => JSON.stringify(u)).join(', '), count: unknown.length }), { hint: memberFormText.unknownFieldsHint({ names: NAMES }) });
  }
  return values;
}

/**
 * `form set <template-id> --required mobile,name --optional gender,...`: the template's sign-up form
 * (alipay.marketing.card.formtemplate.set), the names mapped to OPEN_FORM_FIELD_* values and sent
 * as the JSON strings the API types them as, the reference's rules checked first.
 */
export async function runFormSet(ctx: Context, templateId: string, opts: { required?: string; optional?: string; maxAttempts?: number }): Promise<void> {
  refuseBadTemplateId(templateId);
  const required = fieldsOf('--required', opts.required);
  const optional = fieldsOf('--optional', opts.optional);
  if (required.length === 0) throw new UsageError(memberFormText.requiredEmpty(), { hint: memberFormText.requiredEmptyHint() });
  const both = required.filter((f) => optional.includes(f));
  const all = [...required, ...optional];
  const twice = all.filter((f, i) => all.indexOf(f) !== i && !both.includes(f));
  if (both.length > 0) throw new UsageError(memberFormText.requiredAndOptional({ fields: both.map(formFieldName).join(', ') }));
  if (twice.length > 0) throw new UsageError(memberFormText.givenTwice({ fields: [...new Set(twice)].map(formFieldName).join(', ') }));
  if (all.length > 20) throw new UsageError(memberFormText.tooManyFields({ count: all.length }));
  const biz = { template_id: templateId, fields: { required: commonFieldsText(required), ...(optional.length > 0 ? { optional: commonFieldsText(optional) } : {}) } };
  await withGateway(ctx, { method: FORM_TEMPLATE_SET_METHOD, biz }, opts, async (client, shown) => {
    // The reference: setting the form again makes members who already hold a card see the form again.
    writeLine(ctx.stderr, local(memberFormText.setOnceNote()));
    const response = await client.call(FORM_TEMPLATE_SET_METHOD, { bizContent: JSON.stringify(biz), retrySafe: true });
    if (outputFormat(ctx) !== 'table') return printNode(ctx, response);
    const rows: Array<[string, string]> = [['template_id', templateId], ['required', required.map(formFieldName).join(', ')], ['optional', optional.map(formFieldName).join(', ') || local(memberFormText.none())]];
    const table = keyValueTable(local(memberFormText.formSetTitle({ where: shown.where ?? '' })), rows, await loadStyle(useColor(ctx)), shown.width);
    ctx.stdout.write(table + '\n');
  });
}

export interface FormLinkOptions {
  callback?: string;
  outString?: string;
  followAppId?: string;
  qr?: boolean;
  qrOut?: string;
  force?: boolean;
  maxAttempts?: number;
}

/**
 * `form link <template-id> --callback <url>`: the sign-up link (alipay.marketing.card.activateurl.apply),
 * printed decoded; `--qr` draws it in the terminal, `--qr-out poster.png|svg` writes it to print.
 */
export async function runFormLink(ctx: Context, templateId: string, opts: FormLinkOptions): Promise<void> {
  refuseBadTemplateId(templateId);
  if (opts.callback === undefined) throw new UsageError(memberFormText.callbackRequired());
  const problem = callbackProblemText(opts.callback);
  if (problem) throw new UsageError(memberFormText.callbackInvalid({ callback: opts.callback, problem }));
  if (opts.outString !== undefined && opts.outString.length > 256) throw new UsageError(memberFormText.outStringTooLong({ length: opts.outString.length }));
  const qrOut: OutputFile | undefined = opts.qrOut === undefined ? undefined : { path: resolve(ctx.cwd, opts.qrOut), what: `--qr-out ${opts.qrOut}` };
  const qrType = qrOut === undefined ? undefined : extname(qrOut.path).toLowerCase() === '.svg' ? 'svg' : 'png';
  if (qrOut !== undefined && !['.png', '.svg'].includes(extname(qrOut.path).toLowerCase())) throw new UsageError(memberFormText.qrOutExtension({ file: String(opts.qrOut) }));
  // Before the call, as --out of template query and preview: replaced only with --force.
  if (qrOut !== undefined) checkOutputFile(qrOut, opts.force);
  const biz = { template_id: templateId, callback: opts.callback, ...(opts.outString ? { out_string: opts.outString } : {}), ...(opts.followAppId ? { follow_app_id: opts.followAppId } : {}) };
  await withGateway(ctx, { method: ACTIVATE_URL_APPLY_METHOD, biz }, opts, async (client) => {
    const response = await client.call(ACTIVATE_URL_APPLY_METHOD, { bizContent: JSON.stringify(biz), retrySafe: true });
    const encoded = String(response.node.apply_card_url ?? '');
    // The reference: apply_card_url comes URL-encoded; decode it before use.
    const link = decodeURIComponent(encoded);
    const QRCode = (opts.qr || qrOut) ? (await import('qrcode')).default : undefined;
    if (QRCode && qrOut) {
      const picture = qrType === 'svg' ? await QRCode.toString(link, { type: 'svg', margin: 2, width: 512 }) : await QRCode.toBuffer(link, { type: 'png', margin: 2, width: 512 });
      await writeOutputFile(qrOut, picture);
      writeLine(ctx.stderr, local(memberFormText.qrWritten({ file: String(opts.qrOut) })));
    }
    if (outputFormat(ctx) !== 'table') {
      ctx.stdout.write(JSON.stringify({ ...JSON.parse(response.nodeText), link }) + '\n');
      return;
    }
    if (QRCode && opts.qr) ctx.stdout.write(await QRCode.toString(link, { type: 'terminal', small: true }));
    writeLine(ctx.stdout, link);
  });
}

/** `form query <template-id> --request-id r --auth-token-file f`: what the member submitted (activateform.query). */
export async function runFormQuery(ctx: Context, templateId: string, opts: { requestId?: string; authTokenFile?: string; maxAttempts?: number }): Promise<void> {
  refuseBadTemplateId(templateId);
  if (opts.requestId === undefined) throw new UsageError(memberFormText.requestIdRequired());
  const authToken = await readAuthToken(ctx, opts.authTokenFile);
  if (authToken === undefined) throw new UsageError(memberFormText.authTokenRequired());
  const biz = { biz_type: 'MEMBER_CARD', template_id: templateId, request_id: opts.requestId };
  await withGateway(ctx, { method: ACTIVATE_FORM_QUERY_METHOD, biz, authToken }, opts, async (client, shown) => {
    const response = await client.call(ACTIVATE_FORM_QUERY_METHOD, { bizContent: JSON.stringify(biz), authToken, retrySafe: true });
    if (outputFormat(ctx) !== 'table') return printNode(ctx, response);
    const rows = Object.entries(parseInfos(response.node.infos)).map(([field, value]) => [formFieldName(field), value] as [string, string]);
    const table = keyValueTable(local(memberFormText.formQueryTitle({ requestId: String(opts.requestId), where: shown.where ?? '' })), rows, await loadStyle(useColor(ctx)), shown.width);
    ctx.stdout.write(table + '\n');
  });
}

export interface MemberTokenOptions {
  codeFile?: string;
  refreshTokenFile?: string;
  out?: string;
  refreshOut?: string;
  maxAttempts?: number;
}

/**
 * `member token --code-file f` (or `--refresh-token-file f`): alipay.system.oauth.token. The
 * member's access token goes to `--out` (created 0600; what --auth-token-file reads), the refresh
 * token to `--refresh-out`; the table shows the member and the expiries, never a token. `--json`
 * prints the answer, tokens and all, as asked. Codes and tokens are read from files, never flags
 * (a flag shows in `ps`), and are redacted from --verbose.
 */
export async function runMemberToken(ctx: Context, opts: MemberTokenOptions): Promise<void> {
  if ((opts.codeFile === undefined) === (opts.refreshTokenFile === undefined)) {
    throw new UsageError(memberFormText.tokenSourceOne());
  }
  const json = outputFormat(ctx) !== 'table';
  if (opts.out === undefined && !json) throw new UsageError(memberFormText.tokenOutRequired(), { hint: memberFormText.tokenOutRequiredHint() });
  // Checked before the code is spent (it is good once): a token that cannot be written is lost.
  const tokenFiles = ([['--out', opts.out], ['--refresh-out', opts.refreshOut]] as const).map(([flag, file]) => (file === undefined ? undefined : { path: resolve(ctx.cwd, file), what: `${flag} ${file}` }));
  for (const file of tokenFiles) if (file !== undefined) checkOutputFile(file, true);
  const params: Record<string, string> = opts.codeFile !== undefined
    ? { grant_type: 'authorization_code', code: readTokenFile(ctx, '--code-file', opts.codeFile, memberFormText.authCodeFile()) }
    : { grant_type: 'refresh_token', refresh_token: readTokenFile(ctx, '--refresh-token-file', opts.refreshTokenFile!, memberFormText.refreshTokenFile()) };
  await withGateway(ctx, { method: OAUTH_TOKEN_METHOD, params }, opts, async (client, shown) => {
    // An auth code is good once: a retry after a lost answer would only be refused.
    const response = await client.call(OAUTH_TOKEN_METHOD, { params, retrySafe: false });
    const node = response.node as Record<string, unknown>;
    const [accessFile, refreshFile] = tokenFiles;
    if (accessFile !== undefined) await writeOutputFile(accessFile, `${String(node.access_token)}\n`, 0o600);
    if (refreshFile !== undefined) await writeOutputFile(refreshFile, `${String(node.refresh_token)}\n`, 0o600);
    if (json) {
      // Written to files as asked: not printed as well (stdout may be a log).
      const shownNode = { ...(JSON.parse(response.nodeText) as Record<string, unknown>) };
      if (opts.out !== undefined) shownNode.access_token = `<written to ${opts.out}>`;
      if (opts.refreshOut !== undefined) shownNode.refresh_token = `<written to ${opts.refreshOut}>`;
      else if (opts.out !== undefined) shownNode.refresh_token = '<not kept: --refresh-out <file> keeps it>';
      ctx.stdout.write(JSON.stringify(shownNode) + '\n');
      return;
    }
    const rows: Array<[string, string]> = [
      ['user_id', String(node.user_id ?? '')],
      [local(memberFormText.accessTokenLabel()), local(memberFormText.tokenIn({ file: String(opts.out), seconds: String(node.expires_in) }))],
      [local(memberFormText.refreshTokenLabel()), local(opts.refreshOut ? memberFormText.tokenIn({ file: opts.refreshOut, seconds: String(node.re_expires_in) }) : memberFormText.refreshNotKept())],
    ];
    const table = keyValueTable(local(memberFormText.memberTokenTitle({ where: shown.where ?? '' })), rows, await loadStyle(useColor(ctx)), shown.width);
    ctx.stdout.write(table + '\n');
  });
}
