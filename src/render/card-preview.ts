import { escapeHtml } from './html.js';

/**
 * A card template drawn as the member sees it in the Alipay wallet, as one self-contained HTML
 * page: the card face (background, logo, name, brand, slogan, a level and a number as a member's
 * card would show them), then the detail page (columns, benefits, levels). Images are data URIs
 * when their bytes are known, else a labelled placeholder: the page never loads anything.
 */
export interface PreviewImage {
  /** `data:image/png;base64,...`, or undefined: shown as a placeholder naming the id. */
  dataUri?: string | undefined;
  id: string;
}

export type ImageSource = (id: string) => PreviewImage;

/** rgb(r,g,b) as given, or a neutral colour: never text from the file inside a style attribute unchecked. */
function colour(value: unknown, fallback: string): string {
  return typeof value === 'string' && /^rgb\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*\)$/.test(value) ? value : fallback;
}

function image(source: ImageSource, id: unknown, cls: string, label: string): string {
  if (typeof id !== 'string' || id === '') return `<div class="${cls} placeholder">${escapeHtml(label)}</div>`;
  const found = source(id);
  return found.dataUri
    ? `<img class="${cls}" src="${found.dataUri}" alt="${escapeHtml(label)}">`
    : `<div class="${cls} placeholder" title="${escapeHtml(id)}">${escapeHtml(label)}<br><small>${escapeHtml(id)}</small></div>`;
}

type Rec = Record<string, unknown>;
const list = (value: unknown): Rec[] => (Array.isArray(value) ? value.filter((v): v is Rec => typeof v === 'object' && v !== null) : []);

/** The page for `template` (query shape or create shape: levels under either name). */
export function renderCardPreview(template: Rec, source: ImageSource, title: string, footer: string): string {
  const style = (template.template_style_info ?? {}) as Rec;
  const levels = list(template.card_level_confs ?? template.card_level_conf);
  const first = levels[0];
  const prefix = typeof template.biz_no_prefix === 'string' ? template.biz_no_prefix : '';
  const suffix = Math.min(Math.max(Number(template.biz_no_suffix_len) || 10, 1), 32);
  const number = `${prefix}${'0'.repeat(Math.max(suffix - 1, 0))}1`;
  const ink = colour(style.bg_color, 'rgb(51,51,51)');
  const columns = list(template.column_info_list).map((c) => {
    const value = c.value ?? (c.code === 'LEVEL' ? first?.level_show_name ?? first?.level : c.code === 'BALANCE' ? '0.00' : c.code === 'POINT' ? '0' : '');
    return `<li>${image(source, c.icon_id, 'icon', '')}<span class="t">${escapeHtml(c.title)}</span><span class="v">${escapeHtml(value)}</span></li>`;
  }).join('');
  const benefits = list(template.template_benefit_info).map((b) => `<li><b>${escapeHtml(b.title)}</b> ${escapeHtml(Array.isArray(b.benefit_desc) ? b.benefit_desc.join('；') : b.benefit_desc)}<small> ${escapeHtml(b.start_date)} – ${escapeHtml(b.end_date)}</small></li>`).join('');
  const levelItems = levels.map((l) => `<li>${image(source, l.level_icon, 'icon', '')}<b>${escapeHtml(l.level_show_name ?? l.level)}</b> <code>${escapeHtml(l.level)}</code> ${escapeHtml(l.level_desc)}</li>`).join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body{font-family:-apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif;background:#f5f5f5;margin:24px;color:#333}
.card{position:relative;width:344px;height:216px;border-radius:14px;overflow:hidden;box-shadow:0 4px 14px rgba(0,0,0,.2);background:#8aa}
.card .bg{position:absolute;inset:0;width:100%;height:100%;object-fit:cover}
.card .bg.placeholder{display:flex;align-items:flex-end;justify-content:flex-end;padding:8px;box-sizing:border-box;color:#fff;font-size:11px;background:linear-gradient(135deg,#6b8cae,#324a5f)}
.face{position:absolute;inset:0;padding:16px;color:#fff;text-shadow:0 1px 2px rgba(0,0,0,.5)}
.logo{width:44px;height:44px;border-radius:50%;object-fit:cover;background:#fff;vertical-align:middle}
.logo.placeholder{display:inline-flex;align-items:center;justify-content:center;color:#666;font-size:9px;text-shadow:none;text-align:center;overflow:hidden}
.name{display:inline-block;vertical-align:middle;margin-left:10px;font-size:18px;font-weight:600}
.brand{font-size:12px;opacity:.9;margin-left:10px}
.level{position:absolute;right:16px;top:20px;font-size:13px}
.no{position:absolute;left:16px;bottom:34px;font-family:monospace;font-size:15px;letter-spacing:1px}
.slogan{position:absolute;left:16px;bottom:14px;font-size:12px;opacity:.9}
.detail{width:344px;margin-top:16px;background:#fff;border-radius:10px;padding:12px 16px;box-sizing:border-box;color:${ink}}
.detail h3{font-size:13px;color:#999;margin:12px 0 6px}
.detail ul{list-style:none;padding:0;margin:0}.detail li{padding:8px 0;border-bottom:1px solid #eee;font-size:14px;display:flex;gap:8px;align-items:center}
.detail .t{flex:1}.detail .v{color:#999}
.icon{width:20px;height:20px}.icon.placeholder{display:none}
footer{font-size:11px;color:#999;margin-top:16px;width:344px}
</style></head><body>
<div class="card">${image(source, style.background_id, 'bg', '背景 background')}
<div class="face">${image(source, style.logo_id, 'logo', 'logo')}<span class="name">${escapeHtml(style.card_show_name)}</span><span class="brand">${escapeHtml(style.brand_name)}</span>
${first ? `<div class="level">${escapeHtml(first.level_show_name ?? first.level)}</div>` : ''}
<div class="no">${escapeHtml(number)}</div><div class="slogan">${escapeHtml(style.slogan)}</div></div></div>
<div class="detail">${columns ? `<h3>栏位 columns</h3><ul>${columns}</ul>` : ''}${benefits ? `<h3>会员权益 benefits</h3><ul>${benefits}</ul>` : ''}${levelItems ? `<h3>等级 levels</h3><ul>${levelItems}</ul>` : ''}</div>
<footer>${escapeHtml(footer)}</footer>
</body></html>
`;
}
