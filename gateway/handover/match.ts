/**
 * Scanned or typed accumulator ids against the booked ones. Phone keyboards capitalise and a
 * Russian layout types Cyrillic letters that look like Latin ones (`асс-1001`): an id matches a
 * booked id when both read the same after folding case and those look-alikes. The booked spelling
 * is what gets recorded and sent upstream.
 */
const LOOK_ALIKE: Record<string, string> = {
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
  if (!/[0-9A-Za-z]/.test(id)) return id;
  return [...id.normalize("NFKC")]
    .map((ch) => {
      const latin = LOOK_ALIKE[ch.toLowerCase()];
      return latin === undefined ? ch : ch === ch.toLowerCase() ? latin : latin.toUpperCase();
    })
    .join("");
}

/**
 * The spelling to record for `scanned`: the one known id (booked, or scanned earlier in the
 * handover) it matches, else `scanned` as typed with any Cyrillic look-alikes made Latin (a
 * Russian layout's slip, as when nothing was booked to match: a take-back).
 */
export function matchKnownId(scanned: string, known: readonly string[]): string {
  if (known.includes(scanned)) return scanned;
  const folded = foldId(scanned);
  const matches = [...new Set(known.filter((id) => foldId(id) === folded))];
  return matches.length === 1 ? matches[0] : latinOf(scanned);
}

/**
 * foldId in SQL, for the column `accumulator_id` (NFKC aside): lower case (ASCII, whatever the
 * database's locale), Cyrillic look-alikes of either case as their Latin letters. An index on
 * ("handover_id", this) finds a handover's earlier scans of the same accumulator directly.
 */
const CYRILLIC = Object.keys(LOOK_ALIKE);
const LATIN = CYRILLIC.map((ch) => LOOK_ALIKE[ch]);
export const FOLDED_ID_SQL = `translate(lower("accumulator_id"), '${[...CYRILLIC.map((c) => c.toUpperCase()), ...CYRILLIC].join("")}', '${[...LATIN, ...LATIN].join("")}')`;
