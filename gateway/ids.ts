/**
 * Ids typed by people. Phone keyboards capitalise and a Russian layout types Cyrillic letters that
 * look like Latin ones (`асс-1001`, `SC-1002`): two ids are the same when they read the same after
 * folding case and those look-alikes.
 */
export const LOOK_ALIKE: Record<string, string> = {
  а: "a",
  в: "b",
  е: "e",
  ё: "e",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  р: "p",
  с: "c",
  т: "t",
  у: "y",
  х: "x",
  і: "i",
};

/** The form two ids are compared in: NFKC, lower case, Cyrillic look-alikes as Latin letters. */
export function foldId(id: string): string {
  return [...id.normalize("NFKC").toLowerCase()].map((ch) => LOOK_ALIKE[ch] ?? ch).join("");
}

/**
 * `id` with its Cyrillic look-alikes as the Latin letters they look like, case kept (`АСС-1003`
 * is `ACC-1003`), when it is an id at all: one with a Latin letter or a digit in it.
 */
export function latinOf(id: string): string {
  const normal = id.normalize("NFKC"); // full-width ＳＣ-１００２ is SC-1002
  if (!/[0-9A-Za-z]/.test(normal)) return id;
  return [...normal]
    .map((ch) => {
      const latin = LOOK_ALIKE[ch.toLowerCase()];
      return latin === undefined ? ch : ch === ch.toLowerCase() ? latin : latin.toUpperCase();
    })
    .join("");
}

/**
 * The spellings to look a vehicle up by, the likelier first: as typed with any Cyrillic look-alikes
 * and full-width letters made Latin (`SC-1002`; never Cyrillic, which no fleet id is and Drive
 * refuses), and folded when that differs: the fleet's ids are lower-case Latin (`sc-1002`).
 */
export function spellingsOf(id: string): string[] {
  const latin = latinOf(id);
  const folded = foldId(id);
  return folded === latin ? [latin] : [latin, folded];
}

/**
 * What a vehicle id of the fleet is made of: Latin letters, digits and `_ . : -` (Drive's car_id;
 * a comma would be its list separator). A spelling of anything else (Cyrillic no look-alike
 * table knows, `Ѕ`; `/`) is no vehicle Drive has, so it is never asked for: a list of such ids
 * costs Drive nothing.
 */
const FLEET_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

export function isFleetId(id: string): boolean {
  return FLEET_ID.test(id);
}

/** The spellings of a typed vehicle id (spellingsOf) that can be a fleet's: the only ones Drive is asked for; none for `ЅС-1003`. */
export function fleetSpellingsOf(id: string): string[] {
  return spellingsOf(id).filter(isFleetId);
}
