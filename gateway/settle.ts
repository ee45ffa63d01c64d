/**
 * Runs `work` now and gives its result as a promise, a throw as a rejection: what an `async`
 * function with nothing to await does. For hooks an API declares as returning promises (Apollo's
 * plugin hooks) whose work is synchronous. A rejection, not a throw, matters there: Apollo calls
 * every plugin's hook before it awaits them all, so a hook that threw would keep the plugins after
 * it from running (a query refused for its cost would no longer count against the rate limit).
 */
export function settle<T>(work: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(work()));
}
