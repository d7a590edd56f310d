// What the checks of a card template say (src/cards/validate-template.ts, template-columns.ts,
// template-request.ts, template-modify.ts, template-rules.ts).
import { messages, type Entries } from '../text.js';

const entries = () => ({
  // The template's own members.
  onlyCardType: (p: { type: string }) => `must be ${p.type}, the only card type`,
  notifyUrl: 'an https:// URL that receives the code-issuing notification',
  notTemplateMember: 'is not a member of a card template (template.create and template.modify references): remove it',
  suffixLen: 'a whole number from 8 to 32',
  suffixTooLong: (p: { max: number; prefix: string }) => `must be at most ${p.max}: 32 minus the length of biz_no_prefix "${p.prefix}"`,
  openCardUrl: 'the card issuing link, starting with http:// or https://',
  /** A list whose items must differ in a member: `card_level_confs` (their levels). */
  uniqueIn: (p: { list: string }) => `must be unique in ${p.list}`,

  // column_info_list and field_rule_list.
  columnCodeTwice: 'must be unique in column_info_list: duplicated module codes are not allowed',
  standardModule: (p: { code: string }) => `must be staticinfo (or absent) for the standard module ${p.code}`,
  paramsJson: 'must be JSON text, e.g. {} or {"k":"v"}',
  /** template_form_config.fields: a form field in both lists. */
  formFieldBoth: 'is also in required: a form field is required or optional, not both',
  ruleTwice: 'must be unique in field_rule_list: one rule per field',
  dateInFutureField: 'DATE_IN_FUTURE applies only to the field_name OpenDate or ValidDate',
  futureOffset: "must be a number of months or days for DATE_IN_FUTURE, e.g. '10m' or '10d'",
  assignField: (p: { fields: string }) => `must name the card_ext_info field to copy: one of ${p.fields}`,
  /** A CONST rule's value that card open would refuse: card open's own problem with it, then why it matters. */
  constValue: (p: { problem: string; field: string }) => `${p.problem} (a CONST ${p.field} goes onto every card as it is)`,
  constLevel: (p: { levels: string }) => `must be one of the template's levels: ${p.levels}`,

  // Requests (create, modify).
  levelsName: (p: { method: string; request: string; answer: string }) => `not a field of ${p.method}: the levels are ${p.request} (template.query answers them as ${p.answer})`,
  rgbColour: 'must be a colour as rgb(r,g,b), each 0 to 255, e.g. rgb(55,112,179)',
  gridIcon: 'required when template_style_info.column_info_layout is grid: the image_id of the column\'s icon (or an image file)',
  /** A Boolean member given as the string "true" or "false". */
  jsonBoolean: (p: { example: string }) => `must be a JSON boolean: ${p.example} without quotes`,
  /** A String member given as a whole number JSON cannot hold exactly. */
  numberLosesDigits: (p: { example: string }) => `must be given as a string: a whole number this long loses digits in JSON (it reads as ${p.example})`,
  listOfStrings: (p: { example: string }) => `must be a list of strings, e.g. [${p.example}]`,
  /** An image-id member given as a JSON number. */
  imageIdNumber: (p: { example: string }) => `must be a string: an image id from image upload (as "1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC") or the path of an image file, in quotes; ${p.example} is no image id`,
  imageIdBlank: 'is blank: give an image id from image upload or the path of an image file',
  notImageId: 'is not an image id: one is up to 64 letters, digits and - _ + = *, as 1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC (what image upload answers)',
  /** The local gateway: an image id image upload never gave this app. */
  imageNotUploaded: 'is not an image id image upload gave this app: upload the image first (alipay-card image upload <file>), or give its file in the template file',
  /** card_action_list[].url: the create reference's words, "http(s) or Alipay schema link". */
  actionUrl: 'an http:// or https:// URL, or an Alipay schema link (alipays://platformapi/startapp?appId=…)',
  /** A shop id given twice in shop_ids; `first` is the index of its first. */
  shopTwice: (p: { first: number }) => `is the same shop as shop_ids[${p.first}]: give each shop once`,
  setAtCreate: 'cannot be changed: it is set when the template is created (template.modify does not take it)',
  styleInfo: 'the card-face style (as template query shows it)',
  fieldRulesKept: 'field rules cannot be modified (Alipay ignores them): make a new template for other rules',
  suffixLenKept: 'the card number length cannot be changed once the template exists',
  shopsRemoved: (p: { ids: string }) => `cannot remove shops from a template (only add): ${p.ids} must stay`,
  cannotRemoveMember: 'a modify cannot remove a member of the template (Alipay keeps what a modify leaves out): leave it out to keep it; null removes only a member inside an object, e.g. template_style_info.slogan',

  // A card open request against its template.
  noValidDateRule: (p: { templateId: string }) => `template ${p.templateId} has no DATE_IN_FUTURE rule for ValidDate with an offset like 12m or 365d`,
} satisfies Entries);

export type CardsTemplatesEntries = ReturnType<typeof entries>;
export const cardsTemplatesText = messages('cards-templates', entries);
