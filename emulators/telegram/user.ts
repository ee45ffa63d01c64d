import type { BotApi } from "./bot-api";
import type { FakeUser, SentMessage, TelegramStore, Update } from "./store";

/**
 * The people in the chats, as tests (and the chat page) play them: `send`, `sendPhoto`, `tap`
 * make the update Telegram would, and `say`, `photo`, `press` also wait for the bot's answer.
 */
export class UserSimulator {
  constructor(
    private readonly store: TelegramStore,
    private readonly api: BotApi,
  ) {}

  private message(user: FakeUser, extra: Record<string, unknown>) {
    return {
      message_id: this.store.nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: user.id, type: "private", username: user.username },
      from: {
        id: user.id,
        is_bot: false,
        first_name: user.first_name ?? user.username ?? "user",
        username: user.username,
        language_code: user.language_code ?? "ru",
      },
      ...extra,
    };
  }

  /** The user writes a text; returns the update as sent (so a test can deliver it again). */
  send(user: FakeUser, text: string): Update {
    const entities = text.startsWith("/") ? [{ type: "bot_command", offset: 0, length: text.split(/\s/)[0].length }] : undefined;
    const message = this.message(user, { text, entities });
    this.store.log.push({ chatId: user.id, from: "user", text, messageId: message.message_id, buttons: [], at: Date.now() });
    return this.push({ message });
  }

  sendPhoto(user: FakeUser, image: Uint8Array, caption?: string): Update {
    const fileId = `photo-${this.store.files.size + 1}`;
    this.store.files.set(fileId, image);
    this.store.log.push({ chatId: user.id, from: "user", text: caption ?? "", photo: true, messageId: 0, buttons: [], at: Date.now() });
    return this.push({
      message: this.message(user, {
        caption,
        photo: [
          { file_id: `${fileId}-thumb`, file_unique_id: `${fileId}-t`, width: 90, height: 90 },
          { file_id: fileId, file_unique_id: fileId, width: 800, height: 800 },
        ],
      }),
    });
  }

  /** The user presses the button labelled `label` (or whose text includes it) on `message`. */
  tap(user: FakeUser, message: SentMessage, label: string): Update {
    const button = message.buttons.find((b) => b.text === label) ?? message.buttons.find((b) => b.text.includes(label));
    if (!button) throw new Error(`no button "${label}" on message "${message.text}": ${message.buttons.map((b) => b.text).join(" | ")}`);
    this.store.log.push({ chatId: user.id, from: "user", text: `[${button.text}]`, messageId: 0, buttons: [], at: Date.now() });
    this.store.pressChats.set(`cq-${this.store.nextUpdateId}`, message.chat_id);
    return this.push({
      callback_query: {
        id: `cq-${this.store.nextUpdateId}`,
        from: { id: user.id, is_bot: false, first_name: user.username ?? "user", username: user.username, language_code: user.language_code ?? "ru" },
        chat_instance: "ci",
        data: button.callback_data,
        message: { message_id: message.message_id, date: 0, chat: { id: message.chat_id, type: "private" }, text: message.text },
      },
    });
  }

  private push(partial: Record<string, unknown>): Update {
    const update = { update_id: this.store.nextUpdateId++, ...partial };
    this.api.enqueue(update);
    return update;
  }

  /** Waits until the chat has at least `count` bot messages; returns them all. */
  async waitFor(chatId: number, count: number, timeoutMs = 8000): Promise<SentMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.store.chat(chatId).length < count) {
      if (Date.now() > deadline) {
        throw new Error(
          `chat ${chatId}: waited for ${count} messages, got ${this.store.chat(chatId).length}:\n${this.store
            .chat(chatId)
            .map((m) => m.text)
            .join("\n---\n")}`,
        );
      }
      await this.store.nextChange(deadline - Date.now());
    }
    return this.store.chat(chatId);
  }

  /** Sends and waits for `replies` new bot messages in that chat; returns only the new ones. */
  say(user: FakeUser, text: string, replies = 1): Promise<SentMessage[]> {
    return this.repliesTo(user, () => this.send(user, text), replies);
  }

  /**
   * Presses a button and waits for `changes` sends or edits in that chat; returns the messages
   * they touched, in order (an edited message is the same object, now with its new text and buttons).
   */
  async press(user: FakeUser, message: SentMessage, label: string, changes = 1, timeoutMs = 8000): Promise<SentMessage[]> {
    const { store } = this;
    const before = store.changes.length;
    this.tap(user, message, label);
    const deadline = Date.now() + timeoutMs;
    // the answer: a new message, or the pressed one edited (not an older message losing its buttons)
    const answer = (c: (typeof store.changes)[number]) => c.chatId === user.id && (c.kind === "send" || c.messageId === message.message_id);
    for (;;) {
      const mine = store.changes.slice(before).filter(answer);
      if (mine.length >= changes) return mine.slice(0, changes).map((c) => store.sent.find((m) => m.message_id === c.messageId)!);
      if (Date.now() > deadline) throw new Error(`chat ${user.id}: pressed "${label}", waited for ${changes} changes, got ${mine.length}`);
      await store.nextChange(deadline - Date.now());
    }
  }

  photo(user: FakeUser, image: Uint8Array, replies = 1): Promise<SentMessage[]> {
    return this.repliesTo(user, () => this.sendPhoto(user, image), replies);
  }

  /** Does what the user does, then waits for `replies` new bot messages in their chat; returns only those. */
  private async repliesTo(user: FakeUser, act: () => unknown, replies: number): Promise<SentMessage[]> {
    const before = this.store.chat(user.id).length;
    act();
    return (await this.waitFor(user.id, before + replies)).slice(before);
  }

  /** Resolves when no update is queued and nothing new was sent for `quietMs`. */
  async settle(quietMs = 300): Promise<void> {
    let last = -1;
    for (;;) {
      const count = this.store.sent.length + this.api.calls.length;
      if (count === last && this.api.queued === 0) return;
      last = count;
      await new Promise((resolve) => setTimeout(resolve, quietMs));
    }
  }
}
