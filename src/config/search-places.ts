// Its own module so search.ts and json-config.ts can both import it without importing each other.
export const MODULE_NAME = 'alipay-card';

/** DESIGN section 2, in cosmiconfig's order of preference within one directory. */
export const SEARCH_PLACES = [
  'package.json',
  `.${MODULE_NAME}rc`,
  `.${MODULE_NAME}rc.json`,
  `.${MODULE_NAME}rc.yaml`,
  `.${MODULE_NAME}rc.yml`,
  `${MODULE_NAME}.config.js`,
  `${MODULE_NAME}.config.mjs`,
  `${MODULE_NAME}.config.cjs`,
  `${MODULE_NAME}.config.json`,
] as const;
