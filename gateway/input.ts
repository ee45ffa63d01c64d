import { BadUserInputError } from "./errors";

const MAX_ID_LENGTH = 128;
const ID_CHARS = /^[\p{L}\p{N}_.:/#-]+$/u;

/**
 * An id typed or scanned by a person: trimmed; empty, over-long or containing spaces or control
 * characters is BAD_USER_INPUT naming the field.
 */
export function requireId(value: string | null | undefined, field: string, what = field): string {
  const id = (value ?? "").trim();
  if (id === "") throw new BadUserInputError(`The ${what} is empty.`, field).with({ reason: "EMPTY" });
  if (id.length > MAX_ID_LENGTH) throw new BadUserInputError(`The ${what} is longer than ${MAX_ID_LENGTH} characters.`, field).with({ reason: "TOO_LONG" });
  // full-width ＳＣ－１００５ is SC-1005: the characters are those of the id as it is read (NFKC)
  if (!ID_CHARS.test(id.normalize("NFKC")))
    throw new BadUserInputError(`The ${what} "${id.slice(0, 40)}" has characters an id cannot have.`, field).with({ reason: "BAD_CHARACTERS" });
  return id;
}

/** A page size: the default when absent, BAD_USER_INPUT outside 1..max. */
export function pageSize(value: number | null | undefined, fallback: number, max = 200): number {
  if (value === null || value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new BadUserInputError(`first must be between 1 and ${max}.`, "first");
  }
  return value;
}
