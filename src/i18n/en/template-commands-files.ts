// `template create`, `template modify`, `template preview` and `template query`: reading a template
// file, the changes a modify makes and its confirmation, and what was written where.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  // A template file.
  fileTooLarge: (p: { file: string }) => `${p.file} is over 1 MB: a template is a few KB`,
  cannotReadFile: (p: { file: string; reason: string }) => `cannot read ${p.file}: ${p.reason}`,
  noSuchFile: 'no such file',
  cannotReadFileHint: "the file is template.create's biz_content as JSON; `alipay-card template query <id> --out <file>` writes one from an existing template",
  notJson: (p: { file: string; reason: string }) => `${p.file} is not valid JSON: ${p.reason}`,
  notObject: (p: { file: string }) => `${p.file} must hold one JSON object (template.create's biz_content)`,
  /** A member given twice in one object of the file; `path` is the member's JSON path. */
  keyTwice: (p: { file: string; key: string; path: string }) => `${p.file}: key ${p.key} appears twice at ${p.path}`,
  keyTwiceHint: 'keep one of them: which value a JSON reader keeps is not defined, and only one is sent',
  /** A field naming an image file that cannot be read. */
  imageUnreadable: (p: { reason: string }) => `names an image file that cannot be read (${p.reason}); give an image_id or the path of an image, relative to the template file`,
  /** A value where an image id goes that is no image id (IMAGE_ID) and no file either; `absolute` quoted (a trailing space shows); `spaced`: it starts or ends with a space. */
  noImageFile: (p: { absolute: string; spaced: boolean }) =>
    `is neither an image id (up to 64 letters, digits and - _ + = *, as 1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC) nor an image file: no such file ${p.absolute}${p.spaced ? ' (the value starts or ends with a space)' : ''}; give an image_id or the path of an image, relative to the template file`,

  // template create
  requestIdDiffers: (p: { flag: string; file: string }) => `--request-id ${p.flag} differs from the file's request_id ${p.file}`,
  requestIdDiffersHint: 'give one of them',
  requestIdRetry: (p: { requestId: string }) => `request_id: ${p.requestId} (to retry safely: --request-id ${p.requestId})`,
  uploadedImage: (p: { file: string; imageId: string }) => `uploaded ${p.file}: image_id ${p.imageId}`,
  /** An image's upload failed; `message` is the error, `untouched` what was not done (noTemplateCreated, templateNotModified). */
  imageUploadFailed: (p: { file: string; path: string; message: string; untouched: string }) => `uploading ${p.file} (${p.path}) failed: ${p.message}; ${p.untouched}`,
  noTemplateCreated: 'no template was created (the images uploaded before it are kept, and not uploaded again)',
  templateNotModified: (p: { templateId: string }) => `template ${p.templateId} was not modified (the images uploaded before it are kept, and not uploaded again)`,
  imageIdNotKept: (p: { path: string; reason: string }) => `warning: the image id could not be saved in ${p.path} (${p.reason}): the next template create or modify with this image uploads it again`,
  /** An image's row in the result: its id and the file it came from. */
  imageOf: (p: { imageId: string; file: string }) => `${p.imageId} (${p.file})`,
  imageUploaded: (p: { imageId: string; file: string }) => `${p.imageId} (${p.file}, uploaded)`,
  /** A second Ctrl-C left template.create unanswered. */
  interruptedCreate: (p: { requestId: string; file: string }) => `the template may or may not have been created; \`alipay-card template create ${p.file} --request-id ${p.requestId}\` creates it at most once and prints its template_id`,
  templateCreated: (p: { where: string }) => (p.where ? `✓ Template created ${p.where}` : '✓ Template created'),

  // template modify
  /** A second Ctrl-C left template.modify unanswered. */
  interruptedModify: (p: { requestId: string; templateId: string; file: string }) => `template ${p.templateId} may or may not have been modified; \`alipay-card template modify ${p.templateId} ${p.file} --request-id ${p.requestId} --yes\` applies it at most once (\`alipay-card template query ${p.templateId}\` shows it as it is now)`,
  otherTemplate: (p: { file: string; other: string; templateId: string }) => `${p.file} is for template ${p.other}, not ${p.templateId}`,
  otherTemplateHint: 'remove template_id from the file, or modify the template it names',
  noChange: (p: { templateId: string; file: string }) => `no change: template ${p.templateId} already is as ${p.file} says; nothing was sent`,
  dryRunNothingSent: '--dry-run: the template was looked up; nothing was changed',
  modified: (p: { templateId: string; count: number }) => `✓ Template ${p.templateId} modified: ${p.count} change${p.count === 1 ? '' : 's'}; every card of it shows them`,
  changesTitle: (p: { templateId: string; where: string; count: number }) => `Template ${p.templateId}${p.where ? ` ${p.where}` : ''}: ${p.count} change${p.count === 1 ? '' : 's'}`,
  /** A value a change adds or removes. */
  none: '(none)',
  modifyNeedsYes: (p: { templateId: string }) => `template modify changes every card of template ${p.templateId}: it needs --yes without a terminal; nothing was sent`,
  modifyNeedsYesHint: 'look at the changes above (or --dry-run), then add --yes',
  /** JSON output, where the changes are printed only with --dry-run. */
  modifyNeedsYesHintUnseen: 'see the changes with --dry-run, then add --yes',
  modifyIt: (p: { templateId: string; count: number }) => `Modify template ${p.templateId} (${p.count} change${p.count === 1 ? '' : 's'}; every card of it shows them)?`,

  // template preview
  noPng: '--out: a PNG is not drawn (it would take a browser engine)',
  noPngHint: 'write .html and open it, or screenshot it: chromium --headless --screenshot=card.png card.html',
  notHtml: (p: { out: string }) => `--out ${p.out}: the preview is an HTML page: name it .html`,
  /** The preview page's title: of a template file, of a template on the gateway. */
  previewTitleFile: (p: { file: string }) => `${p.file} (a template file)`,
  previewTitleTemplate: (p: { templateId: string }) => `template ${p.templateId}`,
  previewFooter: (p: { title: string }) => `${p.title} — a preview drawn by alipay-card; the wallet's own rendering may differ. bg_color is the colour of the detail page's text, as the reference says.`,
  previewWritten: (p: { out: string; drawn: number }) => `wrote ${p.out}: ${p.drawn} picture${p.drawn === 1 ? '' : 's'} drawn, other images as placeholders; open it in a browser`,

  // template query
  queryWritten: (p: { templateId: string; out: string }) => `template ${p.templateId} written to ${p.out}: \`alipay-card template create ${p.out}\` makes it again (on another gateway with --gateway or -p)`,
} satisfies Entries);

export type TemplateCommandsFilesEntries = ReturnType<typeof entries>;
export const templateCommandsFilesText = messages('template-commands-files', entries);
