import type { SessionState } from "./generated/graphql";
import type { Turn } from "./turn";

/**
 * How a flow declares what reaches it. A button's callback_data and a step the bot waits for
 * (`Session.botStep`, kept by the gateway) are strings of segments separated by ":"; the leading
 * segments (the route's prefix) name the route, the rest are its arguments. The route that writes
 * such a string is the one that reads it back, so the encoding and the handling stay together.
 *
 * These strings outlive a release: buttons stay in chats and steps in the database, so a route's
 * strings must not change (test/bot-routes.test.ts pins them). Callback data is at most 64 bytes
 * (Telegram's limit).
 */
const SEP = ":";

/** A route the router can dispatch to: the prefix, its reading of what follows, its handling. */
export interface Dispatch<Extra extends unknown[] = []> {
  readonly prefix: string;
  /** the arguments from the segments after the prefix; null when they are not this route's */
  read(rest: string[]): unknown;
  /** handles the update with the arguments `read` gave (method syntax: each route has its own argument type) */
  run(turn: Turn, args: unknown, ...extra: Extra): Promise<void>;
  /** buttons only: works on any message, not only the live one */
  readonly anytime?: boolean;
}

interface Codec<A> {
  /** the segments after the prefix, for these arguments (none by default) */
  write?: (args: A) => string[];
  /** the arguments back from the segments after the prefix; null: not this route's (any rest by default) */
  read?: (rest: string[]) => A | null;
}

export interface ButtonRoute<A = void> extends Dispatch {
  read(rest: string[]): A | null;
  run(turn: Turn, args: A): Promise<void>;
  /** the callback_data of a button with these arguments */
  data(args: A): string;
  /** a button with this label and these arguments */
  button(text: string, args: A): { text: string; callback_data: string };
  /** works on any message, not only the live one (it shows where the person is now, whatever came since) */
  readonly anytime: boolean;
}

export interface StepRoute<A = void> extends Dispatch<[text: string]> {
  read(rest: string[]): A | null;
  run(turn: Turn, args: A, text: string): Promise<void>;
  /** the botStep string for these arguments */
  step(args: A): string;
}

export interface CommandRoute {
  /** the command's name, without the slash */
  readonly name: string;
  run(turn: Turn, args: string[]): Promise<void>;
}

/** A text (typed, or read from a QR code) while there is no step, in one of these session states. */
export interface TextRoute {
  readonly states: readonly SessionState[];
  text(turn: Turn, text: string): Promise<void>;
}

/** Everything one flow answers. */
export interface FlowRoutes {
  buttons?: Dispatch[];
  steps?: Dispatch<[text: string]>[];
  commands?: CommandRoute[];
  texts?: TextRoute[];
}

function codec<A>(prefix: string, spec: Codec<A>) {
  const write = (args: A) => [prefix, ...(spec.write ? spec.write(args) : [])].join(SEP);
  const read = (rest: string[]): A | null => (spec.read ? spec.read(rest) : (undefined as A));
  return { write, read };
}

/** A button: its callback_data is the prefix and the written arguments. */
export function button<A = void>(prefix: string, spec: Codec<A> & { press: (turn: Turn, args: A) => Promise<void>; anytime?: boolean }): ButtonRoute<A> {
  const { write, read } = codec(prefix, spec);
  return { prefix, read, run: spec.press, data: write, button: (text, args) => ({ text, callback_data: write(args) }), anytime: spec.anytime ?? false };
}

/** A step the bot waits for: what the person sends next is answered by `answer`. */
export function step<A = void>(prefix: string, spec: Codec<A> & { answer: (turn: Turn, args: A, text: string) => Promise<void> }): StepRoute<A> {
  const { write, read } = codec(prefix, spec);
  return { prefix, read, run: spec.answer, step: write };
}

/** Reads no arguments: the string must be the prefix alone. */
export const exact = (rest: string[]): void | null => (rest.length === 0 ? undefined : null);

/** The route of a string and its arguments: the longest prefix whose route reads the rest; null when none does. */
export function match<R extends Dispatch<unknown[]>>(routes: readonly R[], value: string): { route: R; args: unknown } | null {
  const parts = value.split(SEP);
  const candidates = routes
    .map((route) => ({ route, prefix: route.prefix.split(SEP) }))
    .filter(({ prefix }) => prefix.length <= parts.length && prefix.every((segment, i) => segment === parts[i]))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  for (const { route, prefix } of candidates) {
    const args = route.read(parts.slice(prefix.length));
    if (args !== null) return { route, args };
  }
  return null;
}

/** Runs the route of a string; null when no route takes it. */
export function dispatch<Extra extends unknown[]>(routes: readonly Dispatch<Extra>[], turn: Turn, value: string, ...extra: Extra): Promise<void> | null {
  const found = match(routes, value);
  return found ? found.route.run(turn, found.args, ...extra) : null;
}
