// The help of template, image, form and member: descriptions of the commands, their options and
// arguments, and the notes after their examples.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  template: 'card templates (alipay.marketing.card.template.query, .create, .modify)',
  templateQuery: 'show every section of a card template',
  templateQueryId: 'template_id from template creation',
  templateQueryOut: 'write the template as a file `template create` takes (levels as card_level_conf), instead of printing it (- for stdout)',
  templateQueryForce: 'with --out: replace the file if it exists',
  templateCreate: 'create a template from a file (template.create biz_content as JSON); image paths in it are uploaded first',
  templateCreateFile: 'JSON: the biz_content; where an image id goes, a path to an image file (relative to the file) is uploaded and replaced by its id',
  templateCreateRequestId: 'request_id when the file has none (default: generated and printed, so a retry creates one template)',
  templateCreateMaxAttempts: 'attempts on transient errors, same request_id each time (default 3)',
  templateModify: 'change a template to what a file says: shows the changes field by field, confirms, then sends template.modify',
  templateModifyId: 'the template to change',
  templateModifyFile: 'JSON as `template query --out` writes it, or only the members to change (laid over the template: objects member by member, lists whole, null removes a member inside an object); image paths are uploaded first',
  templateModifyRequestId: "this modify's request_id, to retry one safely (default: generated and printed; never the file's request_id, which is its create's)",
  templatePreview: 'draw the card as the member sees it, as an HTML page, from a template on the gateway or a template file',
  templatePreviewSource: 'a template id, or a template file (as template create takes)',
  templatePreviewOut: 'where to write it (default: <template-id>.html, or the file name with .html)',

  image: 'upload images for templates and cards (alipay.offline.material.image.upload)',
  imageUpload: 'upload a PNG, JPEG, GIF or BMP image (at most 5 MB) and print its image_id',
  imageUploadFile: 'the image; its format is read from its bytes',
  imageUploadFor: 'check the image is fit for this use: logo (square, ≥500×500 px, ≤1 MB), background (≥1020×643 px, ≤2 MB), card-photo (≥230×295 px, ≤1 MB)',
  imageUploadName: "image_name (default: the file's name without its extension; at most 128 characters)",
  imageUploadType: "image_type (default: the format of the file's bytes: png, jpg, gif or bmp)",

  form: 'the sign-up form members fill in for a card (formtemplate.set, activateurl.apply, activateform.query)',
  formSet: "set the template's sign-up form: which fields members must and may fill in",
  formSetRequired: 'comma-separated: mobile, gender, name, birthday, idcard, email, address, city, is-student, member-grade, cert-type, cert-no (or OPEN_FORM_FIELD_* values)',
  formSetOptional: 'comma-separated, as --required; none of them in --required too',
  /** A line after the examples. */
  formSetOnce: 'Set it once per template: setting it again makes members who hold the card see the form again.',
  formLink: 'the sign-up link members open (decoded), as text, a QR code in the terminal, or a QR code image',
  formLinkCallback: 'where the member is sent after the form (member serve); no query string',
  formLinkOutString: 'a value of yours given back on the callback (at most 256 characters)',
  formLinkFollowAppId: 'life account (生活号) the apply page offers to follow',
  formLinkQr: 'draw the link as a QR code in the terminal',
  formLinkQrOut: 'write the QR code as a .png or .svg to print (refused if the file exists, unless --force)',
  formLinkForce: 'with --qr-out: replace the file if it exists',
  formQuery: "what a member submitted (needs the member's auth_token)",
  formQueryRequestId: 'the request_id the callback brought',
  formQueryAuthTokenFile: "file holding the member's auth_token (member token --out), or env ALIPAY_AUTH_TOKEN",

  member: 'members who sign up themselves: the auth code exchange, and member serve that issues their cards',
  memberToken: "exchange a member's auth code (or refresh token) for their auth_token (alipay.system.oauth.token)",
  memberTokenCodeFile: 'file holding the auth_code the callback brought',
  memberTokenRefreshTokenFile: 'file holding a refresh token',
  memberTokenOut: 'write the access token here (created 0600); needed unless --json',
  memberTokenRefreshOut: 'write the refresh token here (created 0600)',
  memberServe: "the sign-up callback: exchanges the code, reads the form, opens the member's card, answers their browser",
  memberServeTemplateId: 'the card template members sign up for (callbacks for others are refused)',
  memberServePort: 'port to listen on (default 8787; 0 for any)',
  memberServeHost: 'address to listen on (default 127.0.0.1: put a TLS reverse proxy in front)',
  memberServeJournal: 'sign-up journal (default: $XDG_STATE_HOME/alipay-card/member-serve/<template-id>.ndjson)',
  memberServeConcurrency: 'sign-ups handled at once (default 8)',
  memberServeLevel: "every new member's level, when the template takes it from the request",
  memberServePoint: "every new member's points, when the template takes them from the request",
  memberServeBalance: "every new member's balance, when the template takes it from the request",
} satisfies Entries);

export type ProgramTemplatesEntries = ReturnType<typeof entries>;
export const programTemplatesText = messages('program-templates', entries);
