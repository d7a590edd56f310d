import { programCommandsText } from '../../i18n/en/program-commands.js';
import { local } from '../../i18n/text.js';
import { outputFormat, writeLine, type Context } from '../context.js';

/** What a bug report needs: this tool's version, Node's, and the platform it runs on. */
export function runVersion(ctx: Context, version: string): void {
  const facts = { version, node: process.version, platform: process.platform, arch: process.arch };
  if (outputFormat(ctx) !== 'table') {
    writeLine(ctx.stdout, JSON.stringify(facts));
    return;
  }
  writeLine(ctx.stdout, `alipay-card ${facts.version}`);
  writeLine(ctx.stdout, `node ${facts.node}`);
  writeLine(ctx.stdout, local(programCommandsText.versionPlatform({ platform: facts.platform, arch: facts.arch })));
}
