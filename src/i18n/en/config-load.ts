// Finding, reading and checking the config file (src/config: search, load, schema, problems, the
// write side's refusals): every problem a config file or the environment can have.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  // Where a value came from (ResolvedConfig.sources, profileSource), as a person reads it.
  originFlag: (p: { flag: string }) => `flag ${p.flag}`,
  originEnv: (p: { name: string }) => `env ${p.name}`,
  originFile: (p: { path: string }) => `file ${p.path}`,
  originFileDefaultProfile: (p: { path: string }) => `file ${p.path} defaultProfile`,
  originOnlyProfile: (p: { path: string }) => `the only profile in ${p.path}`,
  originDefault: 'default',
  environment: 'environment',

  // A problem list (problems.ts).
  problemGroup: (p: { where: string; count: number; lines: string[] }) =>
    `${p.where}: ${p.count} problem${p.count === 1 ? '' : 's'}${p.lines.map((line) => `\n  ${line}`).join('')}`,
  problemGroups: (p: { groups: string[] }) => p.groups.join('\n'),
  exampleHint: 'every key is shown in config.example.json (shipped with alipay-card); `alipay-card config init` writes a valid profile',

  // How a rejected value is described (never a secret's text).
  inputNothing: 'nothing',
  inputEmptyString: 'an empty string',
  inputSecretString: (p: { length: number }) => `a string of ${p.length} characters`,
  inputSecretNumber: 'a number',
  inputNumber: (p: { value: string }) => `number ${p.value}`,
  inputBoolean: (p: { value: string }) => `boolean ${p.value}`,
  inputArray: 'an array',
  inputObject: 'an object',

  // Schema problems (schema.ts).
  expected: (p: { what: string; got: string }) => `expected ${p.what}, got ${p.got}`,
  expectedDidYouMean: (p: { what: string; got: string; suggestion: string }) => `expected ${p.what}, got ${p.got}; did you mean "${p.suggestion}"?`,
  anHttpUrl: 'an http(s) URL',
  aFilePath: 'a file path',
  timeoutRange: (p: { max: number }) => `a whole number of milliseconds from 1 to ${p.max} (10 minutes)`,
  aesKeyValue: 'a base64 AES-128 key (24 characters ending "==")',
  privateKeyText: 'the private key text (PEM or bare base64)',
  alipayPublicKeyText: 'the Alipay public key text (PEM or bare base64)',
  appAuthTokenText: 'the app auth token (a non-empty string)',
  aProfile: 'a profile (an object of settings)',
  aProfileName: 'a profile name',
  aNonEmptyProfileName: 'a non-empty profile name',
  profilesShape: 'an object of profiles by name',
  fileShape: 'an object with "profiles" (and optionally "defaultProfile")',
  appIdNumber: (p: { value: string }) => `expected a string of digits, got number ${p.value}: quote it ("${p.value}"), a JSON number loses digits`,
  appIdDigits: (p: { got: string }) => `expected a string of digits (the 16-digit app ID), got ${p.got}`,
  unknownKeyDidYouMean: (p: { suggestion: string }) => `unknown key; did you mean "${p.suggestion}"?`,
  unknownKey: (p: { keys: string[] }) => `unknown key (known keys: ${p.keys.join(', ')})`,
  requiredMissing: 'required but missing',
  reservedProfileName: (p: { name: string }) => `"${p.name}" cannot be a profile name (JavaScript reserves it); rename the profile`,
  defaultProfileMissing: (p: { name: string; profiles: string[]; suggestion: string }) =>
    `"${p.name}" is not a profile in this file (profiles: ${p.profiles.join(', ') || 'none'})${p.suggestion === '' ? '' : `; did you mean "${p.suggestion}"?`}`,
  langValue: (p: { got: string }) => `expected "en" or "zh-CN" (zh, zh_CN and any case are taken too), got ${p.got}`,
  bothSet: (p: { a: string; b: string }) => `${p.a} and ${p.b} are both set; keep one`,
  certModeIncomplete: (p: { missing: string[] }) => `certificate mode needs appCertFile, alipayCertFile and alipayRootCertFile together; missing ${p.missing.join(', ')}`,
  certModeWithAlipayKey: (p: { key: string; certs: string[] }) => `${p.key} cannot be combined with certificate mode (${p.certs.join(', ')}): there Alipay's key comes from alipayCertFile`,

  // What the config commands create (names.ts).
  appIdRule: 'an app ID is 16 digits, e.g. 2021000000000000',
  profileNameRule: 'a profile name has letters, digits and . _ - only',
  // Flags and profiles (load.ts, merge.ts).
  gatewayFlag: (p: { got: string }) => `--gateway: expected production, sandbox, local or an http(s) URL, got ${p.got}`,
  timeoutFlag: (p: { max: number; got: string }) => `--timeout: expected a whole number of milliseconds from 1 to ${p.max}, got ${p.got}`,
  profileWithoutConfig: (p: { name: string; source: string }) => `profile "${p.name}" (${p.source}) was asked for, but no config file was found`,
  profileWithoutConfigHint: (p: { cwd: string; userFile: string; name: string }) =>
    `searched ${p.cwd} and its parents, then ${p.userFile}; create one with \`alipay-card -p ${p.name} config init\` or pass --config <file>`,
  profileNotInFile: (p: { name: string; source: string; file: string; near: string; names: string[] }) =>
    `profile "${p.name}" (${p.source}) is not in ${p.file}; ${p.near === '' ? '' : `did you mean ${p.near}? `}${p.names.length === 0 ? 'it defines no profiles' : `available: ${p.names.join(', ')}`}`,
  passProfileHint: (p: { name: string }) => `pass --profile ${p.name}, or set "defaultProfile" in the config file`,
  addProfileHint: (p: { name: string; file: string }) => `add one with \`alipay-card -p ${p.name} config init --file ${p.file}\``,
  inlineSecrets: (p: { warning: string; keys: string[] }) => `${p.warning} (it holds ${p.keys.join(', ')} inline)`,
  envOverridesCertMode: (p: { setting: string; profile: string; certs: string[] }) =>
    `${p.setting} overrides certificate mode of profile "${p.profile}" (${p.certs.join(', ')} ignored): requests are sent in public key mode`,

  // Finding and reading the file (search.ts, json-config.ts).
  noModuleKey: (p: { path: string; key: string }) => `${p.path} has no "${p.key}" key`,
  emptyFile: (p: { path: string }) => `${p.path} is empty`,
  shapeHint: 'see config.example.json for the shape of a config file',
  cannotLoad: (p: { file: string; reason: string }) => `${p.file}: cannot load it: ${p.reason}`,
  cannotLoadHint: 'fix the file, or point --config at another one',
  notAConfigName: (p: { path: string; ext: string; extensions: string[] }) => `${p.path}: not a config file: a config file's name ends in ${p.extensions.join(', ')}, or has no extension (read as YAML or JSON), not "${p.ext}"`,
  notAConfigNameHint: '-c names the config file; a key or certificate file is named in a profile of it (privateKeyFile, alipayPublicKeyFile, encryptKeyFile, …)',
  configIsDirectory: (p: { path: string }) => `--config ${p.path}: it is a directory, not a file`,
  configFlagUnreadable: (p: { path: string; reason: string }) => `--config ${p.path}: ${p.reason}`,
  configFlagHint: 'check the path (relative paths are resolved from the working directory), or run `alipay-card config init --file <path>`',
  invalidYamlAt: (p: { reason: string; line: number; column: number }) => `invalid YAML: ${p.reason} (line ${p.line}, column ${p.column})`,
  invalidYaml: 'invalid YAML',
  jsonAt: (p: { reason: string; line: number; column: number }) => `${p.reason} (line ${p.line}, column ${p.column})`,
  invalidJson: 'invalid JSON',
  jsonEndsEarly: 'invalid JSON: the file ends early (a missing } or ])',
  jsonUnexpected: (p: { char: string }) => `invalid JSON: unexpected character '${p.char}'`,
  keyGivenTwice: 'this key is given twice in its object: only the last one would be read',
  keyGivenTwiceHint: 'keep one of each: which value was meant cannot be told from the file',
  tooLarge: (p: { size: string; what: string }) => `it is larger than ${p.size}, the most read for ${p.what}`,
  aConfigFile: 'a config file',

  // The write side (config-file-edit.ts).
  cannotRewrite: (p: { path: string; what: string }) => `${p.path}: cannot rewrite ${p.what}; alipay-card writes JSON config files only`,
  cannotRewriteHint: (p: { file: string }) => `edit it by hand, or move the settings to a JSON file (${p.file}) and run again`,
  rewriteJavaScript: 'a JavaScript config (it is code)',
  rewriteYaml: 'a YAML config without losing its comments and layout',
  rewriteNotJson: 'a config that is not JSON (YAML, read as such)',
  cannotReadIt: (p: { path: string; reason: string }) => `${p.path}: cannot read it: ${p.reason}`,
  fixOrMoveHint: 'fix or move the file, or pass -c <other file>',
  cannotUpdateInvalidJson: (p: { path: string; reason: string }) => `${p.path}: cannot update it: ${p.reason}`,
  expectedJsonObject: (p: { path: string }) => `${p.path}: expected a JSON object`,
  cannotWrite: (p: { path: string; reason: string }) => `${p.path}: cannot write it: ${p.reason}`,
  targetIsDirectory: 'it is a directory',
  targetUnderFile: (p: { file: string }) => `${p.file} is a file, not a folder: the config cannot go under it`,
  targetReadOnly: (p: { dir: string }) => `${p.dir} is on a read-only file system`,
  targetDenied: (p: { dir: string }) => `permission denied: cannot write in ${p.dir}`,
  targetCannotCreate: (p: { dir: string; parent: string }) => `permission denied: cannot create ${p.dir} (cannot write in ${p.parent})`,
  cannotWriteHint: 'check the folder exists and is writable, or pass -c <other file>',
} satisfies Entries);

export type ConfigLoadEntries = ReturnType<typeof entries>;
export const configLoadText = messages('config-load', entries);
