/** What a person typed, read before anything goes to the gateway. */
import type { Role } from "./generated/graphql";

/**
 * Tokens of a message: separated by spaces, commas, semicolons or new lines; each once. A dot or
 * colon ending a token ends the sentence, not the id ("acc-3001." is acc-3001).
 */
export function splitIds(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/u)
        .map((s) => s.trim().replace(/[.:…]+$/u, ""))
        .filter(Boolean),
    ),
  ];
}

const ID = /^[\p{L}\p{N}_.:/#-]{1,128}$/u;

/** Could this token be an id (accumulator, cabinet, contractor, vehicle, warehouse)? Ids have a digit; words do not. */
export function looksLikeId(token: string): boolean {
  return ID.test(token) && /\p{N}/u.test(token);
}

/** A message split into what can be ids and what cannot ("привет", "шкаф"). */
export function readIds(text: string): { ids: string[]; words: string[] } {
  const tokens = splitIds(text);
  return { ids: tokens.filter(looksLikeId), words: tokens.filter((t) => !looksLikeId(t)) };
}

/**
 * A sentence, not a list of ids: more words than id-like tokens, and at least two words
 * ("осталось 2 штуки"). Such a message gets a hint; nothing of it is scanned.
 */
export function isSentence({ ids, words }: { ids: string[]; words: string[] }): boolean {
  return words.length >= 2 && words.length > ids.length;
}

/** Words for "I am done" (Russian forms of "finished", "ready", "all", "the end", and English "done", "finish"); they finish a handover like /done. */
/** What else an id that is not an accumulator's may be, by the fleet's prefixes (sc-1001, cab-1, ctr-1, wh-1). */
export type OtherIdKind = "vehicle" | "cabinet" | "contractor" | "place";
const OTHER_KINDS: [RegExp, OtherIdKind][] = [
  [/^sc-/i, "vehicle"],
  [/^cab-/i, "cabinet"],
  [/^ctr-/i, "contractor"],
  [/^wh-/i, "place"],
];

/** The kind of thing `id` names when it is not an accumulator (a scooter's QR scanned by mistake); null otherwise. */
export function otherIdKind(id: string): OtherIdKind | null {
  return OTHER_KINDS.find(([prefix]) => prefix.test(id))?.[1] ?? null;
}

/** Any kind the fleet's prefixes tell, an accumulator's (acc-1001, or асс-1001 typed on a Russian layout) too. */
export type IdKind = OtherIdKind | "accumulator";
export function idKind(id: string): IdKind | null {
  return /^[aа][cс][cс]-/iu.test(id) ? "accumulator" : otherIdKind(id);
}

const YES_OR_NO = new Set(["да", "ага", "угу", "ок", "ok", "okay", "yes", "нет", "no", "конечно", "давай"]);

/** «Да», «нет», «ок!»: an answer to a question, which the buttons of the question take. */
export function isYesOrNo(text: string): boolean {
  return YES_OR_NO.has(
    text
      .trim()
      .toLowerCase()
      .replace(/[.!?,)]+$/u, ""),
  );
}

const CANCELLING = new Set(["отмена", "отменить", "отмени", "отменяю", "стоп", "cancel", "stop"]);

/** «Отмена», «стоп»: typed instead of the ✖️ button or /cancel, they do what /cancel does. */
export function isCancelWord(text: string): boolean {
  return CANCELLING.has(
    text
      .trim()
      .toLowerCase()
      .replace(/[\s.!?…,;:)(\p{Extended_Pictographic}\uFE0F]+/gu, " ")
      .trim(),
  );
}

const FINISHING = new Set(["закончил", "закончила", "закончили", "готово", "готов", "готова", "всё", "все", "конец", "done", "finish", "finished"]);

export function isFinishingWord(text: string): boolean {
  const word = text
    .trim()
    .toLowerCase()
    .replace(/[\s.!?…,;:)(\p{Extended_Pictographic}\uFE0F]+/gu, " ")
    .trim();
  return FINISHING.has(word);
}

/** "/give@my_bot cab-1 ctr-1" → { name: "give", args: ["cab-1", "ctr-1"] }; null when not a command. */
export function parseCommand(text: string): { name: string; args: string[] } | null {
  const match = /^\/([A-Za-z0-9_]+)(?:@\S+)?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match) return null;
  return { name: match[1].toLowerCase(), args: splitIds(match[2] ?? "") };
}

/** "ivan_petrov repairer,keeper wh-1" (or "ivan_petrov механик,кладовщик wh-1") → an operator to allow; null when it does not parse. */
export function parseOperatorLine(text: string): { login: string; roles: Role[]; placeId?: string } | null {
  const [login, roleWords, placeId] = text.trim().split(/\s+/);
  if (!login || !roleWords) return null;
  const names: Record<string, Role | undefined> = {
    keeper: "ACCUMULATOR_KEEPER",
    accumulator_keeper: "ACCUMULATOR_KEEPER",
    repairer: "REPAIRER",
    mechanic: "REPAIRER",
    admin: "ADMIN",
    manager: "MANAGER",
    // as a Russian admin types them
    кладовщик: "ACCUMULATOR_KEEPER",
    выдача: "ACCUMULATOR_KEEPER",
    механик: "REPAIRER",
    ремонт: "REPAIRER",
    руководитель: "MANAGER",
    менеджер: "MANAGER",
    админ: "ADMIN",
    администратор: "ADMIN",
  };
  const roles = roleWords.split(",").map((r) => names[r.toLowerCase()]);
  if (!roles.every((r): r is Role => r !== undefined)) return null;
  return { login: login.replace(/^@/, ""), roles: [...new Set(roles)], placeId };
}
