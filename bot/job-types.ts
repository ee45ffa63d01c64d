import type { JobTypesQuery } from "./generated/graphql";
import type { Lang } from "./messages";

type JobTypes = JobTypesQuery["jobTypes"];

/** How long the job types (codes, titles, variants) are reused: an admin's new type shows within a minute. */
export const JOB_TYPES_TTL_MS = 60_000;

/**
 * The job types the repair panel draws its buttons from, asked of the gateway once a minute per
 * language (titles come in the person's language) instead of with every press. A type an admin
 * retired a moment ago may still show for that minute; starting it is refused by the gateway, as
 * any stale button is. A failure is not kept.
 */
export class JobTypeCache {
  private readonly kept = new Map<Lang, { types: Promise<JobTypes>; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  get(lang: Lang, ask: () => Promise<JobTypes>): Promise<JobTypes> {
    const kept = this.kept.get(lang);
    if (kept && kept.until > this.now()) return kept.types;
    const types = ask();
    this.kept.set(lang, { types, until: this.now() + JOB_TYPES_TTL_MS });
    types.catch(() => {
      if (this.kept.get(lang)?.types === types) this.kept.delete(lang);
    });
    return types;
  }
}
