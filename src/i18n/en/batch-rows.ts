// card batch's rows: what is wrong with one (a cell, a repeated serial or card, its template), and
// how --validate-only lists it for a person. The results file's sub_msg takes the English.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  serialTwice: (p: { first: number }) => `row ${p.first} has the same out_serial_no: each row needs its own (the gateway answers a repeated serial with the first row's card, or refuses it)`,
  /** `action`: update or delete. */
  cardTwice: (p: { first: number; action: string }) => `row ${p.first} ${p.action === 'delete' ? 'deletes' : 'updates'} the same card: one row per card (rows run at once, so which came last would be chance)`,
  /** `name`: the control's name (NUL, ESC, DEL) or c1Control. */
  controlCharacter: (p: { hex: string; name: string; at: number }) => `holds a control character, U+${p.hex} (${p.name}), at character ${p.at}: remove it (a program that exported the file may have left it)`,
  c1Control: 'a C1 control',
  excelScientific: (p: { message: string }) => `${p.message} — this is Excel's scientific notation: format the column as Text and type the digits again`,
  validDateRequired: (p: { why: string }) => `required: a valid_date column ('yyyy-MM-dd HH:mm:ss'), since ${p.why}`,
  levelUnchecked: (p: { problem: string }) => `cannot be checked: ${p.problem} (--template-id)`,
  /** `said`: the gateway's code, sub_code and sub_msg. */
  templateQueryFailed: (p: { templateId: string; said: string }) => `template query for ${p.templateId} failed: ${p.said}`,

  /** --validate-only, one line a problem: `row 12, birth (member_ext_info.birth): must be ... — got "1990-02-30"`. */
  problemLine: (p: { row: number; where: string; message: string }) => `row ${p.row}, ${p.where}: ${p.message}`,
  problemLineGot: (p: { row: number; where: string; message: string; value: string }) => `row ${p.row}, ${p.where}: ${p.message} — got ${p.value}`,
} satisfies Entries);

export type BatchRowsEntries = ReturnType<typeof entries>;
export const batchRowsText = messages('batch-rows', entries);
