/**
 * The Telegram bot process. Its flows are not built yet (issue 4): until then it says so and
 * exits, rather than pretending to run. The gateway's GraphQL API already serves everything the
 * bot will call, through the typed client in bot/gateway-client.ts.
 */
console.error("start:bot: the Telegram bot is not built yet; use the gateway's GraphQL API (npm start prints where)");
process.exit(1);
