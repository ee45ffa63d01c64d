/** Webhook delivery: an update posted to the bot's URL as Telegram does it. */

export interface WebhookTarget {
  url: string;
  secret: string;
}

/** Posts one update (JSON, with the secret header; `secret` overrides the registered one); returns the HTTP status. */
export async function postUpdate(target: WebhookTarget, update: unknown, secret = target.secret): Promise<number> {
  const response = await fetch(target.url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
    body: JSON.stringify(update),
  });
  await response.text();
  return response.status;
}
