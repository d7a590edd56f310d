import type { MemberExtInfo, MerchantCard, TemplateDefinition } from '../cards/index.js';
import type { FormSpec } from '../cards/member-form.js';
import { applyCardUpdate } from '../cards/card-update.js';
import { appFromRecord, type AppRecord, type RegisteredApp } from './apps.js';
import type { IdentityRecord } from './identity.js';
import { MemberDesk } from './member-desk.js';

export interface StoredTemplate {
  app_id: string;
  template_id: string;
  /** template.create's request_id: creating again with it returns this template. */
  request_id: string;
  created_at: string;
  /** As it stands now: as created, or as last modified (modified_at). */
  template: TemplateDefinition;
  modified_at?: string;
  /** template.modify's request_ids on it, each with its request's digest: the same again is a replay, another request under one is refused. */
  modify_requests?: Record<string, string>;
}

/**
 * A template's sign-up form (formtemplate.set), kept as its template is: a restarted gateway, and
 * each `--gateway local` run, still knows it (our decision; Alipay keeps it with the template).
 * Setting it again replaces it.
 */
export interface StoredForm {
  app_id: string;
  template_id: string;
  form: FormSpec;
  set_at: string;
}

/** A template.modify, logged as the template it left: replaying it sets the same again. */
export interface TemplateModification {
  app_id: string;
  template_id: string;
  at: string;
  template: TemplateDefinition;
  /** Absent in logs written before a modify's request_id was kept. */
  request_id?: string;
  request_digest?: string;
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

/**
 * A change to an issued card (card.update, card.delete), kept beside the card as it was opened: the
 * card itself is never rewritten, so its state is its open plus its changes, in order, and its
 * history is those changes.
 */
export interface CardChange {
  app_id: string;
  biz_card_no: string;
  /** 1 for the card's first change, then 2, ...: a change put back from the log is not applied twice. */
  seq: number;
  action: 'update' | 'delete';
  /** When the gateway stored it. */
  at: string;
  /** update: occur_time, card_info as sent (the members it applied), template_id when the card moved. */
  occur_time?: string;
  card_info?: Record<string, unknown>;
  template_id?: string;
  /** delete: the request's serial, the reason, its ext_info if any, and the serial the gateway answered. */
  out_serial_no?: string;
  reason_code?: string;
  ext_info?: string;
  biz_serial_no?: string;
}

/**
 * An image uploaded by alipay.offline.material.image.upload: its bytes are kept apart, by their
 * SHA-256 (ImageBlobs), so the state holds the record only. The same bytes uploaded again by the
 * same app get the same id: nothing is stored twice.
 */
export interface StoredImage {
  app_id: string;
  image_id: string;
  sha256: string;
  /** image_type and image_name as sent; the format the bytes are, as its MIME type. */
  image_type: string;
  image_name: string;
  content_type: string;
  bytes: number;
  width: number;
  height: number;
  created_at: string;
}

/** Where image bytes live: files under the state directory, or memory for a gateway with no state file. */
export interface ImageBlobs {
  /** Durable once it returns (written and synced); the same content again is a no-op. */
  write(sha256: string, bytes: Buffer): void;
  read(sha256: string): Buffer | undefined;
  /** A file:// URL of the stored bytes, where they are a file. */
  fileUrl?(sha256: string): string;
}

export class MemoryBlobs implements ImageBlobs {
  private readonly blobs = new Map<string, Buffer>();
  write(sha256: string, bytes: Buffer): void {
    this.blobs.set(sha256, bytes);
  }
  read(sha256: string): Buffer | undefined {
    return this.blobs.get(sha256);
  }
}

/** A card as it stands now: the open, with every change applied. */
export interface CardState {
  card: StoredCard;
  fields: MerchantCard;
  template_id: string;
  changes: CardChange[];
  deleted?: CardChange;
}

/** One thing stored at run time, as the state log (state-log.ts) holds it. */
export type StoredEntry =
  | { card: StoredCard }
  | { template: StoredTemplate }
  | { template_modify: TemplateModification }
  | { app: AppRecord }
  | { card_change: CardChange }
  | { image: StoredImage }
  | { form: StoredForm };

/** Everything the state file holds. */
export interface StateData {
  version: 1;
  identity?: IdentityRecord;
  apps: AppRecord[];
  templates: StoredTemplate[];
  cards: StoredCard[];
  /** Absent in files written before cards could change. */
  card_changes?: CardChange[];
  /** Absent in files written before images could be uploaded. */
  images?: StoredImage[];
  /** Absent in files written before sign-up forms were kept. */
  forms?: StoredForm[];
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
  private readonly modifiesByRequest = new Map<string, StoredTemplate>();
  private readonly cardList: StoredCard[] = [];
  private readonly cardsBySerial = new Map<string, StoredCard>();
  private readonly cardNumbers = new Set<string>();
  /** Template ids any app may use, not only the one that created them (see GatewayOptions.sharedTemplateIds). */
  private readonly shared = new Set<string>();
  private readonly states = new Map<string, CardState>();
  private readonly changeList: CardChange[] = [];
  private readonly deletesBySerial = new Map<string, CardChange>();
  private readonly imageList: StoredImage[] = [];
  private readonly imagesById = new Map<string, StoredImage>();
  /** Image bytes; the gateway puts them under its state directory when it has one. */
  blobs: ImageBlobs = new MemoryBlobs();
  /**
   * The gateway's URL, once it listens: image_url points at GET /_local/images/<id> on it — or at
   * the stored file, when `imageUrlsAsFiles` (the in-process gateway, whose port is gone once the
   * command ends).
   */
  baseUrl: string | undefined;
  imageUrlsAsFiles = false;
  /** Submitted forms, auth codes and tokens (in memory); the sign-up forms are kept with the templates (formsByTemplate). */
  readonly members = new MemberDesk();
  private readonly formsByTemplate = new Map<string, StoredForm>();

  constructor(data?: StateData, apps: RegisteredApp[] = []) {
    this.identity = data?.identity;
    for (const app of apps) this.apps.set(app.appId, app);
    for (const template of data?.templates ?? []) this.insertTemplate(template);
    for (const card of data?.cards ?? []) this.insertCard(card);
    for (const change of data?.card_changes ?? []) this.insertChange(change);
    for (const image of data?.images ?? []) this.insertImage(image);
    for (const form of data?.forms ?? []) this.insertForm(form);
  }

  /** Logged first, as every other entry; replaces the template's form. */
  setForm(form: StoredForm): void {
    this.persist?.({ form });
    this.insertForm(form);
    this.revision++;
  }

  /** One per template, as last set. */
  forms(): StoredForm[] {
    return [...this.formsByTemplate.values()];
  }

  /** The app's form for this template, as last set. */
  form(appId: string, templateId: string): FormSpec | undefined {
    return this.formsByTemplate.get(MemberDesk.key(appId, templateId))?.form;
  }

  private insertForm(form: StoredForm): void {
    this.formsByTemplate.set(MemberDesk.key(form.app_id, form.template_id), form);
  }

  /** The app's image with this id; an image of another app does not exist for it. */
  image(appId: string, imageId: string): StoredImage | undefined {
    const image = this.imagesById.get(imageId);
    return image?.app_id === appId ? image : undefined;
  }

  /** Any app's image: what GET /_local/images/<id> serves. */
  anyImage(imageId: string): StoredImage | undefined {
    return this.imagesById.get(imageId);
  }

  /** The bytes must be in `blobs` already: the record is logged last, so a record always has its bytes. */
  addImage(image: StoredImage): void {
    if (this.imagesById.has(image.image_id)) throw new Error(`image ${image.image_id} is already stored`);
    this.persist?.({ image });
    this.insertImage(image);
    this.revision++;
  }

  images(): readonly StoredImage[] {
    return this.imageList;
  }

  private insertImage(image: StoredImage): void {
    this.imageList.push(image);
    this.imagesById.set(image.image_id, image);
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

  /** The template a template.modify under this request_id changed, and that request's digest. */
  modifyForRequest(appId: string, requestId: string): { template: StoredTemplate; digest: string } | undefined {
    const template = this.modifiesByRequest.get(`${appId}\u0000${requestId}`);
    const digest = template?.modify_requests?.[requestId];
    return template === undefined || digest === undefined ? undefined : { template, digest };
  }

  hasTemplateId(templateId: string): boolean {
    return this.templatesById.has(templateId);
  }

  /** Logged first, as every other entry; the template is replaced in place, so the state file's next write has it. */
  modifyTemplate(change: TemplateModification): void {
    const stored = this.template(change.app_id, change.template_id);
    if (stored === undefined) throw new Error(`no template ${change.template_id} of app ${change.app_id} to modify`);
    this.persist?.({ template_modify: change });
    stored.template = change.template;
    stored.modified_at = change.at;
    if (change.request_id !== undefined && change.request_digest !== undefined) {
      (stored.modify_requests ??= {})[change.request_id] = change.request_digest;
      this.modifiesByRequest.set(`${stored.app_id}\u0000${change.request_id}`, stored);
    }
    this.revision++;
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

  /** The card with this number as it stands now (deleted or not); a card of another app does not exist. */
  cardState(appId: string, bizCardNo: string): CardState | undefined {
    const state = this.states.get(bizCardNo);
    return state?.card.app_id === appId ? state : undefined;
  }

  /** The app's cards as they stand now, in the order they were opened. */
  cardStates(): IterableIterator<CardState> {
    return this.states.values();
  }

  /** The delete an app made under this out_serial_no. */
  deleteBySerial(appId: string, outSerialNo: string): CardChange | undefined {
    return this.deletesBySerial.get(`${appId}\u0000${outSerialNo}`);
  }

  /** The card's next change, numbered after its last. */
  nextSeq(bizCardNo: string): number {
    return (this.states.get(bizCardNo)?.changes.length ?? 0) + 1;
  }

  /** Logged first, as every other entry: a throw changes nothing. */
  addCardChange(change: CardChange): void {
    const state = this.states.get(change.biz_card_no);
    if (state === undefined || change.seq !== state.changes.length + 1) throw new Error(`card ${change.biz_card_no} has no change ${change.seq - 1} to follow`);
    this.persist?.({ card_change: change });
    this.insertChange(change);
    this.revision++;
  }

  /** Insertion order, only growing, as cards(). */
  cardChanges(): readonly CardChange[] {
    return this.changeList;
  }

  /**
   * Puts back one entry of a state log, beyond what the state file holds: a template or card already
   * here is skipped; an app replaces its earlier registration, as it did when it was logged.
   */
  restore(entry: StoredEntry): void {
    if ('app' in entry) this.setApp(appFromRecord(entry.app));
    else if ('template' in entry) {
      if (!this.templatesById.has(entry.template.template_id)) this.addTemplate(entry.template);
    } else if ('template_modify' in entry) {
      if (this.template(entry.template_modify.app_id, entry.template_modify.template_id)) this.modifyTemplate(entry.template_modify);
    } else if ('image' in entry) {
      if (!this.imagesById.has(entry.image.image_id)) this.addImage(entry.image);
    } else if ('form' in entry) {
      if (this.template(entry.form.app_id, entry.form.template_id)) this.setForm(entry.form);
    } else if ('card_change' in entry) {
      if (this.states.has(entry.card_change.biz_card_no) && this.nextSeq(entry.card_change.biz_card_no) === entry.card_change.seq) this.addCardChange(entry.card_change);
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
    for (const requestId of Object.keys(template.modify_requests ?? {})) this.modifiesByRequest.set(`${template.app_id}\u0000${requestId}`, template);
  }

  private insertCard(card: StoredCard): void {
    this.cardList.push(card);
    this.cardsBySerial.set(`${card.app_id}\u0000${card.out_serial_no}`, card);
    this.cardNumbers.add(card.biz_card_no);
    this.states.set(card.biz_card_no, { card, fields: card.fields, template_id: card.card_template_id, changes: [] });
  }

  private insertChange(change: CardChange): void {
    const state = this.states.get(change.biz_card_no);
    // A state file edited by hand may name a card it does not hold: state-shape.ts refuses it first.
    if (state === undefined) throw new Error(`card change for unknown card ${change.biz_card_no}`);
    this.changeList.push(change);
    state.changes.push(change);
    if (change.action === 'delete') {
      state.deleted = change;
      if (change.out_serial_no !== undefined) this.deletesBySerial.set(`${change.app_id}\u0000${change.out_serial_no}`, change);
    } else {
      state.fields = applyCardUpdate(state.fields, change.card_info ?? {});
      if (change.template_id !== undefined) state.template_id = change.template_id;
    }
  }
}
