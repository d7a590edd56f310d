// What card open, query, update and delete, template and image commands say when a field is wrong
// or a question is answered no: every problem at once, nothing sent.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  /** Every problem of a request, one a line (each a `problemLine`). */
  invalidFields: (p: { count: number; lines: string[] }) => `${p.count} invalid field${p.count === 1 ? '' : 's'}; nothing was sent:\n${p.lines.join('\n')}`,
  /** One problem: its path, the flag or input it came from (or ''), what is wrong, the value given as JSON (or ''). */
  problemLine: (p: { path: string; flag: string; message: string; got: string }) => `  ${p.path}${p.flag ? ` [${p.flag}]` : ''}: ${p.message}${p.got ? ` (got ${p.got})` : ''}`,
  notConfirmed: 'not confirmed: nothing was sent',
  yesSkips: '--yes skips this question',
  /** `--biz @file.json: biz_content must be a JSON object`. */
  bizNotObject: (p: { source: string }) => `${p.source}: biz_content must be a JSON object`,
  /** The first Ctrl-C while a request that changes something is on its way (src/cli/interrupt.ts). */
  stoppingInFlight: (p: { method: string; signal: string }) =>
    `stopping${p.signal === 'SIGTERM' ? ' (SIGTERM)' : ''}: waiting for the answer to ${p.method}, already sent (${p.signal === 'SIGTERM' ? 'a second SIGTERM or Ctrl-C leaves' : 'Ctrl-C again to leave'} it unanswered)`,
  /** The second: the request left unanswered. */
  interruptedInFlight: (p: { method: string }) => `interrupted: ${p.method} was sent and left unanswered; the gateway may or may not have done it`,
} satisfies Entries);

export type CardCommandsCommonEntries = ReturnType<typeof entries>;
export const cardCommandsCommonText = messages('card-commands-common', entries);
