import { Handover, HandoverScan } from "../handover/handover.entity";
import { Operator } from "../operators/operator.entity";
import { Session } from "../operators/session.entity";
import { ScooterControl } from "../control/control.entity";
import { Job, JobType, Repair } from "../repairs/repair.entity";
import { TelegramUpdate } from "../telegram/telegram-update.entity";

/** Every entity the ORM knows; a table not listed here has no place in the database. */
export const entities = [Operator, Session, Handover, HandoverScan, JobType, Repair, Job, ScooterControl, TelegramUpdate];
