import { describeProblems, isJsonObject, validateTemplateCreate, type TemplateCreateBiz } from '../cards/index.js';
import { splitCreateRequest } from '../cards/template-request.js';
import { ConfigError } from '../errors.js';
import { gatewayLocalText } from '../i18n/en/gateway-local.js';
import { formatTimestamp } from '../protocol/index.js';
import { templateDefinition } from './methods/templates.js';
import { requestDigest } from './methods/open-card.js';
import type { GatewayStore } from './store.js';

/**
 * Templates the gateway starts with (`gateway serve --templates <file.json>`, DESIGN section 5:
 * "seeded from a file"): each a template.create biz_content plus the `template_id` it is stored
 * under and, when the gateway knows more than one app, the `app_id` that owns it. request_id is
 * optional (default: the template_id). Checked as template.create checks a template; one already
 * in the state is kept when it is the same template, and refused when it is not (change the
 * template_id or start from another state file), as a reused request_id is.
 */
export function seedTemplates(store: GatewayStore, seeds: readonly unknown[], source: string, now: Date): void {
  const seen = new Set<string>();
  seeds.forEach((seed, index) => {
    const at = `${source}[${index}]`;
    if (!isJsonObject(seed)) throw new ConfigError(gatewayLocalText.seedNotObject({ at }));
    const { template_id: templateId, app_id: givenAppId, ...biz } = seed;
    if (typeof templateId !== 'string' || !/^\S{1,32}$/.test(templateId)) {
      throw new ConfigError(gatewayLocalText.seedTemplateId({ at }));
    }
    if (seen.has(templateId)) throw new ConfigError(gatewayLocalText.seedTwice({ at, templateId }));
    seen.add(templateId);
    const appId = ownerOf(store, givenAppId, at);
    const request = { ...biz, request_id: biz.request_id ?? templateId };
    const problems = validateTemplateCreate(request);
    if (problems.length > 0) throw new ConfigError(gatewayLocalText.seedInvalid({ at, templateId, problems: describeProblems(problems) }));
    const { requestId, definition } = splitCreateRequest(request as unknown as TemplateCreateBiz);
    const template = templateDefinition(definition);

    const stored = store.template(appId, templateId);
    if (stored !== undefined && requestDigest(stored.template) === requestDigest(template)) return;
    if (store.hasTemplateId(templateId)) {
      throw new ConfigError(stored ? gatewayLocalText.seedDifferent({ at, templateId }) : gatewayLocalText.seedDifferentOtherApp({ at, templateId }), {
        hint: gatewayLocalText.seedDifferentHint(),
      });
    }
    const sameRequest = store.templateForRequest(appId, requestId);
    if (sameRequest) throw new ConfigError(gatewayLocalText.seedRequestUsed({ at, requestId, templateId: sameRequest.template_id, appId }));
    store.addTemplate({ app_id: appId, template_id: templateId, request_id: requestId, created_at: formatTimestamp(now), template });
  });
}

/** The app a seeded template belongs to: its app_id, or the only app the gateway knows. */
function ownerOf(store: GatewayStore, appId: unknown, at: string): string {
  const known = [...store.apps.keys()];
  if (appId === undefined) {
    if (known.length === 1) return known[0]!;
    throw new ConfigError(known.length === 0 ? gatewayLocalText.seedNoApp({ at }) : gatewayLocalText.seedWhichApp({ at, apps: known.join(', ') }));
  }
  if (typeof appId !== 'string' || !store.apps.has(appId)) {
    const given = JSON.stringify(appId);
    throw new ConfigError(known.length === 0 ? gatewayLocalText.seedUnknownAppNone({ at, appId: given }) : gatewayLocalText.seedUnknownApp({ at, appId: given, apps: known.join(', ') }));
  }
  return appId;
}
