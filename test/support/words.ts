/**
 * Latin words a Russian reader would meet in a message: what is left after ids (with digits),
 * commands, logins, quoted upstream reasons («…») and the few names people use as they are.
 */
export function englishIn(text: string, allowed: string[] = []): string[] {
  const names = new Set(["qr", "id", "drive", "telegram", ...allowed.map((a) => a.toLowerCase())]);
  return text
    .replace(/«[^»]*»/g, " ") // an upstream's reason may be quoted after the bot's own sentence
    .split(/[\s,.;:!?«»()"—–]+/u)
    .filter((w) => /[A-Za-z]{3,}/.test(w) && !/\d/.test(w) && !w.startsWith("/") && !w.startsWith("@") && !names.has(w.toLowerCase()));
}
