import { originText } from '../config/origin-text.js';
import { isProductionGateway, type ResolvedConfig } from '../config/index.js';
import { UsageError } from '../errors.js';
import { gatewayCliText } from '../i18n/en/gateway-cli.js';
import { local, type Text } from '../i18n/text.js';
import { writeLine, type Context } from './context.js';
import { confirmationMode, getPrompter } from './prompts.js';

/** Where a command's requests go, as far as a person must know before trusting the result. */
export type GatewayKind = 'production' | 'local' | 'other';

export function gatewayKind(config: ResolvedConfig): GatewayKind {
  if (config.profile.gatewayUrl === undefined) return 'local';
  return isProductionGateway(config.profile.gatewayUrl) ? 'production' : 'other';
}

/** The local gateway was chosen by default, because nothing is configured (no file, no app in the environment). */
function unconfigured(config: ResolvedConfig): boolean {
  return gatewayKind(config) === 'local' && config.sources.gateway === 'default';
}

/**
 * The one-line banner on stderr, sent or not (--dry-run): for the production gateway (DESIGN
 * section 1), and for the in-process local gateway, whose "issued" cards exist nowhere but on this
 * machine — chosen by default when no config is found (a cron job with another HOME), so a result
 * read later cannot be taken for Alipay's. Shown for `--gateway local` too: the result is no more
 * real for having been asked for. The demo, whose every line says it is local, does not print it.
 */
export function gatewayBanner(ctx: Context, config: ResolvedConfig, options: { reads?: boolean } = {}): Text | undefined {
  // A dry run that connects (template modify looks the template up) sends lookups, not nothing.
  const dryRun = ctx.globals.dryRun ? (options.reads ? 'reads' : 'yes') : 'no';
  const { profile } = config;
  switch (gatewayKind(config)) {
    case 'production':
      return gatewayCliText.bannerProduction({ profile: config.profileName, appId: profile.appId ?? gatewayCliText.noAppId(), url: profile.gatewayUrl ?? '', dryRun });
    case 'local':
      return unconfigured(config)
        ? gatewayCliText.bannerLocalUnconfigured({ dryRun })
        : gatewayCliText.bannerLocalChosen({ source: config.sources.gateway !== undefined ? originText(config.sources.gateway) : gatewayCliText.theProfile(), dryRun });
    default:
      return undefined;
  }
}

/** `reads`: the command connects, so a dry run of it still sends its lookups. */
export function printGatewayBanner(ctx: Context, config: ResolvedConfig, options: { reads?: boolean } = {}): void {
  const banner = gatewayBanner(ctx, config, options);
  if (banner !== undefined) writeLine(ctx.stderr, local(banner));
}

/**
 * Before `card batch` sends its first row, on a terminal: real cards on the production gateway, or
 * — with no config at all — cards that exist only in the in-process local gateway, whose results
 * file would list card numbers Alipay never issued. `--gateway local` (or a profile naming it) is
 * a choice already made, and is not asked about. A "no" is exit 2, as in card open; 130 is kept
 * for Ctrl-C (DESIGN section 1). Without a terminal nothing is asked (scripts; the banner says it).
 */
export async function confirmBatchGateway(ctx: Context, config: ResolvedConfig, rows: number, verb: 'issue' | 'update' | 'delete' = 'issue'): Promise<void> {
  const question = gatewayKind(config) === 'production'
    ? gatewayCliText.confirmProduction({ verb, rows })
    : unconfigured(config) ? gatewayCliText.confirmUnconfigured({ verb, rows }) : undefined;
  if (question === undefined || rows === 0 || confirmationMode(ctx, 'card batch') === 'skip') return;
  if (await (await getPrompter(ctx)).confirm({ message: local(question), default: false })) return;
  throw new UsageError(gatewayCliText.cancelled(), {
    hint: gatewayKind(config) === 'production' ? gatewayCliText.cancelledProductionHint({ verb }) : gatewayCliText.cancelledUnconfiguredHint({ verb }),
  });
}

/** The last line of a batch's summary on the local gateway, so the counts above it are not read as Alipay's. */
export function localResultNote(connected: { local?: unknown }, done = 'issued'): string[] {
  return connected.local ? [local(gatewayCliText.localResultNote({ done }))] : [];
}
