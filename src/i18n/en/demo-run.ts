// `demo`: its narration at a terminal (the steps, the tables' titles, the next command) and its
// errors. --json's object is machine output and is not here.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  /** One step of the story, in bold. */
  step: (p: { text: string }) => `▸ ${p.text}`,
  gatewayAt: (p: { url: string; statePath: string }) => `Local gateway at ${p.url} (state: ${p.statePath})`,
  appKey: (p: { appId: string; keyFile: string }) => `App ${p.appId}, private key in ${p.keyFile}`,
  template: (p: { templateId: string }) => `Template ${p.templateId}`,
  cardIssued: 'Card issued (alipay.marketing.card.open)',
  cardTitle: 'Card',
  templateQueried: 'Template (alipay.marketing.card.template.query)',
  restOfLife: 'The rest of its life: update, query, delete (card update, card query, card delete)',
  memberSignsUp: 'A member signs up by themselves: form set → form link → member serve → the member fills in the form',
  signUpLink: (p: { link: string }) => `Sign-up link (alipay.marketing.card.activateurl.apply): ${p.link}`,
  memberSubmitted: (p: { userId: string; status: number }) => `The gateway, playing member ${p.userId}, submitted the form and followed the callback: HTTP ${p.status}`,
  theirCard: 'Their card, opened by member serve (alipay.system.oauth.token → activateform.query → card.open)',
  next: (p: { command: string }) => `Every response above was signed by the gateway and verified. Next, issue a card yourself
(the template's field rules want balance, point and level from the request; see card open --help):
${p.command}`,
  cardUpdated: (p: { cardNo: string }) => `Card ${p.cardNo} updated: point +100 (alipay.marketing.card.update)`,
  cardLookedUp: 'Card looked up (alipay.marketing.card.query)',
  cardDeleted: 'Card deleted: USER_UNBUND (alipay.marketing.card.delete)',
  savedNotKept: (p: { file: string; reason: string }) => `warning: the demo's template could not be noted in ${p.file} (${p.reason}): the next demo makes a new one`,
  startOverHint: (p: { file: string }) => `delete ${p.file}: the demo then makes a new template`,
  savedNotJson: (p: { file: string }) => `${p.file}: the demo's saved state is not valid JSON`,
  savedWrongShape: (p: { file: string }) => `${p.file}: the demo's saved state is not {"templateId": "<id>"}`,
} satisfies Entries);

export type DemoRunEntries = ReturnType<typeof entries>;
export const demoRunText = messages('demo-run', entries);
