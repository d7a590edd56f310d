// The help of sign, verify, keys, config, gateway, version, completion and demo: descriptions of
// the commands, their options and arguments, and the notes after their examples.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  sign: 'build the string to sign for a request and sign it with the profile key (offline)',
  signMethod: 'API method, e.g. alipay.marketing.card.open',
  signBiz: 'biz_content as JSON, @file, or - for stdin',
  signParam: 'add or override a request param (repeatable)',
  signTimestamp: "request time 'yyyy-MM-dd HH:mm:ss' in Asia/Shanghai (default: now)",
  signContent: 'sign this raw string instead of building a request',
  /** An indented line among the examples. */
  signContentNewline: "  (a file or pipe's one trailing newline is not part of --content)",
  signNotes: `
--biz is signed as written, only the whitespace between tokens removed; a key given twice is an
error. A --biz or --content file (or stdin) is read as UTF-8, or in the profile's charset when it
is not valid UTF-8.
Tokens: auth_token comes from --auth-token-file or ALIPAY_AUTH_TOKEN, app_auth_token from the
profile's appAuthToken, never from --param (a flag value shows in \`ps\`). Both are signed as they
are but printed as <redacted …>, so where one is present the printed string to sign, params and
URL are not byte-identical to what was signed (a note on stderr says so).
`,

  verify: 'verify a gateway response, an async notification, or a content/signature pair (offline)',
  verifyResponse: 'a gateway response body',
  verifyMethod: 'API method of the response (default: from the node name)',
  verifyNotify: 'a notification: form body, query string, or JSON object of params',
  verifyNotifyMode: 'which params a notification signs',
  verifyContent: 'content that was signed',
  verifySign: 'signature of --content',
  verifySignType: "RSA2 or RSA (default: the profile signType; a notification's own sign_type comes first)",
  verifyCharset: "charset the content was signed in (default: the profile charset; a notification's own charset comes first)",

  keys: 'make an RSA2048 key pair; check that keys match each other and the certs',
  keysGenerate: 'generate an RSA-2048 app key pair (PKCS#8 private key, SPKI public key)',
  keysGenerateOut: 'directory to write the key files into',
  keysGenerateForce: 'overwrite existing key files',
  keysCheck: "check the profile's keys: private key vs app public key or app cert, Alipay key vs app key",
  keysCheckAppPublicKey: 'the app public key you uploaded to Alipay, to compare with the private key',

  config: 'write a config (interactively, or one setting at a time); show the effective config',
  configSet: 'set one profile setting (-p picks the profile) in the config file commands read',
  configSetKey: 'a profile setting: appId, gateway, signType, charset, privateKeyFile, alipayPublicKeyFile, alipayPublicKey, appCertFile, alipayCertFile, alipayRootCertFile, encryptKeyFile, timeoutMs; or lang (en, zh-CN), the language of messages, at the top level of the file',
  configSetValue: 'its value; a file path is checked and stored relative to the config file',
  configSetNotes: `
The file written is the one commands read: -c <file>, else the config found from the working
directory upward, else $XDG_CONFIG_HOME/alipay-card/config.json (created 0600). Only JSON config
files are rewritten. Secrets (privateKey, encryptKey, appAuthToken) are never values here: they
would show in \`ps\` and the shell history; set the file that holds them (privateKeyFile, ...).
The profile set is the one commands use: -p, else ALIPAY_CARD_PROFILE, else the file's
defaultProfile, else its only profile. Only \`config use\` changes which profile that is.
`,
  configUse: 'make a profile the default (defaultProfile) in the config file commands read',
  configUseProfile: 'a profile in that file',
  configProfiles: 'list the profiles of the config file commands read, the default one marked *',
  configShow: 'print the effective profile, every secret masked, and where each value came from',
  configInit: 'write a profile interactively (terminal only; the file is created with mode 0600)',
  configInitFile: 'config file to write, as -c (default: the config found from here, else $XDG_CONFIG_HOME/alipay-card/config.json)',

  gateway: 'the local gateway: gateway.do on loopback, stateful, with fault injection',
  gatewayServe: 'run the local gateway until Ctrl-C (verifies requests, signs responses, keeps state)',
  gatewayHost: 'address to listen on (not loopback: needs --allow-remote)',
  gatewayAllowRemote: 'allow a --host other machines can reach (gateway.do checks signatures; /_local/* still answers only this machine)',
  gatewayExposeLocalApi: 'with --allow-remote: let other machines use the unauthenticated /_local/* too',
  gatewayPort: 'port to listen on (0 picks a free one)',
  gatewayState: 'state file: keys, apps, templates, cards (default: under the user state directory)',
  gatewayKey: "the gateway's private key (default: generated once and kept in the state file)",
  gatewayApp: 'register an app by its public key or app cert file (repeatable)',
  gatewayAppEncryptKey: "an app's AES key (base64) from a file, for encrypted biz_content (repeatable)",
  gatewayTemplates: 'start with these templates: a JSON array of template.create biz_contents, each with its template_id',
  gatewayFault: 'inject a fault: <kind>:<rate> or <kind>:next=<n> (repeatable)',
  /** A line after the examples; the kinds are the values --fault takes. */
  gatewayFaultKinds: (p: { kinds: string }) => `Fault kinds: ${p.kinds}`,

  version: 'print the version of alipay-card, Node and the platform (for bug reports)',
  /** `version`'s last line (the lines before it are names and versions). */
  versionPlatform: (p: { platform: string; arch: string }) => `platform ${p.platform} ${p.arch}`,
  completion: 'print a shell completion script (bash, zsh or fish)',
  completionShell: 'bash, zsh or fish',
  demo: 'the whole flow against the local gateway, no account or config needed',
} satisfies Entries);

export type ProgramCommandsEntries = ReturnType<typeof entries>;
export const programCommandsText = messages('program-commands', entries);
