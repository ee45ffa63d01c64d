import { Entity, OptionalProps, PrimaryKey, Property } from "@mikro-orm/core";

/**
 * A Telegram update the bot is handling or has handled. Telegram delivers at least once and the
 * bot may run as several replicas, so each update is claimed here before it is acted on.
 */
@Entity({ tableName: "telegram_update" })
export class TelegramUpdate {
  [OptionalProps]?: "claimedAt" | "completedAt";

  @PrimaryKey({ type: "text" })
  updateId: string;

  @Property({ type: "datetime", defaultRaw: "now()" })
  claimedAt: Date = new Date();

  @Property({ type: "datetime", nullable: true })
  completedAt: Date | null = null;
}
