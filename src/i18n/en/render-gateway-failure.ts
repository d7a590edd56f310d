// The lines under a gateway error on stderr: the gateway's sub_msg beside its string to sign, both
// strings to sign with their first difference marked, and what usually causes a bad signature.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  /** sub_msg when it quotes the gateway's string to sign, shown below it. */
  quotedBelow: (p: { message: string }) => `${p.message} (its string to sign is below)`,
  /** Two lines, each indented two spaces. */
  usualCauses: '  usual causes: the app public key uploaded to Alipay is not the pair of privateKey;\n  the Alipay public key was configured where the app key belongs (or the reverse); charset mismatch.',
  /** The labels of the two strings to sign, one above the other (padded to one width). */
  gatewaySigned: 'gateway signed:',
  weSigned: 'we signed:',
  /** Indented two spaces. */
  identical: '  the strings are identical: the key pair or the charset of the bytes differs',
  firstDifference: (p: { at: number }) => `first difference at character ${p.at}`,
} satisfies Entries);

export type RenderGatewayFailureEntries = ReturnType<typeof entries>;
export const renderGatewayFailureText = messages('render-gateway-failure', entries);
