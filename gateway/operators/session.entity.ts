import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, PrimaryKeyProp, Property } from "@mikro-orm/core";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Handover } from "../handover/handover.entity";
import { Repair } from "../repairs/repair.entity";

export enum SessionState {
  NONE = "NONE",
  GIVE_ACCUMULATORS = "GIVE_ACCUMULATORS",
  GET_ACCUMULATORS = "GET_ACCUMULATORS",
  REPAIR = "REPAIR",
}
registerEnumType(SessionState, {
  name: "SessionState",
  description: "The operator's current activity: nothing, handing accumulators out or taking them back (a handover), or performing a repair.",
});

/** What the operator is doing now: one row per operator, locked for every transition. */
@ObjectType()
@Entity({ tableName: "operator_session" })
export class Session {
  [PrimaryKeyProp]?: "login";
  [OptionalProps]?: "state" | "contractorId" | "cabinetId" | "handover" | "repair" | "botStep" | "botKeyboardMessageId" | "updatedAt";

  @PrimaryKey({ type: "text" })
  login: string;

  @Field(() => SessionState, { description: "the activity" })
  @Enum({ items: () => SessionState })
  state: SessionState = SessionState.NONE;

  @Field(() => ID, { nullable: true, description: "the open handover's contractor" })
  @Property({ type: "text", nullable: true })
  contractorId: string | null = null;

  @Field(() => ID, { nullable: true, description: "the open handover's cabinet" })
  @Property({ type: "text", nullable: true })
  cabinetId: string | null = null;

  /** the open handover while state is GIVE_ACCUMULATORS or GET_ACCUMULATORS */
  @ManyToOne(() => Handover, { nullable: true, deleteRule: "set null" })
  handover: Handover | null = null;

  /** the performing repair while state is REPAIR */
  @ManyToOne(() => Repair, { nullable: true, deleteRule: "set null" })
  repair: Repair | null = null;

  @Field(() => String, {
    nullable: true,
    description: "what the bot last asked this operator and is waiting for (a conversation step); kept here so the bot keeps no state",
  })
  @Property({ type: "text", nullable: true })
  botStep: string | null = null;

  @Field(() => ID, {
    nullable: true,
    description:
      "the bot's newest message with live buttons in this operator's chat (the bot removes older ones' buttons); kept here so the bot keeps no state",
  })
  @Property({ type: "text", nullable: true })
  botKeyboardMessageId: string | null = null;

  @Property({ type: "datetime", defaultRaw: "now()", onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
