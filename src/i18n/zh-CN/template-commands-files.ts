import type { TemplateCommandsFilesEntries } from '../en/template-commands-files.js';
import type { Translation } from '../text.js';

export const templateCommandsFiles = (): Translation<TemplateCommandsFilesEntries> => ({
  fileTooLarge: (p) => `${p.file} 超过 1 MB：一个模板只有几 KB`,
  cannotReadFile: (p) => `无法读取 ${p.file}：${p.reason}`,
  noSuchFile: '文件不存在',
  cannotReadFileHint: '该文件是 JSON 格式的 template.create 的 biz_content；`alipay-card template query <id> --out <file>` 可从已有模板生成一个',
  notJson: (p) => `${p.file} 不是有效的 JSON：${p.reason}`,
  notObject: (p) => `${p.file} 必须是一个 JSON 对象（template.create 的 biz_content）`,
  keyTwice: (p) => `${p.file}：键 ${p.key} 在 ${p.path} 处出现了两次`,
  keyTwiceHint: '请只保留一个：JSON 读取方保留哪一个值是不确定的，而发送的只有一个',
  imageUnreadable: (p) => `指向的图片文件无法读取（${p.reason}）；请给出 image_id，或图片的路径（相对于模板文件）`,
  noImageFile: (p) =>
    `既不是 image_id（最多 64 个字母、数字及 - _ + = *，如 1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC），也不是图片文件：文件 ${p.absolute} 不存在${p.spaced ? '（该值的开头或结尾有空格）' : ''}；请给出 image_id，或图片的路径（相对于模板文件）`,

  requestIdDiffers: (p) => `--request-id ${p.flag} 与文件中的 request_id ${p.file} 不一致`,
  requestIdDiffersHint: '只给出其中一个',
  requestIdRetry: (p) => `request_id: ${p.requestId}（安全重试请用：--request-id ${p.requestId}）`,
  uploadedImage: (p) => `已上传 ${p.file}：image_id ${p.imageId}`,
  imageUploadFailed: (p) => `上传 ${p.file}（${p.path}）失败：${p.message}；${p.untouched}`,
  noTemplateCreated: '未创建任何模板（此前已上传的图片会保留，不会再次上传）',
  templateNotModified: (p) => `模板 ${p.templateId} 未被修改（此前已上传的图片会保留，不会再次上传）`,
  imageIdNotKept: (p) => `警告：image_id 无法保存到 ${p.path}（${p.reason}）：下次用此图片创建或修改模板时会再次上传`,
  imageOf: (p) => `${p.imageId}（${p.file}）`,
  imageUploaded: (p) => `${p.imageId}（${p.file}，本次上传）`,
  interruptedCreate: (p) => `模板可能已创建，也可能没有；\`alipay-card template create ${p.file} --request-id ${p.requestId}\` 最多只会创建一次，并打印其 template_id`,
  templateCreated: (p) => (p.where ? `✓ 模板已创建${p.where}` : '✓ 模板已创建'),

  interruptedModify: (p) => `模板 ${p.templateId} 可能已修改，也可能没有；\`alipay-card template modify ${p.templateId} ${p.file} --request-id ${p.requestId} --yes\` 最多只会修改一次（\`alipay-card template query ${p.templateId}\` 可查看其当前状态）`,
  otherTemplate: (p) => `${p.file} 对应的是模板 ${p.other}，而不是 ${p.templateId}`,
  otherTemplateHint: '从文件中删除 template_id，或修改文件所指的那个模板',
  noChange: (p) => `没有变更：模板 ${p.templateId} 已与 ${p.file} 一致；未发送任何请求`,
  dryRunNothingSent: '--dry-run：只查询了模板，未做任何改动',
  modified: (p) => `✓ 模板 ${p.templateId} 已修改：${p.count} 处变更；该模板的所有会员卡都会显示这些变更`,
  changesTitle: (p) => `模板 ${p.templateId}${p.where ? p.where : ''}：${p.count} 处变更`,
  none: '（无）',
  modifyNeedsYes: (p) => `template modify 会改变模板 ${p.templateId} 的所有会员卡：没有终端时需要加 --yes；未发送任何请求`,
  modifyNeedsYesHint: '先查看上面的变更（或用 --dry-run），再加 --yes',
  modifyNeedsYesHintUnseen: '先用 --dry-run 查看变更，再加 --yes',
  modifyIt: (p) => `修改模板 ${p.templateId}（${p.count} 处变更；该模板的所有会员卡都会显示）？`,

  noPng: '--out：不生成 PNG（那需要浏览器引擎）',
  noPngHint: '写成 .html 后打开，或截图：chromium --headless --screenshot=card.png card.html',
  notHtml: (p) => `--out ${p.out}：预览是一个 HTML 页面，文件名请以 .html 结尾`,
  previewTitleFile: (p) => `${p.file}（模板文件）`,
  previewTitleTemplate: (p) => `模板 ${p.templateId}`,
  previewFooter: (p) => `${p.title}：alipay-card 绘制的预览，支付宝钱包中的实际样式可能不同。按接口文档，bg_color 是详情页文字的颜色。`,
  previewWritten: (p) => `已写入 ${p.out}：绘制了 ${p.drawn} 张图片，其余图片以占位框显示；请用浏览器打开`,

  queryWritten: (p) => `模板 ${p.templateId} 已写入 ${p.out}：\`alipay-card template create ${p.out}\` 可再次创建它（用 --gateway 或 -p 可在另一个网关上创建）`,
});
