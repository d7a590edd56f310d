import type { MemberExtInfo, MerchantCard, TemplateDefinition } from '../cards/index.js';
import { appFromRecord, type AppRecord, type RegisteredApp } from './apps.js';
import type { IdentityRecord } from './identity.js';

export interface StoredTemplate {
  app_id: string;
  template_id: string;
  /** template.create's request_id: creating again with it returns this template. */
  request_id: string;
  created_at: string;
  template: TemplateDefinition;
}

export interface StoredCard {
  app_id: string;
  out_serial_no: string;
  biz_card_no: string;
  card_template_id: string;
  user_uni_id: string;
  user_uni_id_type: string;
  /** card_info as the open call answered it, after the template's field rules. */
  fields: MerchantCard;
  member_ext_info?: MemberExtInfo;
  /** Other top-level members of the request the answer echoes (open_card_channel, ...). */
  echoed?: Record<string, unknown>;
  created_at: string;
  /** SHA-256 of the request's biz_content, canonicalised: a replay must match it. */
  request_digest: string;
}

/** One thing stored at run time, as the state log (state-log.ts) holds it. */
export type StoredEntry = { card: StoredCard } | { template: StoredTemplate } | { app: AppRecord };

/** Everything the state file holds. */
export interface StateData {
  version: 1;
  identity?: IdentityRecord;
  apps: AppRecord[];
  templates: StoredTemplate[];
  cards: StoredCard[];
}

/**
 * The gateway's state in memory. Lookups and inserts are synchronous, so a request that checks
 * out_serial_no and inserts its card cannot interleave with another (Node runs one at a time);
 * `revision` counts changes so the writer knows whether what it wrote is still the latest.
 */
export class GatewayStore {
  readonly apps = new Map<string, RegisteredApp>();
  identity: IdentityRecord | undefined;
  revision = 0;
  /**
   * Given each app, template and card before it is stored: it writes the entry to the state log, and
   * a throw (the log could not be written) leaves the store as it was, so nothing is answered for
   * what is not on disk, and a retry finds nothing to replay.
   */
  persist: ((entry: StoredEntry) => void) | undefined;
  private readonly templateList: StoredTemplate[] = [];
  private readonly templatesById = new Map<string, StoredTemplate>();
  private readonly templatesByRequest = new Map<string, StoredTemplate>();
  private readonly cardList: StoredCard[] = [];
  private readonly cardsBySerial = new Map<string, StoredCard>();
  private readonly cardNumbers = new Set<string>();
  /** Template ids any app may use, not only the one that created them (see GatewayOptions.sharedTemplateIds). */
  private readonly shared = new Set<string>();

  constructor(data?: StateData, apps: RegisteredApp[] = []) {
    this.identity = data?.identity;
    for (const app of apps) this.apps.set(app.appId, app);
    for (const template of data?.templates ?? []) this.insertTemplate(template);
    for (const card of data?.cards ?? []) this.insertCard(card);
  }

  setApp(app: RegisteredApp): void {
    this.persist?.({ app: app.record });
    this.apps.set(app.appId, app);
    this.revision++;
  }

  setIdentity(identity: IdentityRecord): void {
    this.identity = identity;
    this.revision++;
  }

  template(appId: string, templateId: string): StoredTemplate | undefined {
    const template = this.templatesById.get(templateId);
    // A template belongs to the app that created it; to any other app it does not exist.
    return template?.app_id === appId || (template && this.shared.has(templateId)) ? template : undefined;
  }

  shareTemplate(templateId: string): void {
    this.shared.add(templateId);
  }

  templateForRequest(appId: string, requestId: string): StoredTemplate | undefined {
    return this.templatesByRequest.get(`${appId}\u0000${requestId}`);
  }

  hasTemplateId(templateId: string): boolean {
    return this.templatesById.has(templateId);
  }

  addTemplate(template: StoredTemplate): void {
    if (this.templatesById.has(template.template_id)) throw new Error(`template ${template.template_id} is already stored`);
    this.persist?.({ template });
    this.insertTemplate(template);
    this.revision++;
  }

  card(appId: string, outSerialNo: string): StoredCard | undefined {
    return this.cardsBySerial.get(`${appId}\u0000${outSerialNo}`);
  }

  hasCardNumber(bizCardNo: string): boolean {
    return this.cardNumbers.has(bizCardNo);
  }

  addCard(card: StoredCard): void {
    if (this.card(card.app_id, card.out_serial_no) || this.cardNumbers.has(card.biz_card_no)) {
      throw new Error(`card ${card.out_serial_no} / ${card.biz_card_no} is already stored`);
    }
    this.persist?.({ card });
    this.insertCard(card);
    this.revision++;
  }

  /**
   * Puts back one entry of a state log, beyond what the state file holds: a template or card already
   * here is skipped; an app replaces its earlier registration, as it did when it was logged.
   */
  restore(entry: StoredEntry): void {
    if ('app' in entry) this.setApp(appFromRecord(entry.app));
    else if ('template' in entry) {
      if (!this.templatesById.has(entry.template.template_id)) this.addTemplate(entry.template);
    } else if (!this.card(entry.card.app_id, entry.card.out_serial_no) && !this.cardNumbers.has(entry.card.biz_card_no)) {
      this.addCard(entry.card);
    }
  }

  /** Insertion order; the arrays only grow, so a writer may walk a prefix while requests add more. */
  templates(): readonly StoredTemplate[] {
    return this.templateList;
  }

  cards(): readonly StoredCard[] {
    return this.cardList;
  }

  private insertTemplate(template: StoredTemplate): void {
    this.templateList.push(template);
    this.templatesById.set(template.template_id, template);
    this.templatesByRequest.set(`${template.app_id}\u0000${template.request_id}`, template);
  }

  private insertCard(card: StoredCard): void {
    this.cardList.push(card);
    this.cardsBySerial.set(`${card.app_id}\u0000${card.out_serial_no}`, card);
    this.cardNumbers.add(card.biz_card_no);
  }
}
