/** A member's submitted form: whose, for which template, and the answers by OPEN_FORM_FIELD_* value. */
export interface SignUp {
  app_id: string;
  template_id: string;
  user_id: string;
  answers: Record<string, string>;
  at: number;
}

export interface Grant {
  app_id: string;
  user_id: string;
  expiresAt: number;
}

/** An auth code is good for five minutes and once (Alipay's are short-lived and single-use). */
export const AUTH_CODE_MS = 5 * 60_000;
/** expires_in and re_expires_in as the gateway answers them, in seconds. */
export const ACCESS_TOKEN_S = 3600;
export const REFRESH_TOKEN_S = 30 * 24 * 3600;

/**
 * The member side of the local gateway: the forms members submitted, the auth codes their callbacks
 * carried and the tokens those were exchanged for. Kept in memory (our decision): a restarted
 * gateway forgets them, as tokens expire; cards opened with them are in the state as any card. The
 * sign-up forms themselves are kept in the state with their templates (GatewayStore.setForm).
 */
export class MemberDesk {
  readonly signUps = new Map<string, SignUp>();
  readonly codes = new Map<string, Grant & { used: boolean; request_id: string }>();
  readonly tokens = new Map<string, Grant>();
  readonly refreshTokens = new Map<string, Grant>();

  static key(appId: string, templateId: string): string {
    return `${appId}\u0000${templateId}`;
  }
}
