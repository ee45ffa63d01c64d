import { decodeQr } from "./qr";
import { isFinishingWord, parseCommand } from "./text";
import type { Turn } from "./turn";
import * as admin from "./flows/admin";
import * as handover from "./flows/handover";
import * as repair from "./flows/repair";
import { scooterCommand } from "./flows/scooter";
import { cancel, help, start, whereNow } from "./flows/start";
import { stats } from "./flows/stats";

/** Sends one update to its flow: a button, a command, a photo (read as QR codes) or a text. */
export async function route(turn: Turn): Promise<void> {
  const callback = turn.ctx.callbackQuery;
  if (callback?.data) return routeButton(turn, callback.data);

  const message = turn.ctx.message;
  if (!message) return;
  let text = message.text ?? message.caption ?? "";
  const command = message.text ? parseCommand(message.text) : null;
  if (command) return routeCommand(turn, command.name, command.args);

  const photo = message.photo?.at(-1)?.file_id ?? (message.document?.mime_type?.startsWith("image/") ? message.document.file_id : undefined);
  if (photo) {
    const decoded = await decodeQr(await turn.deps.download(photo));
    if (!decoded) return whereNow(turn, turn.t.noQr);
    text = decoded;
  }
  return routeText(turn, text);
}

async function routeCommand(turn: Turn, name: string, args: string[]): Promise<void> {
  switch (name) {
    case "start":
      return start(turn);
    case "help":
      return help(turn);
    case "give":
      return handover.startHandover(turn, "GIVE", args);
    case "get":
      return handover.startHandover(turn, "GET", args);
    case "done":
      return handover.finish(turn);
    case "repair":
      return repair.startRepair(turn, args.length ? args.join(" ") : undefined);
    case "scooter":
      return scooterCommand(turn, args.length ? args.join(" ") : undefined);
    case "cancel":
      return cancel(turn);
    case "stats":
      return stats(turn);
    default:
      return whereNow(turn, turn.t.unknownText);
  }
}

async function routeButton(turn: Turn, data: string): Promise<void> {
  const [kind, a, b, c] = data.split(":");
  switch (kind) {
    case "m":
      if (a === "give") return handover.startHandover(turn, "GIVE", []);
      if (a === "get") return handover.startHandover(turn, "GET", []);
      if (a === "repair") return turn.me.repair ? repair.showPanel(turn) : repair.startRepair(turn, undefined);
      if (a === "scooter") return scooterCommand(turn, undefined);
      if (a === "place") return repair.askPlace(turn);
      if (a === "ops") return admin.listOperators(turn);
      if (a === "menu") return start(turn);
      break;
    case "ops":
      if (a === "add") return admin.askOperator(turn);
      if (a === "rm" && b) return admin.removeOperator(turn, b);
      break;
    case "h":
      return handover.finish(turn);
    case "st":
      return stats(turn, a === "all" ? "all" : "mine");
    case "cancel":
      return cancel(turn);
    case "j":
      return repair.chooseJob(turn, a, null, Number(b));
    case "jv":
      return repair.chooseJob(turn, a, b, Number(c));
    case "je":
      return repair.endJob(turn, a as "COMPLETED" | "FAILED" | "CANCELLED");
    case "p":
      return a === "cmds" ? repair.showCommands(turn) : repair.showPanel(turn);
    case "c":
      return repair.control(turn, a, true);
    case "c?":
      return repair.control(turn, a, false);
    case "re":
      return repair.endRepair(turn, a as "COMPLETED" | "FAILED" | "CANCELLED", true);
    case "re?":
      return repair.endRepair(turn, a as "COMPLETED" | "FAILED" | "CANCELLED", false);
  }
  return whereNow(turn, turn.t.unknownText);
}

/** A text, typed or decoded from a QR code: the answer to the step the bot asked, or scans. */
async function routeText(turn: Turn, text: string): Promise<void> {
  const step = turn.me.botStep;
  if (step) {
    if (step.startsWith("GIVE:") || step.startsWith("GET:")) return handover.handoverStep(turn, step, text);
    if (step.startsWith("repair:")) return repair.repairStep(turn, step, text);
    if (step === "scooter:vehicle") return scooterCommand(turn, text);
    if (step === "admin:add") return admin.addOperator(turn, text);
  }
  if (turn.me.state === "GIVE_ACCUMULATORS" || turn.me.state === "GET_ACCUMULATORS") {
    if (isFinishingWord(text)) return handover.finish(turn);
    return handover.handoverText(turn, text);
  }
  return whereNow(turn, turn.t.unknownText);
}
