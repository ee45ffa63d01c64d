import { randomUUID } from "node:crypto";
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from "@mikro-orm/core";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Operator } from "../operators/operator.entity";

export enum ScooterAction {
  OPEN_DECK = "OPEN_DECK",
  BLINK_LIGHT = "BLINK_LIGHT",
  SELF_TEST = "SELF_TEST",
  OPEN_LOCK = "OPEN_LOCK",
  BLOCK_WHEEL = "BLOCK_WHEEL",
  UNBLOCK_WHEEL = "UNBLOCK_WHEEL",
}
registerEnumType(ScooterAction, { name: "ScooterAction" });

export enum ControlOutcome {
  SENT = "SENT",
  OK = "OK",
  FAILED = "FAILED",
  NO_ANSWER = "NO_ANSWER",
}
registerEnumType(ControlOutcome, {
  name: "ControlOutcome",
  description: "where a control command stands in the audit log",
  valuesConfig: {
    SENT: { description: "written and sent; no answer recorded (the gateway stopped before Drive answered)" },
    OK: { description: "the vehicle did it" },
    FAILED: { description: "Drive or the vehicle said it failed" },
    NO_ANSWER: { description: "Drive did not answer in time or could not be reached; the command may or may not have run" },
  },
});

/** The Drive action of each command (contract/upstreams/drive.yaml). */
export const DRIVE_ACTION = {
  OPEN_DECK: "open_deck",
  BLINK_LIGHT: "blink",
  SELF_TEST: "self_test",
  OPEN_LOCK: "open_lock",
  BLOCK_WHEEL: "block_wheel",
  UNBLOCK_WHEEL: "unblock_wheel",
} as const satisfies Record<ScooterAction, string>;

/** One control command, as written to the audit log before and after the vehicle backend answered. */
@ObjectType("ScooterControlResult", { description: "One control command, as written to the audit log before and after the vehicle backend answered." })
@Entity({ tableName: "scooter_control" })
@Index({ properties: ["vehicleId", "at"] })
export class ScooterControl {
  [OptionalProps]?: "id" | "at" | "outcome" | "message" | "answeredAt" | "repairId";

  @Field(() => ID, { description: "the log entry's id" })
  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  @Field(() => ID, { description: "the vehicle commanded" })
  @Property({ type: "text" })
  vehicleId: string;

  @Field(() => ScooterAction, { description: "the command" })
  @Enum({ items: () => ScooterAction })
  action: ScooterAction;

  @ManyToOne(() => Operator, { fieldName: "operator_login" })
  operator: Operator;

  @Field(() => ID, { nullable: true, description: "the repair the command was sent under; null for an admin's command outside a repair" })
  @Property({ type: "text", nullable: true })
  repairId: string | null = null;

  @Field(() => ControlOutcome, { description: "SENT until Drive answered, then OK, FAILED or NO_ANSWER" })
  @Enum({ items: () => ControlOutcome })
  outcome: ControlOutcome = ControlOutcome.SENT;

  @Field(() => String, { nullable: true, description: "Drive's or the gateway's explanation when not OK (for developers and logs)" })
  @Property({ type: "text", nullable: true })
  message: string | null = null;

  @Field(() => Date, { description: "when the command was written, before it went to Drive" })
  @Property({ type: "datetime", defaultRaw: "now()" })
  at: Date = new Date();

  @Field(() => Date, { nullable: true, description: "when Drive's answer (or its absence) was written" })
  @Property({ type: "datetime", nullable: true })
  answeredAt: Date | null = null;
}
