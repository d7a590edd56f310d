import type { InputPromptsEntries } from '../en/input-prompts.js';
import type { Translation } from '../text.js';

export const inputPrompts = (): Translation<InputPromptsEntries> => ({
  yes: '是',
  no: '否',
  selectKeys: '↑↓ 移动 • ⏎ 选择',
  confirmationUnseen: (p) => `${p.what} 需要确认，但用于提问的 stderr 不是终端：未发送任何内容`,
  confirmationUnseenHint: '传入 --yes 可跳过确认直接执行（脚本也可用 --no-input），或让 stderr 输出到终端',
  confirmationNotAsked: (p) => `${p.what} 需要确认，但 stdout 不是终端（管道或文件），此时不会提问：未发送任何内容`,
  confirmationNotAskedHint: '传入 --yes 可跳过确认直接执行，或让 stdout 输出到终端',
  interrupted: '已中断：未写入或发送任何内容',
});
