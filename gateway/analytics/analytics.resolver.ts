import { Kind, type GraphQLResolveInfo, type SelectionNode } from "graphql";
import { Arg, Authorized, Ctx, Info, Int, Query, Resolver } from "type-graphql";
import { operatorOf, type GatewayContext } from "../context";
import { ForbiddenError } from "../errors";
import { DASHBOARD_SIGN_IN_HOURS, signDashboardToken } from "../operators/identity";
import { pageSize } from "../input";
import { Role } from "../operators/operator.entity";
import { AnalyticsService } from "./analytics.service";
import { DashboardSignIn, FleetSummary, RepairConnection, RepairFilter, RepairGrouping, RepairStatsRow } from "./analytics.types";

/** Fields of a stats row that need no aggregate but the count the rows are ordered by. */
const KEY_FIELDS = new Set(["key", "title", "__typename"]);

/** The names of the fields selected on the result of this field, through fragments, in every place it is asked. */
function selectedFields(info: GraphQLResolveInfo): string[] {
  const names: string[] = [];
  const walk = (selections: readonly SelectionNode[]) => {
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) names.push(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet.selections);
      else {
        const fragment = info.fragments[selection.name.value];
        if (fragment) walk(fragment.selectionSet.selections);
      }
    }
  };
  for (const node of info.fieldNodes) if (node.selectionSet) walk(node.selectionSet.selections);
  return names;
}

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
    @Info() info: GraphQLResolveInfo,
  ): Promise<RepairStatsRow[]> {
    const keysOnly = selectedFields(info).every((name) => KEY_FIELDS.has(name));
    return analytics(ctx).stats(filter, groupBy, ctx.language, first === null || first === undefined ? null : pageSize(first, 50, 10000), keysOnly);
  }

  @Authorized(Role.MANAGER, Role.ADMIN)
  @Query(() => FleetSummary, { description: "MANAGER and ADMIN; vehiclesInRepairNow ignores the period and the statuses of the filter" })
  fleetSummary(
    @Arg("filter", () => RepairFilter, { nullable: true, description: "which repairs; all when absent" }) filter: RepairFilter | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<FleetSummary> {
    return analytics(ctx).summary(filter);
  }

  @Authorized(Role.MANAGER, Role.ADMIN)
  @Query(() => DashboardSignIn, {
    nullable: true,
    description: `MANAGER and ADMIN: a read-only sign-in to the dashboard for the caller, good for ${DASHBOARD_SIGN_IN_HOURS} hours (the bot's /stats links with it); null when this gateway takes no JWTs (JWT_SECRET unset). Not given to a caller signed in with one`,
  })
  dashboardSignIn(@Ctx() ctx: GatewayContext): DashboardSignIn | null {
    const operator = operatorOf(ctx);
    if (!ctx.identity.error && ctx.identity.via === "dashboard") {
      throw new ForbiddenError("A dashboard sign-in cannot give another; get a new link from the bot (/stats).").with({ reason: "DASHBOARD_SIGN_IN" });
    }
    const secret = ctx.deps.config.jwtSecret;
    return secret ? signDashboardToken(operator.login, secret) : null;
  }
}
