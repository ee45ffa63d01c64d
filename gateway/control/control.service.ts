import { ForbiddenError, UpstreamRejectedError, UpstreamUnavailableError } from "../errors";
import { foldId, spellingsOf } from "../ids";
import { requireId } from "../input";
import { Operator, Role } from "../operators/operator.entity";
import { Repair, RepairStatus } from "../repairs/repair.entity";
import { ControlOutcome, DRIVE_ACTION, ScooterAction, ScooterControl } from "./control.entity";
import type { RequestScope } from "../scope";
import { driveVehicle } from "../vehicles/drive-vehicle";

/**
 * Commands to a vehicle: an admin may send them to any vehicle,
 * a repairer only to the vehicle of their performing repair. Each is written to the audit log
 * before it goes to Drive and completed after; none is ever retried.
 */
export class ControlService {
  constructor(private readonly scope: RequestScope) {}

  async send(operator: Operator, rawVehicleId: string, action: ScooterAction): Promise<ScooterControl> {
    const typed = requireId(rawVehicleId, "vehicleId", "vehicle id");
    const repair = await this.scope.em.findOne(Repair, { performer: operator.login, status: RepairStatus.PERFORMING });
    const underRepair = repair !== null && foldId(repair.vehicleId) === foldId(typed);
    // the repair's spelling, `sc-1002` for `SC-1002`; an admin's other vehicle as Drive spells it
    const vehicleId = underRepair ? repair.vehicleId : await this.spellingOf(typed);
    if (!operator.hasRole(Role.ADMIN) && !(operator.hasRole(Role.REPAIRER) && underRepair)) {
      const yours = repair ? ` You are repairing ${repair.vehicleId}.` : " You have no repair in progress.";
      throw new ForbiddenError(`You can send commands only to the vehicle you are repairing now.${yours}`).with({
        reason: "NOT_UNDER_REPAIR",
        vehicleId,
        repairVehicleId: repair?.vehicleId ?? null,
      });
    }

    const entry = this.scope.em.create(ScooterControl, {
      vehicleId,
      action,
      operator: this.scope.em.getReference(Operator, operator.login),
      repairId: underRepair ? repair.id : null,
    });
    await this.scope.em.flush(); // in the audit log before anything reaches the vehicle

    try {
      const answer = await this.scope.upstreams.drive.carControl({ car_id: vehicleId, action: DRIVE_ACTION[action] }, this.scope.call);
      entry.outcome = answer.status === "ok" ? ControlOutcome.OK : ControlOutcome.FAILED;
      entry.message = answer.message ?? (answer.status === "ok" ? null : "the vehicle reported a failure");
    } catch (error) {
      if (error instanceof UpstreamRejectedError) {
        entry.outcome = ControlOutcome.FAILED;
        entry.message = error.upstream.status === 404 ? `Drive does not know vehicle ${vehicleId}.` : error.upstream.message;
      } else if (error instanceof UpstreamUnavailableError && !error.sent) {
        entry.outcome = ControlOutcome.FAILED; // it never left the gateway: the vehicle did nothing
        entry.message = `Not sent: Drive is not answering (${error.reason}); try again in a minute.`;
      } else if (error instanceof UpstreamUnavailableError) {
        entry.outcome = ControlOutcome.NO_ANSWER;
        entry.message = `Drive did not answer (${error.reason}); the command may or may not have run: check the vehicle before sending it again.`;
      } else {
        throw error;
      }
    }
    entry.answeredAt = new Date();
    await this.scope.em.flush();
    return entry;
  }

  /** Drive's spelling of a vehicle, or the fleet's form of the id when Drive cannot say (the command then says what Drive answers). */
  private async spellingOf(typed: string): Promise<string> {
    const spellings = spellingsOf(typed);
    if (spellings.length === 1 && spellings[0] === typed) return typed; // the fleet's own form already: nothing to ask
    try {
      return (await driveVehicle(this.scope, typed)).vehicleId;
    } catch (error) {
      if (error instanceof UpstreamRejectedError) return foldId(typed);
      throw error;
    }
  }

  log(rawVehicleId: string, first: number): Promise<ScooterControl[]> {
    const vehicleId = requireId(rawVehicleId, "vehicleId", "vehicle id");
    return this.scope.em.find(ScooterControl, { vehicleId: { $in: spellingsOf(vehicleId) } }, { orderBy: { at: "desc", id: "desc" }, limit: first });
  }
}
