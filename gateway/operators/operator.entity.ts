import { Entity, Enum, OptionalProps, PrimaryKey, PrimaryKeyProp, Property } from "@mikro-orm/core";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";

export enum Role {
  ADMIN = "ADMIN",
  ACCUMULATOR_KEEPER = "ACCUMULATOR_KEEPER",
  REPAIRER = "REPAIRER",
  MANAGER = "MANAGER",
}
registerEnumType(Role, {
  name: "Role",
  valuesConfig: {
    ACCUMULATOR_KEEPER: { description: "hands accumulators out of / back into cabinets by hand when a cabinet is offline" },
    MANAGER: { description: "reads statistics, repair lists, vehicle cards, handovers and the control log; changes nothing" },
  },
});

/** A person allowed to use the service (nobody else is answered). */
@ObjectType()
@Entity({ tableName: "operator" })
export class Operator {
  [PrimaryKeyProp]?: "login";
  [OptionalProps]?: "roles" | "placeId" | "active" | "telegramUserId" | "createdAt" | "updatedAt";

  @Field(() => String, { description: "Telegram username without '@', compared case-insensitively" })
  @PrimaryKey({ type: "text" })
  login: string;

  @Field(() => [Role], { description: "what the operator may do" })
  @Enum({ items: () => Role, array: true })
  roles: Role[] = [];

  @Field(() => ID, { nullable: true, description: "the warehouse (place) a repairer works at" })
  @Property({ type: "text", nullable: true })
  placeId: string | null = null;

  @Field(() => Boolean, { description: "false: access closed, nothing is answered" })
  @Property({ type: "boolean" })
  active: boolean = true;

  /** exposed by OperatorResolver.telegramUserId: to ADMIN and to the operator themself */
  @Property({ type: "text", nullable: true, unique: true })
  telegramUserId: string | null = null;

  @Property({ type: "datetime", defaultRaw: "now()" })
  createdAt: Date = new Date();

  @Property({ type: "datetime", defaultRaw: "now()", onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  hasRole(role: Role): boolean {
    return this.roles.includes(role);
  }
}
