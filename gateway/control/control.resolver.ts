import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { operatorOf, type GatewayContext } from "../context";
import { pageSize } from "../input";
import { Operator, Role } from "../operators/operator.entity";
import { ControlOutcome, ScooterAction, ScooterControl } from "./control.entity";
import { ControlService } from "./control.service";

function control(ctx: GatewayContext) {
  return new ControlService(ctx);
}

@Resolver(() => ScooterControl)
export class ControlResolver {
  @Authorized(Role.ADMIN, Role.REPAIRER)
  @Mutation(() => ScooterControl, { description: "sends a command to a vehicle the operator is repairing now; always written to the control log" })
  scooterControl(
    @Arg("vehicleId", () => ID, { description: "the vehicle" }) vehicleId: string,
    @Arg("action", () => ScooterAction, { description: "the command" }) action: ScooterAction,
    @Ctx() ctx: GatewayContext,
  ): Promise<ScooterControl> {
    return control(ctx).send(operatorOf(ctx), vehicleId, action);
  }

  @Authorized(Role.ADMIN, Role.REPAIRER, Role.MANAGER)
  @Query(() => [ScooterControl], { description: "newest first" })
  controlLog(
    @Arg("vehicleId", () => ID, { description: "the vehicle" }) vehicleId: string,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20, description: "how many, 1 to 200" }) first: number | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<ScooterControl[]> {
    return control(ctx).log(vehicleId, pageSize(first, 20));
  }

  @FieldResolver(() => Operator, { description: "who sent the command" })
  async operator(@Root() entry: ScooterControl, @Ctx() ctx: GatewayContext): Promise<Operator> {
    return (await ctx.loaders.operator.load(entry.operator.login))!;
  }

  @FieldResolver(() => Boolean, { description: "true when the vehicle did it" })
  ok(@Root() entry: ScooterControl): boolean {
    return entry.outcome === ControlOutcome.OK;
  }
}
