import { Arg, Authorized, Ctx, Int, Query, Resolver } from "type-graphql";
import type { GatewayContext } from "../context";
import { pageSize } from "../input";
import { Role } from "../operators/operator.entity";
import { AnalyticsService } from "./analytics.service";
import { FleetSummary, RepairConnection, RepairFilter, RepairGrouping, RepairStatsRow } from "./analytics.types";

function analytics(ctx: GatewayContext) {
  return new AnalyticsService(ctx.em, ctx.deps.config.timeZone, ctx.upstreams, ctx.call);
}

/** Repair analytics (contract/analytics.graphql): read-only, for managers and admins. */
@Resolver()
export class AnalyticsResolver {
  @Authorized(Role.MANAGER, Role.ADMIN)
  @Query(() => RepairConnection, { description: "newest first; MANAGER and ADMIN" })
  repairs(
    @Arg("filter", () => RepairFilter, { nullable: true, description: "which repairs; all when absent" }) filter: RepairFilter | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: 50, description: "page size, 1 to 200" }) first: number | null,
    @Arg("after", () => String, { nullable: true, description: "the endCursor of the page before" }) after: string | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<RepairConnection> {
    return analytics(ctx).repairs(filter, pageSize(first, 50), after);
  }

  @Authorized(Role.MANAGER, Role.ADMIN)
  @Query(() => [RepairStatsRow], {
    description: "MANAGER and ADMIN. Rows: DAY and WEEK in key order; VEHICLE by days in repair, most first; the others by repairs, most first",
  })
  repairStats(
    @Arg("filter", () => RepairFilter, { nullable: true, description: "which repairs; all when absent" }) filter: RepairFilter | null,
    @Arg("groupBy", () => RepairGrouping, { description: "what one row stands for" }) groupBy: RepairGrouping,
    @Arg("first", () => Int, {
      nullable: true,
      description: "at most this many rows, in the order above (e.g. the ten vehicles with most days in repair); all when absent",
    })
    first: number | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<RepairStatsRow[]> {
    return analytics(ctx).stats(filter, groupBy, ctx.language, first === null || first === undefined ? null : pageSize(first, 50, 10000));
  }

  @Authorized(Role.MANAGER, Role.ADMIN)
  @Query(() => FleetSummary, { description: "MANAGER and ADMIN; vehiclesInRepairNow ignores the period and the statuses of the filter" })
  fleetSummary(
    @Arg("filter", () => RepairFilter, { nullable: true, description: "which repairs; all when absent" }) filter: RepairFilter | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<FleetSummary> {
    return analytics(ctx).summary(filter);
  }
}
