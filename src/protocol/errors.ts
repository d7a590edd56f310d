/**
 * Why a protocol operation refused its input. Callers outside `src/protocol` translate these into
 * the CLI's own error classes (a bad response body is a transport failure, a bad certificate file
 * is a configuration failure, ...), so the code names the fault, not the exit status.
 */
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

export class ProtocolError extends Error {
  constructor(
    readonly code: ProtocolErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}
