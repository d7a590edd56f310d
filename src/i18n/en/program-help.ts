// The help of the program as a whole: its description, the options every command takes, the
// blocks many commands' help ends with (examples, exit codes), and the option values it refuses.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  description: 'Run an Alipay membership card program: issue, look up, update and delete cards (one or a CSV file at a time), templates and images as files, members signing up by themselves; sign and verify gateway payloads.',

  // Global options.
  config: 'config file to use instead of searching for one',
  profile: 'profile in the config file (env ALIPAY_CARD_PROFILE)',
  gateway: 'production, sandbox, local, or a gateway URL (env ALIPAY_GATEWAY)',
  json: 'print JSON (same as --output json)',
  output: 'output format (default: table on a terminal, json otherwise)',
  color: 'force colour',
  noColor: 'no colour (NO_COLOR is honoured too)',
  verbose: 'log the string to sign and the HTTP exchange to stderr, secrets redacted (also --debug)',
  dryRun: 'build and sign the request, print it, send nothing',
  timeout: 'gateway timeout in milliseconds',
  noInput: 'never prompt; fail with exit 2 when input is missing',
  yes: 'answer yes to confirmations',
  lang: "language of messages: en or zh-CN (default: from LC_ALL, LC_MESSAGES, LANG, then the config's lang)",

  // Option values refused.
  timeoutInvalid: (p: { max: number; got: string }) => `--timeout must be a whole number of milliseconds from 1 to ${p.max} (10 minutes), got ${p.got}`,
  attemptsInvalid: (p: { got: string }) => `--max-attempts must be a whole number from 1 to 10, got ${p.got}`,

  // Descriptions several commands share.
  maxAttempts: 'attempts on transient errors (default 3)',
  maxAttemptsSameSerial: 'attempts on transient errors, same out_serial_no each time (default 3)',
  authTokenFile: "file holding the user's auth_token (or env ALIPAY_AUTH_TOKEN)",
  wholeBiz: 'the whole biz_content as JSON (--set and the field flags override it)',
  cardTemplate: 'the card template',
  replaceFile: 'replace the file if it exists',

  // Blocks after the options. `commands` are example command lines, shown as they are.
  examples: (p: { commands: string[] }) => `\nExamples:\n${p.commands.join('\n')}\n`,
  exitCodes: `
Exit codes:
  0    success
  1    unexpected internal error (a bug; --verbose shows the stack)
  2    usage or input error: bad flag, invalid field, missing input with no terminal
  3    configuration or credential error: no config, unreadable key, key/cert mismatch
  4    the gateway answered with a non-success code
  5    signature verification failed
  6    network or transport failure after retries
  7    batch finished, some rows failed
  130  interrupted (Ctrl-C, or SIGTERM)`,
} satisfies Entries);

export type ProgramHelpEntries = ReturnType<typeof entries>;
export const programHelpText = messages('program-help', entries);
