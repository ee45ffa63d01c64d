import { LockMode, UniqueConstraintViolationException } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { BadUserInputError, ConflictError, ForbiddenError, InvalidStateError, NotFoundError, UpstreamRejectedError } from "../errors";
import { foldId, spellingsOf } from "../ids";
import { requireId } from "../input";
import { Operator, Role } from "../operators/operator.entity";
import { SessionState } from "../operators/session.entity";
import { lockSession } from "../operators/session.service";
import { Job, JobStatus, JobType, Repair, RepairStatus } from "./repair.entity";
import type { RequestScope } from "../scope";
import { PlaceService } from "../places/place.service";
import { driveVehicle } from "../vehicles/drive-vehicle";

export interface StartRepair {
  repairId: string;
  vehicleId: string;
  placeId?: string | null;
}

export interface StartJob {
  repairId: string;
  jobId: string;
  type: string;
  variant?: string | null;
}

export interface JobTypeChanges {
  code: string;
  titleRu: string;
  titleEn?: string | null;
  variants?: string[] | null;
  active?: boolean | null;
}

const CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/**
 * Work orders: a repair of one vehicle by one performer, typed jobs inside it. The
 * client's ids are idempotency tokens; the database's partial unique indexes hold the "one
 * performing" rules even when calls race, and this service turns their violations into CONFLICT.
 */
export class RepairService {
  constructor(private readonly scope: RequestScope) {}

  async startRepair(operator: Operator, input: StartRepair): Promise<Repair> {
    const repairId = requireId(input.repairId, "repairId", "repair id");
    const typedVehicleId = requireId(input.vehicleId, "vehicleId", "vehicle id");
    const givenPlace = input.placeId == null ? null : requireId(input.placeId, "placeId", "warehouse id");
    let placeId = givenPlace ?? operator.placeId;
    if (!placeId) throw new BadUserInputError("Which warehouse are you at? Set it first (setPlace) or give placeId.", "placeId").with({ reason: "NO_PLACE" });

    const same = (r: Repair) =>
      r.performer.login === operator.login &&
      foldId(r.vehicleId) === foldId(typedVehicleId) &&
      (givenPlace === null || foldId(r.placeId) === foldId(givenPlace));
    const existing = await this.scope.em.findOne(Repair, { id: repairId });
    if (existing) return this.idempotent(existing, same(existing), `repair ${repairId}`);

    if (givenPlace !== null) placeId = await new PlaceService(this.scope).validPlace(givenPlace);
    const { vehicleId, mileageAtStartKm } = await this.vehicleOf(typedVehicleId);

    try {
      return await this.scope.em.transactional(async (em) => {
        const session = await lockSession(em, operator.login);
        const raced = await em.findOne(Repair, { id: repairId });
        if (raced) return this.idempotent(raced, same(raced), `repair ${repairId}`);
        if (session.handover) throw new InvalidStateError("A handover is open: finish it (/done) before starting a repair.").with({ reason: "HANDOVER_OPEN" });
        await this.assertFree(em, operator.login, vehicleId);
        const repair = em.create(Repair, {
          id: repairId,
          vehicleId,
          placeId,
          performer: em.getReference(Operator, operator.login),
          mileageAtStartKm,
        });
        Object.assign(session, { state: SessionState.REPAIR, repair });
        await em.flush();
        return repair;
      });
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      // Someone else's call won the race for the vehicle (or this token): say who blocks.
      const winner = await this.scope.em.fork().findOne(Repair, { id: repairId });
      if (winner) return this.idempotent(winner, same(winner), `repair ${repairId}`);
      await this.assertFree(this.scope.em.fork(), operator.login, vehicleId);
      throw new ConflictError("Another repair started at the same moment; look at the vehicle card and try again.").with({ reason: "RACE", vehicleId });
    }
  }

  /**
   * The vehicle as Drive spells it (`SC-1002` typed is `sc-1002`) and its odometer: unknown vehicle
   * is BAD_USER_INPUT; when Drive does not answer the repair starts anyway, on the fleet's form of
   * the id (`sc-1002`, as every spelling of it would be, so one vehicle is never two), and the
   * mileage filler reads the odometer later.
   */
  private async vehicleOf(typed: string): Promise<{ vehicleId: string; mileageAtStartKm: number | null }> {
    try {
      const found = await driveVehicle(this.scope, typed);
      if (found.known === false)
        throw new BadUserInputError(`Drive does not know vehicle ${typed}. Check the id.`, "vehicleId").with({ reason: "UNKNOWN_VEHICLE", vehicleId: typed });
      return { vehicleId: found.vehicleId, mileageAtStartKm: found.mileageKm };
    } catch (error) {
      if (error instanceof UpstreamRejectedError && error.upstream.status === 400) {
        throw new BadUserInputError(`Drive refused vehicle id ${typed} (${error.upstream.message}).`, "vehicleId").with({
          reason: "UNKNOWN_VEHICLE",
          vehicleId: typed,
        });
      }
      throw error;
    }
  }

  private async assertFree(em: EntityManager, login: string, vehicleId: string): Promise<void> {
    const blocking = await em.find(Repair, { status: RepairStatus.PERFORMING, $or: [{ performer: login }, { vehicleId: { $in: spellingsOf(vehicleId) } }] });
    const mine = blocking.find((r) => r.performer.login === login);
    if (mine) {
      throw new ConflictError(`You are already repairing ${mine.vehicleId} (repair ${mine.id}); end that repair first.`).with({
        reason: "PERFORMER_BUSY",
        vehicleId: mine.vehicleId,
      });
    }
    const theirs = blocking.find((r) => r.performer.login !== login);
    if (theirs) {
      throw new ConflictError(`Vehicle ${vehicleId} is already under repair ${theirs.id} by ${theirs.performer.login}.`).with({
        reason: "VEHICLE_UNDER_REPAIR",
        vehicleId,
        performer: theirs.performer.login,
      });
    }
  }

  private idempotent<T>(found: T, sameData: boolean, what: string): T {
    if (!sameData) throw new ConflictError(`The id of ${what} is already used with other data; a new one needs a new id.`).with({ reason: "ID_REUSED" });
    return found;
  }

  async endRepair(operator: Operator, rawRepairId: string, status: RepairStatus): Promise<Repair> {
    const repairId = requireId(rawRepairId, "repairId", "repair id");
    if (status === RepairStatus.PERFORMING)
      throw new BadUserInputError("A repair ends as COMPLETED, CANCELLED or FAILED.", "status").with({ reason: "BAD_STATUS" });
    return this.scope.em.transactional(async (em) => {
      const found = await em.findOne(Repair, { id: repairId });
      if (!found) throw new NotFoundError(`There is no repair ${repairId}.`).with({ reason: "NO_REPAIR" });
      this.assertMayChange(operator, found);
      const session = await lockSession(em, found.performer.login);
      const repair = await em.findOneOrFail(Repair, { id: repairId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if (repair.status !== RepairStatus.PERFORMING) {
        if (repair.status === status) return repair;
        throw new ConflictError(`Repair ${repairId} has already ended as ${repair.status}.`).with({ reason: "ALREADY_ENDED", status: repair.status });
      }
      const running = await em.findOne(Job, { repair, status: JobStatus.PERFORMING }, { populate: ["type"] });
      if (running && status === RepairStatus.COMPLETED) {
        throw new ConflictError(`Job ${running.type.code} (${running.id}) is still running: end it before completing the repair.`).with({
          reason: "JOB_RUNNING",
          jobType: running.type.code,
          jobVariant: running.variant,
        });
      }
      const now = new Date();
      if (running) Object.assign(running, { status: status as unknown as JobStatus, finishedAt: now });
      Object.assign(repair, { status, finishedAt: now });
      if (session.repair?.id === repair.id) Object.assign(session, { state: SessionState.NONE, repair: null });
      await em.flush();
      return repair;
    });
  }

  async startJob(operator: Operator, input: StartJob): Promise<Job> {
    const repairId = requireId(input.repairId, "repairId", "repair id");
    const jobId = requireId(input.jobId, "jobId", "job id");
    const typeCode = requireId(input.type, "type", "job type").toUpperCase();
    const variant = input.variant == null || input.variant.trim() === "" ? null : input.variant.trim().toUpperCase();
    const same = (j: Job) => j.repair.id === repairId && j.type.code === typeCode && j.variant === variant;

    const existing = await this.scope.em.findOne(Job, { id: jobId });
    if (existing) return this.idempotent(existing, same(existing), `job ${jobId}`);

    const type = await this.scope.em.findOne(JobType, { code: typeCode });
    if (!type) throw new BadUserInputError(`There is no job type ${typeCode}.`, "type").with({ reason: "UNKNOWN_JOB_TYPE", jobType: typeCode });
    if (!type.active)
      throw new BadUserInputError(`Job type ${typeCode} is retired and cannot be started.`, "type").with({ reason: "RETIRED_JOB_TYPE", jobType: typeCode });
    if (type.variants.length > 0 && (variant === null || !type.variants.includes(variant))) {
      throw new BadUserInputError(`Choose the variant of ${typeCode}: ${type.variants.join(", ")}.`, "variant").with({
        reason: "VARIANT_NEEDED",
        jobType: typeCode,
        variants: type.variants,
      });
    }
    if (type.variants.length === 0 && variant !== null)
      throw new BadUserInputError(`${typeCode} has no variants.`, "variant").with({ reason: "NO_VARIANTS", jobType: typeCode });

    try {
      return await this.scope.em.transactional(async (em) => {
        const repair = await em.findOne(Repair, { id: repairId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!repair) throw new NotFoundError(`There is no repair ${repairId}.`).with({ reason: "NO_REPAIR" });
        this.assertMayChange(operator, repair);
        const raced = await em.findOne(Job, { id: jobId });
        if (raced) return this.idempotent(raced, same(raced), `job ${jobId}`);
        if (repair.status !== RepairStatus.PERFORMING) {
          throw new InvalidStateError(`Repair ${repairId} has ended (${repair.status}); start a new repair for more work.`).with({
            reason: "REPAIR_ENDED",
            status: repair.status,
          });
        }
        const running = await em.findOne(Job, { repair, status: JobStatus.PERFORMING });
        if (running) {
          throw new ConflictError(`Job ${running.type.code} (${running.id}) is still running in this repair: end it first.`).with({
            reason: "JOB_RUNNING",
            jobType: running.type.code,
            jobVariant: running.variant,
          });
        }
        const job = em.create(Job, { id: jobId, repair, type: em.getReference(JobType, typeCode), variant });
        await em.flush();
        return job;
      });
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      const winner = await this.scope.em.fork().findOne(Job, { id: jobId });
      if (winner) return this.idempotent(winner, same(winner), `job ${jobId}`);
      throw new ConflictError("Another job started in this repair at the same moment; end it first.").with({ reason: "JOB_RUNNING" });
    }
  }

  async endJob(operator: Operator, rawJobId: string, status: JobStatus): Promise<Job> {
    const jobId = requireId(rawJobId, "jobId", "job id");
    if (status === JobStatus.PERFORMING) throw new BadUserInputError("A job ends as COMPLETED, CANCELLED or FAILED.", "status").with({ reason: "BAD_STATUS" });
    return this.scope.em.transactional(async (em) => {
      const job = await em.findOne(Job, { id: jobId }, { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ["repair"] });
      if (!job) throw new NotFoundError(`There is no job ${jobId}.`).with({ reason: "NO_JOB" });
      this.assertMayChange(operator, job.repair);
      if (job.status !== JobStatus.PERFORMING) {
        if (job.status === status) return job;
        throw new ConflictError(`Job ${jobId} has already ended as ${job.status}.`).with({ reason: "ALREADY_ENDED", status: job.status });
      }
      Object.assign(job, { status, finishedAt: new Date() });
      await em.flush();
      return job;
    });
  }

  /** A repair is changed by its performer, or by an admin. */
  private assertMayChange(operator: Operator, repair: Repair): void {
    if (repair.performer.login !== operator.login && !operator.hasRole(Role.ADMIN)) {
      throw new ForbiddenError(`Repair ${repair.id} is ${repair.performer.login}'s; only they or an admin can change it.`).with({ reason: "NOT_YOUR_REPAIR" });
    }
  }

  repair(rawId: string): Promise<Repair | null> {
    return this.scope.em.findOne(Repair, { id: requireId(rawId, "id", "repair id") });
  }

  history(rawVehicleId: string, first: number): Promise<Repair[]> {
    const vehicleId = requireId(rawVehicleId, "vehicleId", "vehicle id");
    return this.scope.em.find(Repair, { vehicleId: { $in: spellingsOf(vehicleId) } }, { orderBy: { startedAt: "desc", id: "desc" }, limit: first });
  }

  jobTypes(): Promise<JobType[]> {
    return this.scope.em.find(JobType, {}, { orderBy: { active: "desc", createdAt: "asc", code: "asc" } });
  }

  async upsertJobType(changes: JobTypeChanges): Promise<JobType> {
    const code = changes.code.trim().toUpperCase();
    if (!CODE.test(code)) throw new BadUserInputError("A job type code is latin capitals, digits and _, e.g. BRAKE_ADJUSTMENT.", "code");
    const titleRu = changes.titleRu.trim();
    if (!titleRu) throw new BadUserInputError("The Russian title is empty.", "titleRu");
    const variants = changes.variants?.map((v) => v.trim().toUpperCase());
    if (variants?.some((v) => !CODE.test(v))) throw new BadUserInputError("Variants are codes like REPLACE or REPAIR.", "variants");

    const type = (await this.scope.em.findOne(JobType, { code })) ?? this.scope.em.create(JobType, { code, titleRu });
    type.titleRu = titleRu;
    if (changes.titleEn !== undefined) type.titleEn = changes.titleEn?.trim() || null;
    if (variants) type.variants = [...new Set(variants)];
    if (changes.active != null) type.active = changes.active;
    await this.scope.em.flush();
    return type;
  }
}
