import type { SeenSession } from "./flows/handover";

/**
 * What the bot last saw of each person's session (its state and the step it waits at), in this
 * process's memory, for the people who wrote last. It is only a guess for asking a scan ahead with
 * the update's first call: the gateway makes it only when the session is indeed so, so a guess that
 * is wrong, stale (another replica, another device) or lost (a restart) costs one round trip, never
 * a wrong step. Nothing the bot must keep lives here.
 */
export class SessionHints {
  private readonly seen = new Map<number, SeenSession>();

  constructor(private readonly capacity = 10_000) {}

  of(userId: number): SeenSession | undefined {
    return this.seen.get(userId);
  }

  remember(userId: number, session: SeenSession): void {
    this.seen.delete(userId); // the newest last: the first key is the one seen longest ago
    this.seen.set(userId, { state: session.state, botStep: session.botStep });
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.keys().next().value!);
  }
}
