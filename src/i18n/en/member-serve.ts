// `member serve` as the person running it reads it: its flags' errors, its start and stop, and a
// line on stderr per member. The pages it answers a member's browser with are bilingual already
// and are not here.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  noDryRun: '--dry-run: member serve has no dry run: it issues a card for each member who signs up',
  noDryRunHint: 'to try it without real cards, run it against the local gateway (--gateway local), as `alipay-card demo` does',
  templateIdRequired: '--template-id is required: the card template members sign up for',
  portInvalid: (p: { value: string }) => `--port must be a port number (0 to 65535), got ${p.value}`,
  concurrencyInvalid: '--concurrency must be a whole number from 1 to 64',
  templateNeedsMore: (p: { templateId: string; problems: string }) => `template ${p.templateId} needs more than a sign-up form gives: ${p.problems}`,
  templateNeedsMoreHint: 'give every member the same starting values: --level, --point, --balance',
  /** `host`: '' when --host was not given. */
  cannotListen: (p: { port: number; host: string; reason: string }) => `--port ${p.port}${p.host ? ` --host ${p.host}` : ''}: cannot listen there (${p.reason})`,
  inUse: 'in use',
  cannotListenHint: 'pick another port, or --port 0 for any free one',
  hostUnresolved: (p: { host: string; code: string }) => `--host ${p.host} is not an address of this machine: it does not resolve (${p.code})`,
  hostUnresolvedHint: 'use 127.0.0.1 (the default), localhost or [::1], 0.0.0.0 for every interface, or an address of this machine',
  listening: (p: { templateId: string; url: string; journal: string }) => `member serve: signing members up for template ${p.templateId} at ${p.url} (journal ${p.journal}); Ctrl-C stops`,
  templateBusy: (p: { pid: string; templateId: string }) => `another member serve${p.pid === '' ? '' : ` (pid ${p.pid})`} is signing members up for template ${p.templateId}`,
  templateLockHint: 'set XDG_STATE_HOME to a directory you can write in: member serve keeps a lock there per template',
  journalBusy: (p: { pid: string; journal: string }) => `another member serve${p.pid === '' ? '' : ` (pid ${p.pid})`} is using the journal ${p.journal}`,
  journalBusyHint: 'one member serve per template: stop the other (two, on two journals, could each give a member a card)',
  journalLockHint: 'give --journal a file in a directory you can write in',
  journalLineCut: (p: { path: string; line: number }) => `warning: the journal ${p.path} has a line cut short at line ${p.line} (a kill, before this version took such lines back): skipped, its step is done again`,
  journalOtherTemplate: (p: { path: string; other: string; templateId: string }) => `the journal ${p.path} holds sign-ups for template ${p.other}, not ${p.templateId}`,
  journalOtherTemplateHint: 'one journal per template: give this one --journal <its own file> (leave it out: each template has one by default)',
  refusedBefore: (p: { why: string }) => `refused before (${p.why}): asked to sign up again`,
  journalDamaged: (p: { path: string; line: number; problem: string }) => `the journal ${p.path} is damaged at line ${p.line}: ${p.problem}`,
  journalDamagedHint: 'restore it from a backup, or mend that line (keep each line whole and ending in a newline): a line with biz_card_no is a card issued, and without it that member would be given another',
  journalNotAFile: (p: { path: string }) => `--journal ${p.path} is not a file: the journal is where each member's card is kept, so that nobody gets two`,
  stopping: 'stopping: finishing the sign-ups in progress',
  stopped: 'stopped',
  /** One line per member: the user id and mobile masked (`mobile`: '' when the form had none). */
  memberLine: (p: { time: string; requestId: string; user: string; mobile: string; what: string; ms: number }) =>
    `${p.time} request_id=${p.requestId} user=${p.user}${p.mobile ? ` mobile=${p.mobile}` : ''} ${p.what} (${p.ms} ms)`,
  cardGone: (p: { card: string }) => `card ${p.card} is no longer there (deleted): a new sign-up`,
  alreadyMember: (p: { card: string }) => `already a member: ${p.card}`,
  refused: (p: { problems: string }) => `refused: ${p.problems}`,
  issued: (p: { card: string }) => `issued ${p.card}`,
  sentAgain: (p: { requestId: string }) => `sending again the card request of sign-up ${p.requestId}, whose answer never came`,
  failed: (p: { why: string }) => `failed: ${p.why}`,
} satisfies Entries);

export type MemberServeEntries = ReturnType<typeof entries>;
export const memberServeText = messages('member-serve', entries);
