// `card open`: its refusals, the questions it asks on a terminal, the confirmation, and what to run
// again when a card may or may not have been issued.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  authTokenFlag: '--auth-token is not accepted: a token on the command line shows in `ps` and in shell history',
  authTokenFlagHint: "put the user's auth_token in a file and pass --auth-token-file <file>, or set ALIPAY_AUTH_TOKEN",
  bizHint: `pass a JSON object, e.g. --biz '{"card_template_id":"20170308000000000058101000300045","card_user_info":{"user_uni_id":"2088302463082075"}}', or --biz @card.json`,
  setJsonHint: `path:=json takes a JSON value, e.g. --set 'card_ext_info.front_text_list:=[{"label":"专业","value":"金融"}]'`,
  /** A field the reference requires, with what it holds. */
  required: (p: { description: string }) => `required: ${p.description}`,
  /** Without a terminal: the flags that give the missing fields. */
  missingFlags: (p: { flags: string }) => `pass ${p.flags} (no prompts unless stdin, stdout and stderr are a terminal)`,
  missingFlagsDryRun: (p: { flags: string }) => `pass ${p.flags} (no prompts unless stdin, stdout and stderr are a terminal; a dry run does not look up the template, whose rule could fill valid_date)`,
  /** The hint of an error after questions were answered: the answers as flags. */
  answersAsFlags: (p: { hint: string; command: string }) => `${p.hint ? `${p.hint}\n` : ''}your answers, as flags to run again with (template id corrected):\n  ${p.command}`,
  /** Ctrl-C at a question the template's rules asked, after others were answered. */
  answersSoFar: (p: { hint: string; command: string }) => `${p.hint ? `${p.hint}\n` : ''}your answers so far, as flags to run again with:\n  ${p.command}`,
  /** valid_date in the confirmation, when the template's rule sets it as the card is issued. */
  ruledValidDate: (p: { offset: string }) => `the template's DATE_IN_FUTURE ${p.offset}, from when the card is issued`,
  openDateDefault: (p: { value: string }) => `open_date: ${p.value} (default: now, Asia/Shanghai)`,
  validDateFromRule: (p: { value: string; offset: string }) => `valid_date: ${p.value} (template rule DATE_IN_FUTURE ${p.offset})`,

  // Questions on a terminal.
  fieldQuestion: (p: { path: string; description: string; example: string }) => `${p.path} — ${p.description} (e.g. ${p.example})`,
  levelQuestion: 'card_ext_info.level — the card level (the template requires one of its levels)',
  /** A level the template defines, with its name. */
  levelChoice: (p: { level: string; name: string }) => `${p.level} (${p.name})`,
  aboutToIssue: 'About to issue this card:',
  issueIt: 'Issue it?',
  runAgainHint: 'run the command again to issue the card; --yes skips this question',
  issueLaterHint: (p: { command: string }) => `to issue it later, without the questions (--yes skips the confirmation):\n  ${p.command}`,

  // Template and outcome.
  validDateHint: (p: { why: string; example: string }) => `${p.why}: pass --valid-date ${p.example}`,
  lookingUpTemplate: (p: { templateId: string; message: string }) => `looking up template ${p.templateId} (the card open was not sent): ${p.message}`,
  filledIn: (p: { hint: string; dates: string[] }) => `${p.hint}\nthis run filled in ${p.dates.join(' and ')}`,
  /** `valid_date 2030-12-31 23:59:59` in filledIn. */
  filledDate: (p: { name: string; value: string }) => `${p.name} ${p.value}`,
  unknownOutcome: (p: { hint: string; flags: string }) => `${p.hint ? `${p.hint}\n` : ''}the card may or may not have been issued. To retry safely (the same request under the same out_serial_no issues at most one card), run the same command with:\n  ${p.flags}`,
} satisfies Entries);

export type CardCommandsOpenEntries = ReturnType<typeof entries>;
export const cardCommandsOpenText = messages('card-commands-open', entries);
