// The config commands (src/cli/commands/config.ts, config-set.ts) and the warnings every command
// prints when it loads a profile (src/cli/session.ts).
import { messages, type Entries } from '../text.js';

const entries = () => ({
  warningLabel: 'warning:',

  // config show (and the rows src/config/redact.ts makes for it).
  showProfileTitle: (p: { name: string }) => `Profile ${p.name}`,
  showConfigFile: 'config file',
  showNoConfigFile: '(none found: using the local gateway)',
  showNoConfigFileValues: '(none found: the values below come from flags, the environment and defaults)',
  showLangNotSet: '(not set)',
  showValuesTitle: 'Effective values (secrets masked)',
  showNotSet: '(not set)',
  showAppIdNotSet: 'set appId in the profile or ALIPAY_APP_ID',
  showPrivateKeyNotSet: 'needed to sign: privateKeyFile or ALIPAY_PRIVATE_KEY_FILE',
  showAlipayKeyNotSet: 'needed to verify responses: alipayPublicKeyFile or ALIPAY_PUBLIC_KEY_FILE',
  showLocalGateway: (p: { gateway: string }) => `${p.gateway} (the embedded local gateway)`,

  // config init.
  initNeedsTerminal: 'config init asks questions and needs a terminal: stdin, stdout and stderr',
  initNeedsTerminalHint: 'without a terminal, set each value: alipay-card -p sandbox config set appId <id> (and privateKeyFile, alipayPublicKeyFile, gateway); see `alipay-card config set --help`',
  initProfileName: 'Profile name',
  initReplace: (p: { name: string; file: string }) => `Profile ${p.name} exists in ${p.file}. Replace it?`,
  initNothingWritten: 'Nothing written.',
  initOrLater: (p: { question: string }) => `${p.question} (or "later")`,
  initGivePath: 'give the path of the file',
  initAppId: 'App ID (from the Alipay open platform console)',
  initGateway: 'Gateway',
  initGatewayProduction: (p: { url: string }) => `${p.url} (real cards)`,
  initGatewayLocal: 'the local gateway built into alipay-card (no account needed)',
  initGatewayOther: 'another URL',
  initGatewayOtherDescription: 'a gateway of your own: a proxy, a mock, `gateway serve` on a port',
  initGatewayUrl: 'Gateway URL',
  initSignType: 'Sign type',
  initRsa2: 'SHA256withRSA (recommended)',
  initRsa: 'SHA1withRSA (legacy)',
  initCharset: 'Charset',
  initPrivateKeyFile: 'App private key file (PEM or bare base64)',
  initMode: 'How does Alipay sign for this app?',
  initKeyMode: 'public key mode (公钥)',
  initCertMode: 'certificate mode (公钥证书)',
  initAlipayPublicKeyFile: 'Alipay public key file (支付宝公钥, not your own app public key)',
  initAlipayKeyLater: (p: { name: string; cli: string }) =>
    `No Alipay public key yet: responses cannot be verified until you add it. Upload your app public key in the console, save the key it shows as 'Alipay public key' (支付宝公钥) to a file, then run: ${p.cli} -p ${p.name} config set alipayPublicKeyFile <file>`,
  initAppCertFile: 'App public cert (appCertPublicKey_<appId>.crt)',
  initAlipayCertFile: 'Alipay public cert (alipayCertPublicKey_RSA2.crt)',
  initAlipayRootCertFile: 'Alipay root cert (alipayRootCert.crt)',
  initWrote: (p: { name: string; file: string; cli: string }) => `Wrote profile ${p.name} to ${p.file} (mode 0600). Check it with: ${p.cli} -p ${p.name} keys check`,
  initTwoFiles: (p: { config: string; file: string }) => `config init: -c ${p.config} and --file ${p.file} name two different files; which one should be written?`,
  initTwoFilesHint: 'give one of them: --file is the same as -c here',

  // config set.
  setUnknownKey: (p: { key: string; near: string }) => `config set: "${p.key}" is not a profile setting${p.near === '' ? '' : `; did you mean ${p.near}?`}`,
  setSettingsHint: (p: { keys: string[] }) => `settings: ${p.keys.join(', ')}`,
  setSecret: (p: { key: string }) => `config set: ${p.key} is a secret and is never taken as a command-line value (it would show in \`ps\` and the shell history)`,
  setPrivateKeyInstead: 'set privateKeyFile <file> (the key file, mode 0600) or ALIPAY_PRIVATE_KEY_FILE',
  setEncryptKeyInstead: 'set encryptKeyFile <file> or ALIPAY_ENCRYPT_KEY',
  setAppAuthTokenInstead: 'write appAuthToken into the config file with an editor (it is created 0600)',
  setProblemsAlready: (p: { path: string; lines: string[] }) => `${p.path} has problems already; fix them first:\n${p.lines.map((line) => `  ${line}`).join('\n')}`,
  setKeyProblem: (p: { key: string; problem: string }) => `config set ${p.key}: ${p.problem}`,
  setValueProblem: (p: { problem: string }) => `config set ${p.problem}`,
  setDone: (p: { key: string; profile: string; path: string }) => `Set ${p.key} of profile ${p.profile} in ${p.path}.`,
  setDoneReplacing: (p: { key: string; profile: string; path: string; replaced: string }) => `Set ${p.key} of profile ${p.profile} in ${p.path} (replacing ${p.replaced}).`,
  setWhichProfile: (p: { path: string; names: string[] }) => `config set: which profile? ${p.path} has no defaultProfile and several profiles (${p.names.join(', ')}), so commands read none of them`,
  setWhichProfileHint: (p: { name: string }) => `name one: alipay-card -p ${p.name} config set <key> <value>; or make one the default first: alipay-card config use ${p.name}`,
  keptDefaultProfile: (p: { kept: string; added: string; path: string }) => `commands still use profile ${p.kept}: the file had no defaultProfile and ${p.kept} was its only profile, so defaultProfile: ${p.kept} is now written in ${p.path}. To use ${p.added} instead: alipay-card config use ${p.added}`,
  newProfileNameRefused: (p: { name: string; rule: string }) => `cannot create profile "${p.name}": ${p.rule}`,
  setLangDone: (p: { value: string; path: string }) => `Set lang (the language of messages) to ${p.value} in ${p.path}.`,
  gatewayExpected: (p: { names: string[]; got: string }) => `expected ${p.names.join(', ')} or an https URL, got ${p.got}`,
  gatewayNotHttps: (p: { value: string }) => `${p.value}: a gateway URL must be https (plain http only on this machine: 127.0.0.1, localhost)`,

  // config use.
  useNoProfile: (p: { name: string; path: string; near: string }) => `config use: no profile "${p.name}" in ${p.path}${p.near === '' ? '' : `; did you mean ${p.near}?`}`,
  useProfilesHint: (p: { names: string[] }) => `profiles: ${p.names.join(', ')}`,
  useCreateHint: (p: { name: string }) => `create it with \`alipay-card -p ${p.name} config init\` or \`alipay-card -p ${p.name} config set appId <id>\``,
  useDone: (p: { name: string; path: string }) => `Default profile is now ${p.name} (${p.path}).`,

  // config profiles.
  profilesNoConfig: 'No config file found: commands use the local gateway. Create one with `alipay-card config init` or `alipay-card config set appId <id>`.',
  profilesNoAppId: '(no appId)',
  profilesDefaultGateway: 'sandbox (default)',
  // A command with no dry run (src/cli/dry-run.ts).
  noDryRun: (p: { command: string }) => `--dry-run: ${p.command} has no dry run: it changes files on this machine (it sends nothing to Alipay)`,
  noDryRunHint: 'leave out --dry-run to run it',
} satisfies Entries);

export type ConfigCommandsEntries = ReturnType<typeof entries>;
export const configCommandsText = messages('config-commands', entries);
