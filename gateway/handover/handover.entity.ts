import { randomUUID } from "node:crypto";
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from "@mikro-orm/core";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Operator } from "../operators/operator.entity";

export enum HandoverKind {
  GIVE = "GIVE",
  GET = "GET",
}
registerEnumType(HandoverKind, {
  name: "HandoverKind",
  valuesConfig: {
    GIVE: { description: "the keeper hands charged accumulators to a contractor; each scan calls upstream accumulator/taken" },
    GET: { description: "the keeper takes accumulators back from a contractor; each scan calls upstream accumulator/returned" },
  },
});

export enum HandoverEnd {
  FINISHED = "FINISHED",
  REPLACED = "REPLACED",
}
registerEnumType(HandoverEnd, {
  name: "HandoverEnd",
  description: "how a handover was closed",
  valuesConfig: {
    FINISHED: { description: "the keeper said done (finishHandover)" },
    REPLACED: { description: "the keeper opened another handover (bookingInfo) while this one was open" },
  },
});

export enum DeliveryStatus {
  DELIVERED = "DELIVERED",
  PENDING = "PENDING",
  REJECTED = "REJECTED",
}
registerEnumType(DeliveryStatus, {
  name: "DeliveryStatus",
  valuesConfig: {
    DELIVERED: { description: "scooter-accumulator accepted the scan" },
    PENDING: { description: "scooter-accumulator could not be reached; the gateway keeps the scan and delivers it later" },
    REJECTED: { description: "scooter-accumulator refused the scan (unknown accumulator, not booked, ...)" },
  },
});

/** An accumulator of the booking, as scooter-accumulator listed it when the handover opened. */
export interface BookedSnapshot {
  accumulatorId: string;
  cellId: string | null;
  chargePercent: number | null;
}

/** One offline handover: a keeper gives accumulators to (GIVE) or takes them from (GET) one contractor at one cabinet. */
@ObjectType()
@Entity({ tableName: "handover" })
@Index({ properties: ["cabinetId", "startedAt"] })
@Index({ properties: ["contractorId", "startedAt"] })
export class Handover {
  [OptionalProps]?: "id" | "startedAt" | "finishedAt" | "endedBy" | "bookedAccumulators" | "cellsForReturn" | "returnCells";

  @Field(() => ID, { description: "the handover's id" })
  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  @Field(() => HandoverKind, { description: "GIVE (hand out) or GET (take back)" })
  @Enum({ items: () => HandoverKind })
  kind: HandoverKind;

  @Field(() => ID, { description: "the cabinet (its QR code)" })
  @Property({ type: "text" })
  cabinetId: string;

  @Field(() => ID, { description: "the contractor" })
  @Property({ type: "text" })
  contractorId: string;

  @ManyToOne(() => Operator, { fieldName: "operator_login", index: true })
  operator: Operator;

  @Field(() => Date, { description: "when the handover opened" })
  @Property({ type: "datetime", defaultRaw: "now()" })
  @Index()
  startedAt: Date = new Date();

  @Field(() => Date, { nullable: true, description: "when it was closed; null while open" })
  @Property({ type: "datetime", nullable: true })
  finishedAt: Date | null = null;

  @Field(() => HandoverEnd, { nullable: true, description: "how the handover was closed; null while open" })
  @Enum({ items: () => HandoverEnd, nullable: true })
  endedBy: HandoverEnd | null = null;

  @Property({ type: "jsonb" })
  bookedAccumulators: BookedSnapshot[] = [];

  @Field(() => Int, { description: "empty cells booked for returns (GET)" })
  @Property({ type: "integer" })
  cellsForReturn: number = 0;

  @Field(() => [ID], { description: "the ids of the empty cells booked for returns (GET), as scooter-accumulator listed them when the handover opened" })
  @Property({ type: "jsonb", defaultRaw: `'[]'` })
  returnCells: string[] = [];
}

/**
 * One scanned accumulator: the journal row written before anything is sent upstream, and the
 * outbox row the gateway delivers from while scooter-accumulator cannot be reached.
 */
@ObjectType()
@Entity({ tableName: "handover_scan" })
@Unique({
  name: "handover_scan_handover_id_accumulator_id_unique",
  expression: `create unique index "handover_scan_handover_id_accumulator_id_unique" on "handover_scan" ("handover_id", "accumulator_id") where "delivery" <> 'REJECTED'`,
})
export class HandoverScan {
  [OptionalProps]?: "at" | "delivery" | "message" | "upstreamCode" | "deliveredAt" | "attempts" | "nextAttemptAt";

  /** scan order */
  @PrimaryKey({ type: "integer", autoincrement: true })
  id: number;

  @ManyToOne(() => Handover, { deleteRule: "cascade" })
  handover: Handover;

  @Field(() => ID, {
    description:
      "the accumulator as recorded: the booked spelling when the scanned id matched a booked one regardless of case and Cyrillic look-alike letters, else as scanned",
  })
  @Property({ type: "text" })
  accumulatorId: string;

  @Field(() => Date, { description: "when the scan was recorded" })
  @Property({ type: "datetime", defaultRaw: "now()" })
  at: Date = new Date();

  @Field(() => DeliveryStatus, { description: "whether scooter-accumulator has it" })
  @Enum({ items: () => DeliveryStatus })
  delivery: DeliveryStatus = DeliveryStatus.PENDING;

  @Field(() => Boolean, { description: "false when the accumulator was not in the booking list" })
  @Property({ type: "boolean" })
  expected: boolean;

  @Field(() => String, { nullable: true, description: "upstream's or the gateway's explanation when not DELIVERED" })
  @Property({ type: "text", nullable: true })
  message: string | null = null;

  @Field(() => String, { nullable: true, description: "upstream's error code when REJECTED (NOT_BOOKED, NOT_HELD, ...)" })
  @Property({ type: "text", nullable: true })
  upstreamCode: string | null = null;

  @Field(() => Date, { nullable: true, description: "when scooter-accumulator accepted it" })
  @Property({ type: "datetime", nullable: true })
  deliveredAt: Date | null = null;

  @Field(() => Int, { description: "delivery attempts so far" })
  @Property({ type: "integer" })
  attempts: number = 0;

  /** the outbox leaves the scan alone until then */
  @Property({ type: "datetime", nullable: true })
  nextAttemptAt: Date | null = null;

  /** the X-Request-Id of the GraphQL request that recorded the scan, sent again with late deliveries */
  @Property({ type: "text" })
  requestId: string;
}
