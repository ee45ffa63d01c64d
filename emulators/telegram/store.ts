/** What the Telegram emulator's parts share: the chats as they stand, the files, the ids it hands out. */

/** An update as Telegram hands it to a bot: its id and one of message, callback_query, ... (the fake does not look inside). */
export interface Update {
  update_id: number;
  [field: string]: unknown;
}

/** A message the bot sent (or edited), as a test reads it. */
export interface SentMessage {
  message_id: number;
  chat_id: number;
  text: string;
  /** callback buttons; a URL button has `url` and no callback_data */
  buttons: { text: string; callback_data: string; url?: string }[];
  at: number;
  /** 0 as sent; each edit (text or buttons) adds one */
  version: number;
}

export interface FakeUser {
  id: number;
  username?: string;
  language_code?: string;
  first_name?: string;
}

/** One line of a chat, either side, as the chat page shows it. */
export interface ChatEntry {
  chatId: number;
  /** "notice": the bot's answer to a button press (answerCallbackQuery's text), a pop-up in Telegram */
  from: "user" | "bot" | "notice";
  text: string;
  photo?: boolean;
  messageId: number;
  buttons: { text: string; callback_data: string }[];
  at: number;
  /** bot messages: 0 as sent, +1 per edit (the chat page shows edits in place) */
  version?: number;
}

/** A send or an edit of the bot in a chat: what a person sees change. */
export interface Change {
  chatId: number;
  messageId: number;
  kind: "send" | "edit";
  at: number;
}

export class TelegramStore {
  readonly sent: SentMessage[] = [];
  /** sends and edits of the bot in each chat, in order */
  readonly changes: Change[] = [];
  /** both sides of every chat, for the chat page */
  readonly log: ChatEntry[] = [];
  /** the chat of each button press, by callback query id (for answerCallbackQuery's notice) */
  readonly pressChats = new Map<string, number>();
  /** photos users sent, by file_id */
  readonly files = new Map<string, Uint8Array>();
  // Telegram's ids only grow; starting from the clock keeps them growing across emulator restarts,
  // so the gateway's record of handled updates and ids derived from messages stay unique
  nextUpdateId = Math.floor(Date.now() / 100);
  nextMessageId = Math.floor(Date.now() / 100);

  private readonly watchers = new Set<() => void>();

  /** Records a send or an edit of the bot, and wakes whoever waits for one. */
  record(change: Change): void {
    this.changes.push(change);
    for (const wake of [...this.watchers]) wake();
  }

  /** Resolves at the bot's next send or edit, or after `ms`: a wait that sees an answer the moment it comes. */
  nextChange(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.watchers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, Math.max(0, ms));
      this.watchers.add(wake);
    });
  }

  /** The bot's messages to this chat, oldest first. */
  chat(chatId: number): SentMessage[] {
    return this.sent.filter((m) => m.chat_id === chatId);
  }

  reset(): void {
    this.sent.length = 0;
    this.changes.length = 0;
    this.log.length = 0;
  }
}
