import { Help, type Argument, type Option } from 'commander';
import { commonText } from '../i18n/en/common.js';
import { language, local } from '../i18n/text.js';

/**
 * Commander's own words in the chosen language: its help titles and the "(choices: …, default: …)"
 * after a description, and its parse errors. Commander has no catalogue, so its English is matched
 * here, by error code; in English nothing is touched, so what commander prints stays its own.
 */
const TITLES: Readonly<Record<string, () => string>> = {
  'Usage:': () => local(commonText.usageTitle()),
  'Options:': () => local(commonText.optionsTitle()),
  'Global Options:': () => local(commonText.globalOptionsTitle()),
  'Commands:': () => local(commonText.commandsTitle()),
  'Arguments:': () => local(commonText.argumentsTitle()),
};

/** Overrides for `configureHelp` that say commander's help words in the chosen language. */
export function localHelp(): Partial<Help> {
  if (language() === 'en') return {};
  const help = new Help();
  return {
    styleTitle: (title: string) => TITLES[title]?.() ?? help.styleTitle(title),
    optionDescription: (option: Option) => described(option.description, optionExtras(option)),
    argumentDescription: (argument: Argument) => described(argument.description, argumentExtras(argument)),
  };
}

function optionExtras(option: Option): string[] {
  const extras: string[] = [];
  if (option.argChoices) extras.push(local(commonText.choices({ values: option.argChoices.map((c) => JSON.stringify(c)).join(', ') })));
  const showDefault = option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean');
  if (option.defaultValue !== undefined && showDefault) {
    extras.push(local(commonText.defaultValue({ value: option.defaultValueDescription || JSON.stringify(option.defaultValue) })));
  }
  if (option.envVar !== undefined) extras.push(local(commonText.envVariable({ name: option.envVar })));
  return extras;
}

function argumentExtras(argument: Argument): string[] {
  const extras: string[] = [];
  if (argument.argChoices) extras.push(local(commonText.choices({ values: argument.argChoices.map((c) => JSON.stringify(c)).join(', ') })));
  if (argument.defaultValue !== undefined) {
    extras.push(local(commonText.defaultValue({ value: argument.defaultValueDescription || JSON.stringify(argument.defaultValue) })));
  }
  return extras;
}

function described(description: string, extras: string[]): string {
  if (extras.length === 0) return description;
  const extra = local(commonText.extraInfo({ items: extras }));
  return description ? local(commonText.labelled({ label: description, message: extra })) : extra;
}

type Rewrite = (match: RegExpExecArray) => string;

/** Commander's error messages by code: the pattern of its English, and the same in the language. */
const ERRORS: Readonly<Record<string, readonly [RegExp, Rewrite][]>> = {
  'commander.unknownOption': [[/^error: unknown option '(.*?)'$/s, (m) => local(commonText.unknownOption({ flag: m[1]! }))]],
  'commander.unknownCommand': [[/^error: unknown command '(.*?)'$/s, (m) => local(commonText.unknownCommand({ name: m[1]! }))]],
  'commander.missingArgument': [[/^error: missing required argument '(.*)'$/s, (m) => local(commonText.missingArgument({ name: m[1]! }))]],
  'commander.optionMissingArgument': [[/^error: option '(.*)' argument missing$/s, (m) => local(commonText.optionMissingArgument({ flags: m[1]! }))]],
  'commander.missingMandatoryOptionValue': [[/^error: required option '(.*)' not specified$/s, (m) => local(commonText.missingMandatoryOption({ flags: m[1]! }))]],
  'commander.conflictingOption': [[/^error: (.*) cannot be used with (.*)$/s, (m) => local(commonText.conflictingOption({ option: m[1]!, other: m[2]! }))]],
  'commander.excessArguments': [
    [/^error: too many arguments for '(.*)'\. Expected (\d+) arguments? but got (\d+)\.$/s,
      (m) => local(commonText.excessArgumentsFor({ command: m[1]!, expected: Number(m[2]), got: Number(m[3]) }))],
    [/^error: too many arguments\. Expected (\d+) arguments? but got (\d+)\.$/s,
      (m) => local(commonText.excessArguments({ expected: Number(m[1]), got: Number(m[2]) }))],
  ],
  'commander.invalidArgument': [
    [/^error: option '(.*?)' argument '(.*?)' is invalid\. (.*)$/s, (m) => local(commonText.invalidOptionArgument({ flags: m[1]!, value: m[2]!, reason: choicesReason(m[3]!) }))],
    [/^error: command-argument value '(.*?)' is invalid for argument '(.*?)'\. (.*)$/s, (m) => local(commonText.invalidArgument({ value: m[1]!, name: m[2]!, reason: choicesReason(m[3]!) }))],
  ],
};

/** Commander's "Allowed choices are a, b." in the language; our own reasons are already in it. */
function choicesReason(reason: string): string {
  const choices = /^Allowed choices are (.*)\.$/s.exec(reason);
  return choices ? local(commonText.invalidChoice({ allowed: choices[1]! })) : reason;
}

/** A commander error message in the chosen language; unchanged in English or when its shape is unknown. */
export function localCommanderError(message: string, code: string | undefined): string {
  if (language() === 'en') return message;
  const suggestion = /\n\(Did you mean (?:one of )?(.*)\?\)$/s.exec(message);
  const head = suggestion ? message.slice(0, suggestion.index) : message;
  let said = head;
  for (const [pattern, rewrite] of ERRORS[code ?? ''] ?? []) {
    const match = pattern.exec(head);
    if (match) {
      said = rewrite(match);
      break;
    }
  }
  if (!suggestion) return said;
  const suggestions = suggestion[1]!.split(/, | or /);
  return local(commonText.didYouMean({ message: said, suggestions }));
}
