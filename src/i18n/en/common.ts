// Words every part of the tool uses: how an error is introduced, lists, the language flag, and
// commander's own words (help titles and its parse errors), which commander does not translate.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  errorLabel: 'error:',
  hintLabel: 'hint:',
  internalErrorLabel: 'internal error:',
  /** A label and what it introduces: `error: <message>`, `hint: <what to do>`. */
  labelled: (p: { label: string; message: string }) => `${p.label} ${p.message}`,
  internalErrorHint: 'this is a bug in alipay-card; run again with --verbose for the stack and report it',
  /** Clauses of one message, e.g. every problem of a field. */
  clauses: (p: { items: string[] }) => p.items.join('; '),
  /** A message about one field: `card_ext_info.valid_date: must be after open_date`. */
  pathed: (p: { path: string; message: string }) => `${p.path}: ${p.message}`,
  /** Alternatives, e.g. valid values: `a, b or c`. */
  either: (p: { items: string[] }) => (p.items.length <= 1 ? p.items.join('') : `${p.items.slice(0, -1).join(', ')} or ${p.items.at(-1)}`),
  langFlag: (p: { valid: string; got: string }) => `--lang must be one of ${p.valid}, got ${p.got}`,

  // Commander's help.
  usageTitle: 'Usage:',
  optionsTitle: 'Options:',
  globalOptionsTitle: 'Global Options:',
  commandsTitle: 'Commands:',
  argumentsTitle: 'Arguments:',
  helpOption: 'display help for command',
  helpCommand: 'display help for command',
  versionOption: 'output the version number',
  choices: (p: { values: string }) => `choices: ${p.values}`,
  defaultValue: (p: { value: string }) => `default: ${p.value}`,
  envVariable: (p: { name: string }) => `env: ${p.name}`,
  extraInfo: (p: { items: string[] }) => `(${p.items.join(', ')})`,

  // Commander's parse errors (each begins with the error label).
  unknownOption: (p: { flag: string }) => `error: unknown option '${p.flag}'`,
  unknownCommand: (p: { name: string }) => `error: unknown command '${p.name}'`,
  didYouMean: (p: { message: string; suggestions: string[] }) => `${p.message}\n(Did you mean ${p.suggestions.join(' or ')}?)`,
  missingArgument: (p: { name: string }) => `error: missing required argument '${p.name}'`,
  optionMissingArgument: (p: { flags: string }) => `error: option '${p.flags}' argument missing`,
  missingMandatoryOption: (p: { flags: string }) => `error: required option '${p.flags}' not specified`,
  conflictingOption: (p: { option: string; other: string }) => `error: ${p.option} cannot be used with ${p.other}`,
  excessArguments: (p: { expected: number; got: number }) => `error: too many arguments. Expected ${p.expected} argument${p.expected === 1 ? '' : 's'} but got ${p.got}.`,
  excessArgumentsFor: (p: { command: string; expected: number; got: number }) => `error: too many arguments for '${p.command}'. Expected ${p.expected} argument${p.expected === 1 ? '' : 's'} but got ${p.got}.`,
  invalidOptionArgument: (p: { flags: string; value: string; reason: string }) => `error: option '${p.flags}' argument '${p.value}' is invalid. ${p.reason}`,
  invalidArgument: (p: { name: string; value: string; reason: string }) => `error: command-argument value '${p.value}' is invalid for argument '${p.name}'. ${p.reason}`,
  invalidChoice: (p: { allowed: string }) => `Allowed choices are ${p.allowed}.`,
} satisfies Entries);

export type CommonEntries = ReturnType<typeof entries>;
export const commonText = messages('common', entries);
