/** Ids typed by a person: one or many, separated by spaces, commas, semicolons or new lines. */
export function splitIds(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/u).map((s) => s.trim()).filter(Boolean))];
}

/** "/give@my_bot cab-1 ctr-1" → { name: "give", args: ["cab-1", "ctr-1"] }; null when not a command. */
export function parseCommand(text: string): { name: string; args: string[] } | null {
  const match = /^\/([A-Za-z0-9_]+)(?:@\S+)?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match) return null;
  return { name: match[1].toLowerCase(), args: splitIds(match[2] ?? "") };
}

/** "ivan_petrov repairer,keeper wh-1" → an operator to allow; null when it does not parse. */
export function parseOperatorLine(text: string): { login: string; roles: string[]; placeId?: string } | null {
  const [login, roleWords, placeId] = text.trim().split(/\s+/);
  if (!login || !roleWords) return null;
  const names: Record<string, string> = {
    keeper: "ACCUMULATOR_KEEPER",
    accumulator_keeper: "ACCUMULATOR_KEEPER",
    repairer: "REPAIRER",
    mechanic: "REPAIRER",
    admin: "ADMIN",
    manager: "MANAGER",
  };
  const roles = roleWords.split(",").map((r) => names[r.toLowerCase()]);
  if (roles.some((r) => !r)) return null;
  return { login: login.replace(/^@/, ""), roles: [...new Set(roles)], placeId };
}
