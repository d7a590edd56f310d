/**
 * Why a protocol operation refused its input. Callers outside `src/protocol` translate these into
 * the CLI's own error classes (a bad response body is a transport failure, a bad certificate file
 * is a configuration failure, ...), so the code names the fault, not the exit status.
 */
import { english, type Text } from '../i18n/text.js';

export type ProtocolErrorCode =
  | 'malformed-response'
  | 'missing-node'
  | 'duplicate-node'
  | 'unsupported-charset'
  | 'unencodable-text'
  | 'unsupported-sign-type'
  | 'malformed-form'
  | 'invalid-timestamp'
  | 'bad-certificate'
  | 'aes';

/** `message` is English, for machines (a gateway's sub_msg, logs); `text` is for a person (`local()`). */
export class ProtocolError extends Error {
  /** The message as data, to be rendered in the reader's language. */
  readonly text: Text | string;

  constructor(
    readonly code: ProtocolErrorCode,
    message: Text | string,
  ) {
    super(english(message));
    this.name = 'ProtocolError';
    this.text = message;
  }
}
