import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { FakeUser } from "../emulators/telegram";
import { BotStack } from "./support/bot-stack";

const MECH_EN: FakeUser = { id: 7201, username: "mech_en", language_code: "en-GB" };
const MECH_RU: FakeUser = { id: 7202, username: "mech_ru", language_code: "ru" };

/** What the gateway words (job-type titles) comes in the language the bot speaks to that person. */
describe("the bot asks the gateway in the person's language (Accept-Language)", () => {
  const stack = new BotStack();
  before(async () => {
    await stack.start();
    await stack.operator("mech_en", ["REPAIRER"], "wh-1");
    await stack.operator("mech_ru", ["REPAIRER"], "wh-1");
  });
  after(() => stack.stop());

  it("the gateway's job-type titles: English for an English Telegram, Russian for a Russian one", async () => {
    const tg = stack.telegram;
    const titles = async (accept: string) =>
      (await stack.gql(`{ jobTypes { code title active } }`, {}, { jwt: "mech_en" }, { "accept-language": accept })).data.jobTypes
        .filter((t: any) => t.active)
        .map((t: any) => t.title);
    const english = await titles("en");
    const russian = await titles("ru");
    assert.ok(english.includes("Wrapping") && russian.includes("Оклейка"), `${english} / ${russian}`);

    const [en] = await tg.say(MECH_EN, "/repair sc-1001");
    assert.match(en.text, /sc-1001/);
    const enJobs = en.buttons.map((b) => b.text).filter((text) => english.includes(text) || russian.includes(text));
    assert.deepEqual(enJobs, english, "the panel's job buttons are the gateway's English titles");

    const [ru] = await tg.say(MECH_RU, "/repair sc-1002");
    const ruJobs = ru.buttons.map((b) => b.text).filter((text) => english.includes(text) || russian.includes(text));
    assert.deepEqual(ruJobs, russian, "and Russian ones for a Russian Telegram");

    const [started] = await tg.press(MECH_EN, en, "Stem play");
    assert.match(started.text, /Stem play/, "a variant's question names the type in English");
  });
});
