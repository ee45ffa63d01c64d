import { GraphQLClient } from "graphql-request";
import { getSdk } from "./generated/graphql";

/** The Telegram user the bot acts for (contract/README.md, "Identity"). */
export interface TelegramUser {
  id: number;
  username?: string;
}

/**
 * The bot's only way to the gateway: the typed SDK generated from bot/operations/*.graphql,
 * with the service token and the Telegram user's headers on every request.
 */
export function gatewayFor(gatewayUrl: string, serviceToken: string, user: TelegramUser, requestId?: string, fetchImpl?: typeof fetch) {
  const headers: Record<string, string> = {
    authorization: `Bearer ${serviceToken}`,
    "x-telegram-user-id": String(user.id),
  };
  if (user.username) headers["x-telegram-username"] = user.username;
  if (requestId) headers["x-request-id"] = requestId;
  return getSdk(new GraphQLClient(gatewayUrl, { headers, ...(fetchImpl ? { fetch: fetchImpl } : {}) }));
}

export type Gateway = ReturnType<typeof gatewayFor>;
