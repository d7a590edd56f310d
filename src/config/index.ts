/**
 * Configuration and credentials: cosmiconfig search, schema, profiles, env overrides, key loading.
 * Nothing here prints, exits or reads process.env: env, cwd, home and file access come in as
 * arguments, and warnings go back as data.
 */
export { loadConfig, DEFAULT_PROFILE_NAME, type LoadConfigOptions } from './load.js';
export { DEFAULT_TIMEOUT_MS } from './merge.js';
export type { ResolvedConfig, ResolvedProfile, ValueSource, InlineSource, FileSource } from './resolved.js';
export { loadCredentials, requirePrivateKey, requireAlipayKey, SIGNING_PARTS, VERIFYING_PARTS, type Credentials, type CredentialOptions, type CredentialPart } from './credentials.js';
export { parsePrivateKey, parsePublicKey, type KeyTextKind, type PublicKeyOwner } from './keys.js';
export { readSecretFile, readTextFile, osReasonText, NODE_SECRET_FS, type SecretFile, type SecretFileSystem } from './secret-file.js';
export { readUpTo, readStreamUpTo, formatBytes, KEY_FILE_MAX_BYTES, TOKEN_FILE_MAX_BYTES } from './read-capped.js';
export { PROFILE_KEYS, type ProfileKey } from './profile-keys.js';
export { validateConfigFile, type ConfigFileContent, type ProfileSettings } from './schema.js';
export { ENV_VARS, PROFILE_ENV_VAR } from './env.js';
export { GATEWAY_URLS, gatewayUrl, isProductionGateway, type GatewayName } from './gateways.js';
export { SEARCH_PLACES } from './search-places.js';
export { userConfigPath } from './search.js';
export { maskSecret, describeProfileForShow, type SecretKind, type ShowRow } from './redact.js';
