import { GraphQLClient } from "graphql-request";
import { getSdk, type SdkFunctionWrapper } from "./generated/graphql";
import type { Lang } from "./messages";

/** The Telegram user the bot acts for (contract/README.md, "Identity"), in the language the bot speaks to them. */
export interface TelegramUser {
  id: number;
  username?: string;
  /** sent as Accept-Language, so what the gateway words (job-type titles) is in the bot's language for this person */
  lang: Lang;
}

/**
 * The bot's only way to the gateway: the typed SDK generated from bot/operations/*.graphql,
 * with the service token and the Telegram user's headers on every request; `wrapper` sees every
 * operation by name (the bot's metrics time them).
 */
export function gatewayFor(gatewayUrl: string, serviceToken: string, user: TelegramUser, requestId?: string, wrapper?: SdkFunctionWrapper) {
  const headers: Record<string, string> = {
    authorization: `Bearer ${serviceToken}`,
    "x-telegram-user-id": String(user.id),
    "accept-language": user.lang,
  };
  if (user.username) headers["x-telegram-username"] = user.username;
  if (requestId) headers["x-request-id"] = requestId;
  return getSdk(new GraphQLClient(gatewayUrl, { headers }), wrapper);
}

export type Gateway = ReturnType<typeof gatewayFor>;
