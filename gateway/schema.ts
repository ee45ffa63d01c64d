import "reflect-metadata";
import { printSchema, type GraphQLSchema } from "graphql";
import { DateTimeResolver } from "graphql-scalars";
import { buildSchema } from "type-graphql";
import { authChecker } from "./context";
import { HandoverResolver } from "./handover/handover.resolver";
import { OperatorPlaceResolver, OperatorResolver, SessionResolver } from "./operators/operator.resolver";
import { ControlResolver } from "./control/control.resolver";
import { JobResolver, JobTypeResolver, RepairResolver } from "./repairs/repair.resolver";
import { ScooterResolver } from "./vehicles/scooter.resolver";
import { PlaceResolver } from "./places/place.resolver";
import { TelegramResolver } from "./telegram/telegram.resolver";
import { AnalyticsResolver } from "./analytics/analytics.resolver";
import { JobTypeVariantResolver, JobVariantResolver } from "./repairs/variants";

export const resolvers = [
  OperatorResolver,
  OperatorPlaceResolver,
  SessionResolver,
  HandoverResolver,
  RepairResolver,
  JobResolver,
  JobTypeResolver,
  ScooterResolver,
  PlaceResolver,
  ControlResolver,
  TelegramResolver,
  AnalyticsResolver,
  JobTypeVariantResolver,
  JobVariantResolver,
] as const;

/** The gateway's schema, built from the code; schema.graphql is its printed form. */
export function buildGatewaySchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    authChecker,
    authMode: "error",
    validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
  });
}

export async function printGatewaySchema(): Promise<string> {
  return printSchema(await buildGatewaySchema()) + "\n";
}
