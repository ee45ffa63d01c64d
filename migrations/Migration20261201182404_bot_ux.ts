import { Migration } from "@mikro-orm/migrations";

/** The cells booked for returns are kept (not only their count), and the bot's one message with live buttons per operator. */
export class Migration20261201182404 extends Migration {
  override up(): void {
    this.addSql(`alter table "handover" add column "return_cells" jsonb not null default '[]';`);
    this.addSql(`alter table "operator_session" add column "bot_keyboard_message_id" text null;`);
  }

  override down(): void {
    this.addSql(`alter table "handover" drop column "return_cells";`);
    this.addSql(`alter table "operator_session" drop column "bot_keyboard_message_id";`);
  }
}
