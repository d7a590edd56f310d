import { TEMPLATE_QUERY_METHOD } from '../../cards/methods.js';
import { validateTemplateQuery } from '../../cards/validate-template.js';
import { redactRequest } from '../../client/redact.js';
import { buildRequest } from '../../client/request.js';
import { formatTimestamp } from '../../protocol/index.js';
import { resolve } from 'node:path';
import { templateCommandsFilesText as t } from '../../i18n/en/template-commands-files.js';
import { local } from '../../i18n/text.js';
import { outputFormat, writeLine, type Context } from '../context.js';
import { checkOutputFile, writeOutputFile } from '../output-file.js';
import { printDryRun, printGatewayResult } from '../gateway-output.js';
import { loadSession } from '../session.js';
import { reportProblems } from './card-open-problems.js';

export async function runTemplateQuery(ctx: Context, templateId: string, opts: { maxAttempts?: number; out?: string; force?: boolean }): Promise<void> {
  // `--out -` is stdout, as `template create -` reads stdin (gh, aws and jq take - so): the file's text alone.
  const toStdout = opts.out === '-';
  const out = opts.out === undefined || toStdout ? undefined : { path: resolve(ctx.cwd, opts.out), what: `--out ${opts.out}` };
  // Before the call: a missing directory or a directory as the file is known now.
  if (out !== undefined) checkOutputFile(out, opts.force);
  const biz = { template_id: templateId };
  reportProblems(validateTemplateQuery(biz));
  const bizContent = JSON.stringify(biz);
  const session = await loadSession(ctx, { signingOnly: Boolean(ctx.globals.dryRun) });
  if (ctx.globals.dryRun) {
    // Signed as a real call would be, as card open's dry run is: the local app for the local gateway.
    const [{ dryRunTarget }, { printGatewayBanner }] = await Promise.all([import('../gateway-client.js'), import('../gateway-banner.js')]);
    printGatewayBanner(ctx, session.config);
    const target = dryRunTarget(ctx, session);
    const request = buildRequest(target.gatewayUrl, { method: TEMPLATE_QUERY_METHOD, bizContent, timestamp: formatTimestamp(ctx.now()) }, target.identity);
    // app_auth_token is the merchant's credential: shown as card open and sign show it, redacted.
    await printDryRun(ctx, redactRequest(request), target.note);
    return;
  }
  const { connectGateway } = await import('../gateway-client.js');
  const gateway = await connectGateway(ctx, session, { maxAttempts: opts.maxAttempts });
  try {
    const response = await gateway.client.call(TEMPLATE_QUERY_METHOD, { bizContent, retrySafe: true });
    if (out !== undefined || toStdout) {
      // What template create (and modify) take: the levels under create's name, no code or msg, no request_id (each create makes its own).
      const { createRequestOf } = await import('../../cards/template-request.js');
      const text = JSON.stringify(createRequestOf(response.node), null, 2) + '\n';
      if (out === undefined) return void ctx.stdout.write(text);
      await writeOutputFile(out, text);
      writeLine(ctx.stderr, local(t.queryWritten({ templateId, out: String(opts.out) })));
      // JSON as every command's: what the line on stderr says, for a script (as template preview --out).
      if (outputFormat(ctx) !== 'table') ctx.stdout.write(JSON.stringify({ template_id: templateId, out: out.path }) + '\n');
      return;
    }
    await printGatewayResult(ctx, response, 'template', undefined, gateway.local !== undefined);
  } finally {
    await gateway.close();
  }
}
