import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buttons as admin } from "../bot/flows/admin";
import { buttons as handover } from "../bot/flows/handover";
import { buttons as repair } from "../bot/flows/repair";
import { buttons as scooter } from "../bot/flows/scooter";
import { buttons as start } from "../bot/flows/start";
import { buttons as stats } from "../bot/flows/stats";
import { ROUTES } from "../bot/router";
import { match, type StepRoute } from "../bot/routes";

/**
 * Buttons stay in chats and steps in the database (Session.botStep) across releases: the strings
 * each flow writes are pinned here, byte for byte, and each is read back by the route that wrote it.
 */
const BUTTONS: [data: string, made: string, route: unknown, args: unknown][] = [
  ["m:give", handover.give.data(), handover.give, undefined],
  ["m:get", handover.get.data(), handover.get, undefined],
  ["h:done", handover.done.data(), handover.done, undefined],
  ["h:new:GET:cab-1:ctr-1", handover.replace.data({ kind: "GET", args: ["cab-1", "ctr-1"] }), handover.replace, { kind: "GET", args: ["cab-1", "ctr-1"] }],
  ["h:new:GIVE", handover.replace.data({ kind: "GIVE", args: [] }), handover.replace, { kind: "GIVE", args: [] }],
  ["h:close", handover.close.data(), handover.close, undefined],
  ["h:scan", handover.goOn.data(), handover.goOn, undefined],
  ["pl:wh-1", repair.placeChoice.data("wh-1"), repair.placeChoice, "wh-1"],
  ["m:repair", repair.repair.data(), repair.repair, undefined],
  ["rs:sc-1001", scooter.repairThis.data("sc-1001"), scooter.repairThis, "sc-1001"],
  ["rs:fleet:sc:7", scooter.repairThis.data("fleet:sc:7"), scooter.repairThis, "fleet:sc:7"],
  ["m:place", repair.place.data(), repair.place, undefined],
  ["j:WRAPPING:2", repair.job.data({ code: "WRAPPING", n: 2 }), repair.job, { code: "WRAPPING", n: 2 }],
  [
    "jv:STEM_PLAY:REPLACE_BEARING:0",
    repair.jobVariant.data({ code: "STEM_PLAY", variant: "REPLACE_BEARING", n: 0 }),
    repair.jobVariant,
    { code: "STEM_PLAY", variant: "REPLACE_BEARING", n: 0 },
  ],
  ["je:COMPLETED", repair.jobEnd.data("COMPLETED"), repair.jobEnd, "COMPLETED"],
  ["je:FAILED", repair.jobEnd.data("FAILED"), repair.jobEnd, "FAILED"],
  ["je:CANCELLED", repair.jobEnd.data("CANCELLED"), repair.jobEnd, "CANCELLED"],
  ["p:jobs", repair.panel.data(), repair.panel, undefined],
  ["p:cmds", repair.commands.data(), repair.commands, undefined],
  ["c:BLINK_LIGHT", repair.control.data("BLINK_LIGHT"), repair.control, "BLINK_LIGHT"],
  ["c:OPEN_LOCK", repair.control.data("OPEN_LOCK"), repair.control, "OPEN_LOCK"],
  ["c?:OPEN_LOCK", repair.confirmControl.data("OPEN_LOCK"), repair.confirmControl, "OPEN_LOCK"],
  ["c?:UNBLOCK_WHEEL", repair.confirmControl.data("UNBLOCK_WHEEL"), repair.confirmControl, "UNBLOCK_WHEEL"],
  ["re:COMPLETED", repair.repairEnd.data("COMPLETED"), repair.repairEnd, "COMPLETED"],
  ["re:FAILED", repair.repairEnd.data("FAILED"), repair.repairEnd, "FAILED"],
  ["re?:FAILED", repair.confirmRepairEnd.data("FAILED"), repair.confirmRepairEnd, "FAILED"],
  ["re?:CANCELLED", repair.confirmRepairEnd.data("CANCELLED"), repair.confirmRepairEnd, "CANCELLED"],
  ["m:scooter", scooter.card.data(), scooter.card, undefined],
  ["m:ops", admin.operators.data(), admin.operators, undefined],
  ["ops:add", admin.add.data(), admin.add, undefined],
  ["ops:rm:ivan_petrov", admin.remove.data("ivan_petrov"), admin.remove, "ivan_petrov"],
  ["m:menu", start.menu.data(), start.menu, undefined],
  ["cancel", start.cancel.data(), start.cancel, undefined],
  ["st:mine", stats.stats.data("mine"), stats.stats, "mine"],
  ["st:all", stats.stats.data("all"), stats.stats, "all"],
];

/** Every botStep string a flow writes: read back by its route, and written again the same. */
const STEPS = [
  "GIVE:cabinet",
  "GET:cabinet",
  "GIVE:contractor:cab-1",
  "GET:contractor:cab-2",
  "h:asked",
  "repair:vehicle",
  "repair:place:sc-1001",
  "repair:newplace",
  "scooter:vehicle",
  "admin:add",
];

describe("bot: the button and step protocols", () => {
  it("each flow's callback data is byte-identical to what buttons already in chats carry, and read back by the same route", () => {
    for (const [data, made, route, args] of BUTTONS) {
      assert.equal(made, data);
      const found = match(ROUTES.buttons, data);
      assert.ok(found, data);
      assert.equal(found.route, route, data);
      assert.deepEqual(found.args, args, data);
    }
    assert.equal(new Set(ROUTES.buttons.map((r) => r.prefix)).size, ROUTES.buttons.length, "one route per prefix");
  });

  it("callback data stays within Telegram's 64 bytes (the catalogue's longest type and variant, a 32-letter login)", () => {
    for (const data of [
      repair.jobVariant.data({ code: "DASHBOARD_CONTROLLER", variant: "REPLACE_BEARING", n: 9999 }),
      repair.job.data({ code: "DASHBOARD_CONTROLLER", n: 9999 }),
      admin.remove.data("a".repeat(32)),
      repair.confirmControl.data("UNBLOCK_WHEEL"),
    ]) {
      assert.ok(Buffer.byteLength(data) <= 64, data);
    }
  });

  it("what the old decoder took the same way, and what no button ever carried goes nowhere", () => {
    assert.equal(match(ROUTES.buttons, "p:anything")?.route, repair.panel, "any p: but p:cmds is the panel");
    assert.equal(match(ROUTES.buttons, "h:done")?.route, handover.done);
    assert.deepEqual(match(ROUTES.buttons, "st:other")?.args, "mine");
    assert.equal(match(ROUTES.buttons, "cancel:x")?.route, start.cancel);
    for (const data of ["m", "m:nope", "ops:rm", "ops:rm:", "je:PERFORMING", "je:BOGUS", "c:TELEPORT", "re?:PERFORMING", "jv:FENDERS", "x", ""]
      // "h:" is read as «Готово» only when it says so: a forged or unknown h:… (h:new:XXX) must not finish a handover
      .concat(["h:whatever", "h:new:XXX", "h:new:GIVE:a:b:c", "h", "h:done:x"])) {
      assert.equal(match(ROUTES.buttons, data), null, data);
    }
  });

  it("every botStep string the flows write is read back by the route that writes it", () => {
    for (const value of STEPS) {
      const found = match(ROUTES.steps, value);
      assert.ok(found, value);
      assert.equal((found.route as unknown as StepRoute<unknown>).step(found.args), value);
    }
    for (const value of ["scooter:vehicle:x", "admin:add:x", "GIVE:contractor", "GIVE", "repair:other", "other:step", "h:asked:x"]) {
      assert.equal(match(ROUTES.steps, value), null, value);
    }
    assert.equal(new Set(ROUTES.steps.map((r) => r.prefix)).size, ROUTES.steps.length, "one route per prefix");
  });

  it("commands by name, each declared by one flow", () => {
    assert.deepEqual([...ROUTES.commands.keys()].sort(), ["cancel", "done", "get", "give", "help", "repair", "scooter", "start", "stats"]);
  });
});
