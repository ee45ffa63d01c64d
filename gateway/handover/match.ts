/**
 * Scanned or typed accumulator ids against the booked ones. Phone keyboards capitalise and a
 * Russian layout types Cyrillic letters that look like Latin ones (`асс-1001`): an id matches a
 * booked id when both read the same after folding case and those look-alikes (../ids). The booked
 * spelling is what gets recorded and sent upstream.
 */
import { LOOK_ALIKE, foldId, latinOf } from "../ids";

export { foldId, latinOf };

/**
 * The spelling to record for `scanned`: the one known id (booked, or scanned earlier in the handover and not refused) it matches,
 * else `scanned` as typed with any Cyrillic look-alikes made Latin (a
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
